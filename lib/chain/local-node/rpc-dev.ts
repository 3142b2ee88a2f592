/**
 * The dev-only control surface (this node is a simulation; it listens on loopback only):
 *
 * - `dev_newBlock([{ count? }])` → best hash after producing `count` (default 1) blocks.
 * - `dev_setStorage([values])` → writes in a new block; `values` is either raw pairs
 *   `[[key, value | null], …]` or chopsticks' object form
 *   `{ SubtensorModule: { Tempo: [[[1], 10]], StakeThreshold: 0 } }` (plain items take the value,
 *   maps take `[[keys…], value | null]` entries), encoded with the metadata's types.
 * - `dev_fund([address, amountRao])` → the faucet: credits test TAO in a new block.
 * - `dev_registerNeuron([{ netuid, hotkey, coldkey? }])` → `{ uid, blockHash }`, registration
 *   without a burn (the coldkey defaults to the hotkey).
 */
import { stringCamelCase, u8aToHex } from '@polkadot/util';
import { z } from 'zod';
import type { NodeCore } from './node';
import { hex, method, type RpcTable } from './rpc-types';
import { encodeValue, type Runtime, storageKey, storageValueType } from './runtime';
import { accountId } from './store';
import { RpcError } from './validate';

const rawPairs = z.array(z.tuple([hex, z.union([hex, z.null()])]));
const objectForm = z.record(z.string(), z.record(z.string(), z.unknown()));
const mapEntries = z.array(z.tuple([z.array(z.unknown()), z.unknown()]));

function isPlainItem(rt: Runtime, pallet: string, item: string): boolean {
  const entry = rt.decorated.query[stringCamelCase(pallet)]?.[stringCamelCase(item)];
  if (!entry) throw new RpcError(-32602, 'Invalid params', `no storage item ${pallet}.${item}`);
  return entry.meta.type.isPlain;
}

/** The object form → raw pairs, through the metadata's hashers and value types. */
export function storagePairs(rt: Runtime, input: unknown): [string, string | null][] {
  const raw = rawPairs.safeParse(input);
  if (raw.success) return raw.data;
  const form = objectForm.safeParse(input);
  if (!form.success)
    throw new RpcError(-32602, 'Invalid params', 'expected [[key, value], …] or { Pallet: { Item: … } }');
  const pairs: [string, string | null][] = [];
  const encode = (pallet: string, item: string, value: unknown) =>
    value === null ? null : u8aToHex(encodeValue(rt, storageValueType(rt, pallet, item), value));
  for (const [pallet, items] of Object.entries(form.data)) {
    for (const [item, value] of Object.entries(items)) {
      if (isPlainItem(rt, pallet, item)) {
        pairs.push([storageKey(rt, pallet, item), encode(pallet, item, value)]);
        continue;
      }
      const entries = mapEntries.safeParse(value);
      if (!entries.success)
        throw new RpcError(-32602, 'Invalid params', `${pallet}.${item} takes [[keys…], value] entries`);
      for (const [keys, entryValue] of entries.data) {
        pairs.push([storageKey(rt, pallet, item, keys), encode(pallet, item, entryValue)]);
      }
    }
  }
  return pairs;
}

const amount = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)])
  .transform((v) => BigInt(v));

export function devMethods(node: NodeCore): RpcTable {
  return {
    dev_newBlock: method(
      z.tuple([z.object({ count: z.number().int().min(1).max(10_000).optional() }).optional()]),
      ([options]) => node.newBlocks(options?.count ?? 1).hash,
    ),
    dev_setStorage: method(z.tuple([z.unknown()]).rest(z.unknown()), ([values]) => {
      const pairs = storagePairs(node.rt, values);
      return node.setStorage(pairs).hash;
    }),
    dev_fund: method(z.tuple([accountId, amount]), ([address, value]) => node.fund(address, value).hash),
    dev_registerNeuron: method(
      z.tuple([
        z.object({
          netuid: z.number().int().min(0).max(65535),
          hotkey: accountId,
          coldkey: accountId.optional(),
        }),
      ]),
      ([{ netuid, hotkey, coldkey }]) => {
        const { uid, block } = node.registerNeuron(netuid, hotkey, coldkey ?? hotkey);
        return { uid, blockHash: block.hash };
      },
    ),
  };
}
