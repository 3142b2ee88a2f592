'use client';

import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { HubRepoHashProgress } from '@/lib/chain/hub-repo-hash';
import { checkAccountGenesis, checkChainGenesis } from '@/lib/commit/network-check';
import type { Network } from '@/lib/env';
import { hotkeyStateOptions, hubSecureHashOptions } from '@/lib/queries/commit';
import type { HotkeyAccount } from '@/lib/wallet/extension';
import { ChainPanel } from './chain-panel';
import { CommitmentPanel } from './commitment-panel';
import { type HotkeyState, HotkeyStatus } from './hotkey-status';
import { ModelCheck } from './model-check';
import { ModelPicker } from './model-picker';
import { SubnetCommitments } from './subnet-commitments';
import { type ChainView, useChain } from './use-chain';
import { useModelChoice } from './use-model-choice';
import { WalletPanel } from './wallet-panel';

/** What the server tells the page (no secrets): where the chain and the Hub are, and what to expect. */
export interface CommitPageConfig {
  network: Network;
  networkLabel: string;
  /** The configured node (GENKI_CHAIN_ENDPOINT or the network's default). */
  endpoint: string;
  /** The configured node's URL carries credentials, so the page got the public endpoint instead. */
  endpointWithheld: boolean;
  netuid: number;
  hubUrl: string;
  /** Genesis of the configured network, or null when the server could not learn it. */
  expectedGenesis: string | null;
  /** The configured node is the studio's simulated chain (it has the dev faucet). */
  simulated: boolean;
}

/**
 * The miner's commit flow on one page: chain node → hotkey → model revision → commitment, plus the
 * subnet's commitments as validators read them.
 */
export function CommitStudio({ config }: { config: CommitPageConfig }) {
  const [customEndpoint, setCustomEndpoint] = useState<string | null>(null);
  const endpoint = customEndpoint ?? config.endpoint;
  const custom = customEndpoint !== null && customEndpoint !== config.endpoint;
  const chain = useChain(endpoint);
  const [account, setAccount] = useState<HotkeyAccount | null>(null);
  const choice = useModelChoice(config.hubUrl);
  const address = account?.address ?? null;
  // Progress belongs to one (repo, commit, hotkey) run: a new run must not start from the last
  // run's "12 of 12", nor a cancelled run's late report show over the new one.
  const hashRun = `${choice.repo}@${choice.commit}#${address ?? ''}`;
  const [progress, setProgress] = useState<{ run: string; value: HubRepoHashProgress } | null>(null);
  const modelHeading = useId();

  const hotkeyState = useQuery(
    hotkeyStateOptions(chain.client, endpoint, config.netuid, address ?? '', address ? chain.best : null),
  );
  const hash = useQuery(
    hubSecureHashOptions(config.hubUrl, choice.repo, choice.commit, address ?? '', (value) =>
      setProgress({ run: hashRun, value }),
    ),
  );

  const genesis = chain.client?.genesisHash ?? null;
  const chainProblem =
    genesis === null
      ? null
      : checkChainGenesis({
          networkLabel: config.networkLabel,
          chainGenesis: genesis,
          expectedGenesis: config.expectedGenesis,
        });
  const accountProblem =
    genesis === null || !account
      ? null
      : checkAccountGenesis({ accountGenesis: account.genesisHash, chainGenesis: genesis });
  const networkProblem = chainProblem?.blocking ? chainProblem : (accountProblem ?? chainProblem);

  return (
    <div className="commit-studio">
      <ChainPanel
        chain={chain}
        networkLabel={config.networkLabel}
        simulated={config.simulated}
        custom={custom}
        endpointWithheld={config.endpointWithheld}
        onEndpoint={setCustomEndpoint}
        problem={chainProblem}
      />
      <WalletSection
        config={config}
        chain={chain}
        account={account}
        onSelect={setAccount}
        hotkeyState={hotkeyState}
        accountProblem={accountProblem?.message ?? null}
        offerSimulatedRegistration={config.simulated && !custom && !chainProblem?.blocking}
      />
      <section className="card commit-section" aria-labelledby={modelHeading}>
        <h2 id={modelHeading}>2. Model</h2>
        <p className="hint">
          Validators download your repo at the exact commit you name and load <code>state_dict.bin</code> and{' '}
          <code>compression_state_dict.bin</code> from its root, then check the files against your secure
          hash.
        </p>
        <ModelPicker choice={choice} hubUrl={config.hubUrl} />
        {choice.repo && choice.commit && (
          <ModelCheck
            hash={hash}
            progress={progress?.run === hashRun ? progress.value : null}
            hotkey={address}
          />
        )}
      </section>
      <CommitmentPanel
        netuid={config.netuid}
        endpoint={endpoint}
        client={chain.client}
        account={account}
        hash={choice.repo && choice.commit ? hash.data : undefined}
        hotkeyState={hotkeyState.data}
        networkProblem={networkProblem}
        best={chain.best}
        msPerBlock={chain.msPerBlock}
      />
      <SubnetCommitments
        client={chain.client}
        endpoint={endpoint}
        netuid={config.netuid}
        at={chain.best}
        highlight={address}
      />
    </div>
  );
}

function WalletSection(props: {
  config: CommitPageConfig;
  chain: ChainView;
  account: HotkeyAccount | null;
  onSelect: (account: HotkeyAccount | null) => void;
  hotkeyState: UseQueryResult<HotkeyState>;
  accountProblem: string | null;
  offerSimulatedRegistration: boolean;
}) {
  const { config, chain, account } = props;
  return (
    <WalletPanel
      netuid={config.netuid}
      selected={account}
      onSelect={props.onSelect}
      chainGenesis={chain.client?.genesisHash ?? null}
    >
      {props.accountProblem && (
        <p className="alert" role="alert">
          {props.accountProblem}
        </p>
      )}
      {account && (
        <HotkeyStatus
          state={props.hotkeyState}
          netuid={config.netuid}
          client={chain.client}
          endpoint={chain.endpoint}
          account={account}
          offerSimulatedRegistration={props.offerSimulatedRegistration}
        />
      )}
    </WalletPanel>
  );
}
