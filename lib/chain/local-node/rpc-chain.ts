/** `chain_*`: block hashes, headers, blocks and the head subscriptions (with the node's aliases). */
import { z } from 'zod';
import type { Block } from './block';
import type { NodeCore } from './node';
import {
  blockNumber,
  method,
  optionalHash,
  type RpcConnection,
  type RpcTable,
  subscribe,
  subscriptionId,
  unsubscribe,
} from './rpc-types';

function headsSubscription(
  node: NodeCore,
  connection: RpcConnection,
  notification: string,
  finalized: boolean,
) {
  return subscribe(connection, notification, (emit) => {
    emit((finalized ? node.chain.finalized : node.chain.best).header);
    const send = (block: Block) => emit(block.header);
    return finalized ? node.chain.onFinalized(send) : node.chain.onBlock(send);
  });
}

export function chainMethods(node: NodeCore): RpcTable {
  const { chain } = node;
  const getBlockHash = method(
    z.tuple([z.union([blockNumber, z.array(blockNumber), z.null()]).optional()]),
    ([numbers]) => {
      const one = (n: number) => chain.hashOf(n) ?? null;
      if (numbers === undefined || numbers === null) return chain.best.hash;
      return Array.isArray(numbers) ? numbers.map(one) : one(numbers);
    },
  );
  const getHeader = method(z.tuple([optionalHash]), ([at]) => chain.block(at ?? undefined)?.header ?? null);
  const getBlock = method(z.tuple([optionalHash]), ([at]) => {
    const block = chain.block(at ?? undefined);
    return block
      ? { block: { header: block.header, extrinsics: block.extrinsics }, justifications: null }
      : null;
  });
  const getFinalizedHead = method(z.tuple([]), () => chain.finalized.hash);
  const newHeads = method(z.tuple([]), (_, connection) =>
    headsSubscription(node, connection, 'chain_newHead', false),
  );
  const allHeads = method(z.tuple([]), (_, connection) =>
    headsSubscription(node, connection, 'chain_allHead', false),
  );
  const finalizedHeads = method(z.tuple([]), (_, connection) =>
    headsSubscription(node, connection, 'chain_finalizedHead', true),
  );
  const stop = method(subscriptionId, ([id], connection) => unsubscribe(connection, id));

  return {
    chain_getBlockHash: getBlockHash,
    chain_getHead: getBlockHash,
    chain_getHeader: getHeader,
    chain_getBlock: getBlock,
    chain_getFinalizedHead: getFinalizedHead,
    chain_getFinalisedHead: getFinalizedHead,
    chain_subscribeNewHeads: newHeads,
    chain_subscribeNewHead: newHeads,
    subscribe_newHead: newHeads,
    chain_unsubscribeNewHeads: stop,
    chain_unsubscribeNewHead: stop,
    unsubscribe_newHead: stop,
    chain_subscribeAllHeads: allHeads,
    chain_unsubscribeAllHeads: stop,
    chain_subscribeFinalizedHeads: finalizedHeads,
    chain_subscribeFinalisedHeads: finalizedHeads,
    chain_unsubscribeFinalizedHeads: stop,
    chain_unsubscribeFinalisedHeads: stop,
  };
}
