import type { Metadata } from 'next';
import { CommitStudio } from '@/components/commit/commit-studio';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { SignInPrompt } from '@/components/wallet/sign-in-prompt';
import { getCurrentUser } from '@/lib/auth/current-user';
import { configuredEndpoint } from '@/lib/chain/networks';
import { browserEndpoint } from '@/lib/commit/browser-endpoint';
import { expectedChain } from '@/lib/commit/chain-probe';
import { getConfig } from '@/lib/env';
import { NETWORK_LABELS } from '@/lib/site';

export const metadata: Metadata = { title: 'Commit' };

export default async function CommitPage() {
  const user = await getCurrentUser();
  const config = getConfig();
  const header = (
    <PageHeader eyebrow="Miner studio" title="Commit your model">
      <p>
        Validators find your model through one on-chain commitment signed by your registered hotkey:{' '}
        <code>namespace:name:commit:secure_hash:competition_id</code>, at most 128 bytes. The secure hash ties
        the repo’s files to your hotkey, so nobody can claim your commitment as theirs.
      </p>
    </PageHeader>
  );
  if (!user) {
    return (
      <>
        {header}
        <SignInPrompt title="Sign in to commit a model">
          <p>The commitment is signed in your wallet extension; your keys never leave it.</p>
        </SignInPrompt>
      </>
    );
  }
  if (config.netuid === undefined) {
    return (
      <>
        {header}
        <EmptyState title="Which subnet? Set GENKI_NETUID">
          <p>
            The studio runs on {NETWORK_LABELS[config.network]}, where Genki-Dama publishes no netuid the
            studio could assume. Ask the subnet owner for it, set <code>GENKI_NETUID</code> and restart the
            studio.
          </p>
        </EmptyState>
      </>
    );
  }
  const endpoint = configuredEndpoint(config);
  // Learnt on the server, so a node picked on the page is checked against the configured network.
  const expected = await expectedChain(config.network, endpoint);
  const forBrowser = browserEndpoint(config.network, endpoint);
  return (
    <>
      {header}
      <CommitStudio
        config={{
          network: config.network,
          networkLabel: NETWORK_LABELS[config.network],
          endpoint: forBrowser.endpoint,
          endpointWithheld: forBrowser.withheld,
          netuid: config.netuid,
          hubUrl: config.hfHubUrl,
          expectedGenesis: expected.genesisHash,
          simulated: config.network === 'local' && expected.simulated,
        }}
      />
    </>
  );
}
