/** `state_*`: metadata, runtime version, storage reads (single, batched, paged), runtime calls, subscriptions. */
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';
import { z } from 'zod';
import type { Block } from './block';
import type { NodeCore } from './node';
import {
  hash,
  hex,
  method,
  optionalHash,
  type RpcTable,
  subscribe,
  subscriptionId,
  unsubscribe,
} from './rpc-types';
import { stateCall } from './runtime-api';
import { RpcError } from './validate';

const MAX_PAGE = 1000;

export function runtimeVersionJson(node: NodeCore) {
  const { version } = node.rt;
  return { ...version, stateVersion: version.systemVersion };
}

export function stateMethods(node: NodeCore): RpcTable {
  const { chain } = node;
  const at = (block: string | null | undefined): string | undefined => block ?? undefined;
  const read = (key: string, block?: string | null) =>
    chain.stateAt(at(block)).get(key.toLowerCase()) ?? null;

  const getStorage = method(z.tuple([hex, optionalHash]), ([key, block]) => read(key, block));
  const getKeysPaged = method(
    z.tuple([hex, z.number().int().nonnegative(), z.union([hex, z.null()]).optional(), optionalHash]),
    ([prefix, count, startKey, block]) => {
      if (count > MAX_PAGE)
        throw new RpcError(-32602, 'Invalid params', `count exceeds maximum value ${MAX_PAGE}`);
      const start = startKey?.toLowerCase();
      return chain
        .stateAt(at(block))
        .keys(prefix)
        .filter((key) => start === undefined || key > start)
        .slice(0, count);
    },
  );
  const getRuntimeVersion = method(z.tuple([optionalHash]), ([block]) => {
    chain.stateAt(at(block));
    return runtimeVersionJson(node);
  });
  const call = method(z.tuple([z.string().min(1), hex, optionalHash]), ([name, data, block]) =>
    stateCall(node.rt, chain.stateAt(at(block)), name, data),
  );
  const runtimeVersionSub = method(z.tuple([]), (_, connection) =>
    subscribe(connection, 'state_runtimeVersion', (emit) => {
      emit(runtimeVersionJson(node));
      return () => {};
    }),
  );
  const stop = method(subscriptionId, ([id], connection) => unsubscribe(connection, id));

  return {
    state_getMetadata: method(z.tuple([optionalHash]), ([block]) => {
      chain.stateAt(at(block));
      return u8aToHex(node.rt.metadataBytes);
    }),
    state_getRuntimeVersion: getRuntimeVersion,
    chain_getRuntimeVersion: getRuntimeVersion,
    state_getStorage: getStorage,
    state_getStorageAt: getStorage,
    state_getStorageHash: method(z.tuple([hex, optionalHash]), ([key, block]) => {
      const value = read(key, block);
      return value === null ? null : blake2AsHex(hexToU8a(value), 256);
    }),
    state_getStorageSize: method(z.tuple([hex, optionalHash]), ([key, block]) => {
      const value = read(key, block);
      return value === null ? null : hexToU8a(value).length;
    }),
    state_queryStorageAt: method(z.tuple([z.array(hex), optionalHash]), ([keys, block]) => {
      const target = chain.block(at(block));
      if (!target) throw new RpcError(4003, `Client error: UnknownBlock: ${block}`);
      return [{ block: target.hash, changes: keys.map((key) => [key, read(key, target.hash)]) }];
    }),
    state_getKeysPaged: getKeysPaged,
    state_getKeysPagedAt: getKeysPaged,
    state_getKeys: method(z.tuple([hex, optionalHash]), ([prefix, block]) =>
      chain.stateAt(at(block)).keys(prefix),
    ),
    state_call: call,
    state_callAt: call,
    state_subscribeRuntimeVersion: runtimeVersionSub,
    chain_subscribeRuntimeVersion: runtimeVersionSub,
    state_unsubscribeRuntimeVersion: stop,
    chain_unsubscribeRuntimeVersion: stop,
    state_subscribeStorage: method(
      z.tuple([z.union([z.array(hex), z.null()]).optional()]),
      ([keys], connection) =>
        subscribe(connection, 'state_storage', (emit) => {
          const watched = keys?.map((key) => key.toLowerCase());
          const best = chain.best;
          if (watched) emit({ block: best.hash, changes: watched.map((key) => [key, read(key, best.hash)]) });
          return chain.onBlock((block: Block) => {
            const changed = new Set(block.state?.changedKeys() ?? []);
            const relevant = watched ? watched.filter((key) => changed.has(key)) : [...changed];
            if (relevant.length === 0) return;
            emit({ block: block.hash, changes: relevant.map((key) => [key, block.state?.get(key) ?? null]) });
          });
        }),
    ),
    state_unsubscribeStorage: stop,
    state_queryStorage: method(z.tuple([z.array(hex), hash, optionalHash]), ([keys, from, to]) => {
      const first = chain.block(from);
      const last = chain.block(at(to));
      if (!first || !last) throw new RpcError(4003, 'Client error: UnknownBlock');
      const out: { block: string; changes: [string, string | null][] }[] = [];
      let previous: Map<string, string | null> | undefined;
      for (let n = first.number; n <= last.number; n++) {
        const block = chain.blockAt(n);
        if (!block?.state) continue;
        const values = new Map(keys.map((key) => [key, block.state?.get(key.toLowerCase()) ?? null]));
        const changes = keys
          .filter((key) => !previous || previous.get(key) !== values.get(key))
          .map((key): [string, string | null] => [key, values.get(key) ?? null]);
        if (changes.length > 0) out.push({ block: block.hash, changes });
        previous = values;
      }
      return out;
    }),
  };
}
