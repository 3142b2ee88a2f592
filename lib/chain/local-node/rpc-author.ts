/** `author_*` (submit, watch, pending), `system_*` and `payment_queryInfo`. */
import { z } from 'zod';
import type { NodeCore } from './node';
import type { TxStatus } from './pool';
import {
  hex,
  method,
  optionalHash,
  type RpcTable,
  subscribe,
  subscriptionId,
  unsubscribe,
} from './rpc-types';
import { paymentQueryInfo } from './runtime-api';
import { accountId } from './store';

export const CHAIN_NAME = 'Bittensor (simulated local chain)';
export const NODE_NAME = 'Genki Studio simulated subtensor';
export const NODE_VERSION = '1.0.0-genki-local';

/** Statuses after which the pool says nothing more about a transaction. */
const isFinal = (status: TxStatus) =>
  status === 'invalid' || status === 'dropped' || (typeof status === 'object' && 'finalized' in status);

export function authorMethods(node: NodeCore): RpcTable {
  const nextIndex = method(z.tuple([accountId]), ([who]) => node.pool.nextNonce(node.storeAt(), who));
  const unwatch = method(subscriptionId, ([id], connection) => unsubscribe(connection, id));
  return {
    author_submitExtrinsic: method(z.tuple([hex]), ([extrinsic]) => node.submit(extrinsic)),
    author_submitAndWatchExtrinsic: method(z.tuple([hex]), ([extrinsic], connection) => {
      // Validate before answering: an invalid transaction is an RPC error, not a subscription.
      const statuses: TxStatus[] = [];
      let forward: ((status: TxStatus) => void) | undefined;
      const watcher = (status: TxStatus) => (forward ? forward(status) : statuses.push(status));
      const hash = node.submit(extrinsic, watcher);
      return subscribe(connection, 'author_extrinsicUpdate', (emit, stop) => {
        forward = (status) => {
          emit(status);
          // A node ends the subscription after a final status.
          if (isFinal(status)) setImmediate(stop);
        };
        for (const status of statuses.splice(0)) forward(status);
        return () => {
          forward = undefined;
          node.pool.unwatch(hash, watcher);
        };
      });
    }),
    author_unwatchExtrinsic: unwatch,
    author_pendingExtrinsics: method(z.tuple([]), () => node.pool.pending().map((tx) => tx.hex)),
    system_chain: method(z.tuple([]), () => CHAIN_NAME),
    system_name: method(z.tuple([]), () => NODE_NAME),
    system_version: method(z.tuple([]), () => NODE_VERSION),
    system_chainType: method(z.tuple([]), () => 'Development'),
    system_properties: method(z.tuple([]), () => ({ ss58Format: 42, tokenDecimals: 9, tokenSymbol: 'TAO' })),
    system_health: method(z.tuple([]), () => ({ peers: 0, isSyncing: false, shouldHavePeers: false })),
    system_peers: method(z.tuple([]), () => []),
    system_syncState: method(z.tuple([]), () => ({
      startingBlock: 0,
      currentBlock: node.chain.best.number,
      highestBlock: node.chain.best.number,
    })),
    system_accountNextIndex: nextIndex,
    account_nextIndex: nextIndex,
    payment_queryInfo: method(z.tuple([hex, optionalHash]), ([extrinsic]) =>
      paymentQueryInfo(node.rt, extrinsic),
    ),
  };
}
