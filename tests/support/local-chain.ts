/**
 * The simulated `local` chain for tests: a node on a free loopback port (in-process), an
 * ApiPromise connected to it over WebSocket, the dev keys, and small helpers to reach subtensor
 * calls/storage (the default polkadot.js augmentation does not know them) and to send an extrinsic
 * and collect its statuses, events and dispatch error name. Always `await chain.close()`.
 */
import { ApiPromise, WsProvider } from '@polkadot/api';
import type { SubmittableExtrinsic, SubmittableExtrinsicFunction } from '@polkadot/api/types';
import type { QueryableStorageEntry } from '@polkadot/api-base/types';
import type { KeyringPair } from '@polkadot/keyring/types';
import { afterAll, beforeAll } from 'vitest';
import { ChainClient } from '../../lib/chain/client';
import { type LocalNode, type LocalNodeOptions, startLocalNode } from '../../lib/chain/local-node';
import { SUBTENSOR_SIGNED_EXTENSIONS } from '../../lib/chain/signed-extensions';
import { devKeys } from './keys';

export interface TestChain {
  node: LocalNode;
  api: ApiPromise;
  keys: Awaited<ReturnType<typeof devKeys>> & {
    charlie: KeyringPair;
    dave: KeyringPair;
    ferdie: KeyringPair;
  };
  close(): Promise<void>;
}

export async function startTestChain(options: LocalNodeOptions = {}): Promise<TestChain> {
  const node = await startLocalNode({ port: 0, instant: true, ...options });
  const api = await ApiPromise.create({
    provider: new WsProvider(node.url),
    noInitWarn: true,
    signedExtensions: SUBTENSOR_SIGNED_EXTENSIONS,
  });
  const base = await devKeys();
  const { Keyring } = await import('@polkadot/keyring');
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const keys = {
    ...base,
    charlie: keyring.addFromUri('//Charlie'),
    dave: keyring.addFromUri('//Dave'),
    ferdie: keyring.addFromUri('//Ferdie'),
  };
  return {
    node,
    api,
    keys,
    close: async () => {
      await api.disconnect();
      await node.close();
    },
  };
}

export function txOf(
  api: ApiPromise,
  section: string,
  method: string,
): SubmittableExtrinsicFunction<'promise'> {
  const fn = api.tx[section]?.[method];
  if (!fn) throw new Error(`no call ${section}.${method}`);
  return fn;
}

export function queryOf(api: ApiPromise, section: string, method: string): QueryableStorageEntry<'promise'> {
  const entry = api.query[section]?.[method];
  if (!entry) throw new Error(`no storage ${section}.${method}`);
  return entry;
}

export interface Sent {
  statuses: string[];
  events: string[];
  /** `section.Name` of the dispatch error, when the call failed. */
  error?: string;
  blockHash: string;
}

/** Signs and sends, resolving at `finalized` (default) or `inBlock`; rejects on RPC errors. */
export function send(
  api: ApiPromise,
  tx: SubmittableExtrinsic<'promise'>,
  pair: KeyringPair,
  options: { nonce?: number; waitFor?: 'inBlock' | 'finalized' } = {},
): Promise<Sent> {
  const statuses: string[] = [];
  return new Promise((resolve, reject) => {
    tx.signAndSend(pair, { nonce: options.nonce ?? -1 }, (result) => {
      const { status } = result;
      statuses.push(status.type);
      const done = status.isFinalized || (options.waitFor === 'inBlock' && status.isInBlock);
      if (status.isInvalid || status.isDropped) reject(new Error(`transaction ${status.type}`));
      if (!done) return;
      let error: string | undefined;
      if (result.dispatchError?.isModule) {
        const meta = api.registry.findMetaError(result.dispatchError.asModule);
        error = `${meta.section}.${meta.name}`;
      } else if (result.dispatchError) error = result.dispatchError.type;
      resolve({
        statuses,
        events: result.events.map(({ event }) => `${event.section}.${event.method}`),
        error,
        blockHash: (status.isFinalized ? status.asFinalized : status.asInBlock).toHex(),
      });
    }).catch(reject);
  });
}

/** One JSON-RPC call over HTTP POST (the node's other transport). */
export async function httpRpc(node: LocalNode, body: unknown): Promise<unknown> {
  const response = await fetch(node.httpUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return response.json();
}

/** Polls `condition` every 20 ms until it holds; fails after `timeoutMs` (timing-independent tests). */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A simulated chain and a ChainClient on it for the enclosing test file or describe block; read
 * `chain` and `client` inside tests (they are set by the beforeAll this registers).
 */
export function useTestChainClient(options: LocalNodeOptions = {}): {
  chain: TestChain;
  client: ChainClient;
} {
  const handle = {} as { chain: TestChain; client: ChainClient };
  beforeAll(async () => {
    handle.chain = await startTestChain(options);
    handle.client = await ChainClient.connect({ endpoint: handle.chain.node.url });
  }, 60_000);
  afterAll(async () => {
    await handle.client?.disconnect();
    await handle.chain?.close();
  });
  return handle;
}
