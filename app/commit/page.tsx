import type { Metadata } from 'next';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { SignInPrompt } from '@/components/wallet/sign-in-prompt';
import { getCurrentUser } from '@/lib/auth/current-user';

export const metadata: Metadata = { title: 'Commit' };

export default async function CommitPage() {
  const user = await getCurrentUser();
  return (
    <>
      <PageHeader eyebrow="Miner studio" title="Commit your model">
        <p>
          Validators find your model through one on-chain commitment signed by your registered hotkey:{' '}
          <code>namespace:name:commit:secure_hash:competition_id</code>, at most 128 bytes. The secure hash
          ties the repo’s files to your hotkey, so nobody can claim your commitment as theirs.
        </p>
      </PageHeader>
      {user ? (
        <EmptyState title="Nothing committed from this account yet">
          <p>
            To commit you need a Hugging Face model repo with <code>state_dict.bin</code> and{' '}
            <code>compression_state_dict.bin</code> at its root (under 20 GiB), and a hotkey registered on the
            Genki-Dama subnet in your wallet. Validators evaluate a commitment 1200 blocks (about four hours)
            after it lands.
          </p>
        </EmptyState>
      ) : (
        <SignInPrompt title="Sign in to commit a model">
          <p>The commitment is signed in your wallet extension; your keys never leave it.</p>
        </SignInPrompt>
      )}
    </>
  );
}
