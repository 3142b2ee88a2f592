/**
 * Reading chain state at a fixed block and turning it into plain values checked with zod. The
 * default @polkadot/api augmentation knows nothing of subtensor, so storage entries are looked up
 * by name here (a missing one means the endpoint runs another chain) and decoded via
 * `toPrimitive()`, never trusted as typed codecs.
 */
import type { ApiDecoration } from '@polkadot/api/types';
import type { QueryableStorageEntry } from '@polkadot/api-base/types';
import { z } from 'zod';
import type { ChainConnection } from './connection';
import { ChainError } from './errors';

export interface BlockRef {
  hash: string;
  number: number;
}

export type At = 'best' | 'finalized' | BlockRef;

const hash = z.string().regex(/^0x[0-9a-f]{64}$/i);
const header = z.object({ number: z.string().regex(/^0x[0-9a-f]+$/i) });

export const uintValue = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)])
  .transform(Number);
export const bigValue = z
  .union([z.number().int().nonnegative(), z.string().regex(/^(\d+|0x[0-9a-f]+)$/i)])
  .transform((value) => BigInt(value));

/** The block a read refers to: the best or finalized head now, or a block the caller pins. */
export async function resolveBlock(conn: ChainConnection, at: At = 'best'): Promise<BlockRef> {
  if (typeof at === 'object') return at;
  const blockHash =
    at === 'finalized'
      ? await conn.rpc('chain_getFinalizedHead', [], hash)
      : await conn.rpc('chain_getBlockHash', [], hash);
  const { number } = await conn.rpc('chain_getHeader', [blockHash], header);
  return { hash: blockHash.toLowerCase(), number: Number.parseInt(number, 16) };
}

export function apiAt(conn: ChainConnection, block: BlockRef): Promise<ApiDecoration<'promise'>> {
  return conn.call(`reading block ${block.number}`, () => conn.api.at(block.hash));
}

export function storageEntry(
  conn: ChainConnection,
  api: ApiDecoration<'promise'>,
  section: string,
  method: string,
): QueryableStorageEntry<'promise'> {
  const entry = api.query[section]?.[method];
  if (!entry) {
    throw new ChainError(
      'bad_data',
      conn.endpoint,
      'this endpoint is not a Bittensor chain',
      `${conn.endpoint} has no storage ${section}.${method}: is it a Bittensor (subtensor) node?`,
    );
  }
  return entry;
}

/** Parses chain data with zod, reporting a mismatch as a ChainError instead of a crash. */
export function parseChain<T extends z.ZodType>(
  conn: ChainConnection,
  what: string,
  schema: T,
  value: unknown,
): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new ChainError(
      'bad_data',
      conn.endpoint,
      'unexpected chain data',
      `${what} on ${conn.endpoint} has an unexpected shape`,
    );
  }
  return parsed.data;
}
