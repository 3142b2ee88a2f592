'use client';

import { useId, useState, useSyncExternalStore } from 'react';
import { endpointSchema } from '@/lib/chain/networks';
import { isLoopbackEndpoint, isLoopbackHost } from '@/lib/commit/browser-endpoint';
import { describeGenesis, type NetworkProblem } from '@/lib/commit/network-check';
import type { ChainView } from './use-chain';

const noSubscription = () => () => {};

/**
 * Which chain node the page talks to (the studio's configured one, or the miner's or validator's
 * own `ws://` / `wss://` node), what it is, and whether its genesis is the network the studio is
 * configured for.
 */
export function ChainPanel({
  chain,
  networkLabel,
  simulated,
  custom,
  endpointWithheld,
  onEndpoint,
  problem,
}: {
  chain: ChainView;
  networkLabel: string;
  simulated: boolean;
  custom: boolean;
  endpointWithheld: boolean;
  onEndpoint: (endpoint: string | null) => void;
  problem: NetworkProblem | null;
}) {
  const ids = { heading: useId(), endpoint: useId(), hint: useId() };
  const [draft, setDraft] = useState('');
  const [draftError, setDraftError] = useState<string | null>(null);
  const { status } = chain;
  const pageHost = useSyncExternalStore(
    noSubscription,
    () => window.location.hostname,
    () => null,
  );
  // ws://127.0.0.1 means the machine running this browser: from another machine it is never the
  // studio's node, however the studio is reached.
  const loopbackElsewhere =
    pageHost !== null && !isLoopbackHost(pageHost) && isLoopbackEndpoint(chain.endpoint);

  return (
    <section className="card commit-section" aria-labelledby={ids.heading}>
      <div className="section-head">
        <h2 id={ids.heading}>Chain</h2>
        {simulated && !custom && <span className="badge badge-warn">Simulated local chain</span>}
      </div>
      <dl className="facts">
        <dt>Network</dt>
        <dd>{networkLabel}</dd>
        <dt>Node</dt>
        <dd>
          <code>{chain.endpoint}</code> {custom ? '(your node)' : '(the studio’s node)'}
        </dd>
        {status.kind === 'ready' && (
          <>
            <dt>Chain</dt>
            <dd>{status.chainName}</dd>
            <dt>Genesis</dt>
            <dd>
              <code title={status.client.genesisHash}>{describeGenesis(status.client.genesisHash)}</code>{' '}
              {problem?.code === 'wrong_chain' ? (
                <span className="badge badge-danger">not {networkLabel}</span>
              ) : problem?.code === 'unverified' ? (
                <span className="badge badge-warn">not verified</span>
              ) : (
                <span className="badge badge-ok">matches {networkLabel}</span>
              )}
            </dd>
            <dt>Blocks</dt>
            <dd data-testid="chain-blocks">
              best #{chain.best?.number ?? '…'}
              {chain.finalized !== null && ` · finalized #${chain.finalized}`}
              {chain.msPerBlock !== null && ` · about ${(chain.msPerBlock / 1000).toFixed(1)} s per block`}
            </dd>
          </>
        )}
      </dl>
      {endpointWithheld && !custom && (
        <p className="notice">
          The studio’s own node address carries credentials, which are never sent to browsers, so this page
          uses the public {networkLabel} endpoint. Enter a node of your own below if you prefer.
        </p>
      )}
      <div aria-live="polite">
        {status.kind === 'connecting' && <p>Connecting to {chain.endpoint}…</p>}
        {(status.kind === 'lost' || status.kind === 'failed') && (
          <div className="alert" role="alert">
            <p>{status.kind === 'lost' ? 'The chain node went away.' : 'Cannot reach the chain node.'}</p>
            <p>{status.message}</p>
            {loopbackElsewhere && (
              <p>
                {chain.endpoint} points at the computer this browser runs on, not at the studio’s server: the
                studio’s node is reachable only from the machine it runs on. Use a node this browser can
                reach.
              </p>
            )}
            <button type="button" className="button button-small" onClick={chain.reconnect}>
              Reconnect
            </button>
          </div>
        )}
        {problem && problem.code !== 'account_elsewhere' && (
          <p className={problem.blocking ? 'alert' : 'notice'} role={problem.blocking ? 'alert' : undefined}>
            {problem.message}
          </p>
        )}
      </div>
      <details className="custom-endpoint" open={custom || undefined}>
        <summary>Use another node</summary>
        <form
          className="inline-form"
          aria-label="Connect to another node"
          onSubmit={(event) => {
            event.preventDefault();
            const parsed = endpointSchema.safeParse(draft);
            setDraftError(
              parsed.success ? null : 'Give a ws:// or wss:// URL, e.g. wss://my-node.example:443.',
            );
            if (parsed.success) onEndpoint(parsed.data);
          }}
        >
          <div className="field">
            <label htmlFor={ids.endpoint}>Node endpoint</label>
            <input
              id={ids.endpoint}
              type="text"
              inputMode="url"
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
              placeholder="wss://your-subtensor-node:443"
              aria-describedby={ids.hint}
              aria-invalid={draftError ? true : undefined}
              autoComplete="off"
              spellCheck={false}
            />
            <p className="hint" id={ids.hint}>
              A subtensor node of {networkLabel} you trust, for instance a validator’s own. Its genesis is
              checked before anything is signed.
            </p>
          </div>
          <button type="submit" className="button">
            Connect
          </button>
          {custom && (
            <button type="button" className="button button-ghost" onClick={() => onEndpoint(null)}>
              Back to the studio’s node
            </button>
          )}
        </form>
        {draftError && (
          <p className="alert" role="alert">
            {draftError}
          </p>
        )}
      </details>
    </section>
  );
}
