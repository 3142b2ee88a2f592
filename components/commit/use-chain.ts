'use client';

import { useCallback, useEffect, useState } from 'react';
import type { ChainClient } from '@/lib/chain/client';
import type { BlockRef } from '@/lib/chain/query';
import { observedBlockMs } from '@/lib/commit/evaluation';

export type ChainStatus =
  | { kind: 'connecting' }
  | { kind: 'ready'; client: ChainClient; chainName: string }
  /** Connected once, then the node went away; the page stops retrying until the user asks. */
  | { kind: 'lost'; message: string }
  | { kind: 'failed'; message: string };

export interface ChainView {
  endpoint: string;
  status: ChainStatus;
  client: ChainClient | null;
  best: BlockRef | null;
  finalized: number | null;
  /** Block time as observed on this page (null until two heads arrived). */
  msPerBlock: number | null;
  reconnect(): void;
}

const ARRIVALS_KEPT = 9;
/**
 * A socket can die without a close event (laptop sleep, a network change): heads just stop. With no
 * new head for this many block times (and never less than STALL_MIN_MS), the node counts as lost.
 */
const STALL_BLOCKS = 4;
const STALL_MIN_MS = 30_000;
const STALL_CHECK_MS = 5_000;

/**
 * One ChainClient for `endpoint` in this browser tab, following best and finalized heads (the
 * block-keyed queries and the countdown read them). @polkadot/api is imported lazily, so the page's
 * first load does not carry it. When the connection drops, the client is closed rather than left to
 * retry forever: the page says the node went away and offers a reconnect.
 */
export function useChain(endpoint: string): ChainView {
  const [attempt, setAttempt] = useState(0);
  const [status, setStatus] = useState<ChainStatus>({ kind: 'connecting' });
  const [best, setBest] = useState<BlockRef | null>(null);
  const [finalized, setFinalized] = useState<number | null>(null);
  const [arrivals, setArrivals] = useState<number[]>([]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the reconnect trigger.
  useEffect(() => {
    let cancelled = false;
    let client: ChainClient | undefined;
    setStatus({ kind: 'connecting' });
    setBest(null);
    setFinalized(null);
    setArrivals([]);

    const close = () => {
      // Subscriptions die with the socket; unsubscribing first would race the close and log errors.
      void client?.disconnect().catch(() => {});
    };

    let watchdog: ReturnType<typeof setInterval> | undefined;
    let lastHeadAt = Date.now();
    let headsSeen = 0;
    // Arrival times of heads after the first, also read by the watchdog (state is not, in a timer).
    const times: number[] = [];
    const lose = (message: string) => {
      if (cancelled) return;
      cancelled = true;
      clearInterval(watchdog);
      setStatus({ kind: 'lost', message });
      close();
    };

    (async () => {
      const { ChainClient } = await import('@/lib/chain/client');
      try {
        client = await ChainClient.connect({ endpoint, connectTimeoutMs: 10_000, callTimeoutMs: 20_000 });
      } catch (error) {
        if (!cancelled) setStatus({ kind: 'failed', message: (error as Error).message });
        return;
      }
      if (cancelled) return close();
      const { api } = client.connection;
      client.connection.onDisconnect(() => lose(`Lost the connection to the chain node at ${endpoint}.`));
      try {
        const chainName = await client.chainName();
        await api.rpc.chain.subscribeNewHeads((header) => {
          if (cancelled) return;
          const now = Date.now();
          // The first head is the one current when the page subscribed, a fraction of a block after
          // its predecessor: its arrival time would make the first block-time estimate far too short.
          if (headsSeen > 0) {
            times.push(now);
            if (times.length > ARRIVALS_KEPT) times.shift();
            setArrivals([...times]);
          }
          lastHeadAt = now;
          headsSeen += 1;
          setBest({ hash: header.hash.toHex(), number: header.number.toNumber() });
        });
        watchdog = setInterval(() => {
          const limit = Math.max(STALL_MIN_MS, STALL_BLOCKS * (observedBlockMs(times) ?? 0));
          const silent = Date.now() - lastHeadAt;
          if (silent > limit) {
            lose(
              `No new block from the chain node at ${endpoint} for ${Math.round(silent / 1000)} s; the connection seems dead.`,
            );
          }
        }, STALL_CHECK_MS);
        await api.rpc.chain.subscribeFinalizedHeads((header) => {
          if (!cancelled) setFinalized(header.number.toNumber());
        });
        if (!cancelled) setStatus({ kind: 'ready', client, chainName });
      } catch (error) {
        if (!cancelled) setStatus({ kind: 'failed', message: (error as Error).message });
        close();
      }
    })();

    return () => {
      cancelled = true;
      clearInterval(watchdog);
      close();
    };
  }, [endpoint, attempt]);

  const reconnect = useCallback(() => setAttempt((value) => value + 1), []);
  // Right after a switch of node, one render still holds the previous node's status: it must not
  // lend its client to queries already keyed by the new endpoint.
  const current: ChainStatus =
    status.kind === 'ready' && status.client.endpoint !== endpoint ? { kind: 'connecting' } : status;
  return {
    endpoint,
    status: current,
    client: current.kind === 'ready' ? current.client : null,
    best: current.kind === 'ready' ? best : null,
    finalized,
    msPerBlock: observedBlockMs(arrivals),
    reconnect,
  };
}
