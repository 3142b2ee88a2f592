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
      client.connection.onDisconnect(() => {
        if (cancelled) return;
        setStatus({ kind: 'lost', message: `Lost the connection to the chain node at ${endpoint}.` });
        close();
      });
      try {
        const chainName = await client.chainName();
        await api.rpc.chain.subscribeNewHeads((header) => {
          if (cancelled) return;
          setBest({ hash: header.hash.toHex(), number: header.number.toNumber() });
          setArrivals((previous) => [...previous.slice(-(ARRIVALS_KEPT - 1)), Date.now()]);
        });
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
      close();
    };
  }, [endpoint, attempt]);

  const reconnect = useCallback(() => setAttempt((value) => value + 1), []);
  return {
    endpoint,
    status,
    client: status.kind === 'ready' ? status.client : null,
    best: status.kind === 'ready' ? best : null,
    finalized,
    msPerBlock: observedBlockMs(arrivals),
    reconnect,
  };
}
