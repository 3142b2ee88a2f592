/**
 * The Commitments pallet's rate limit as the current runtime applies it (bittensor-chain.md §1.4,
 * §2.1): each (netuid, hotkey) may store `MaxSpace` bytes (3100 by default) per subnet epoch, and
 * every `set_commitment` costs max(100, Σ field lengths). Going over fails with
 * `SpaceLimitExceeded`; the budget starts again with the subnet's next epoch. Epochs follow the
 * schedule `(block + netuid + 1) / (tempo + 1)` the runtime's `SubnetEpochIndex` is seeded from.
 * The maths is pure; `readSpaceBudget` reads the three storage items it needs at one block.
 */
import { z } from 'zod';
import type { ChainConnection } from '../chain/connection';
import { apiAt, type BlockRef, bigValue, parseChain, storageEntry, uintValue } from '../chain/query';

export const MIN_COMMIT_COST = 100;
export const DEFAULT_MAX_SPACE = 3100;

export interface SpaceBudget {
  netuid: number;
  /** `Commitments.MaxSpace`: bytes per hotkey per epoch. */
  maxSpace: number;
  /** Bytes this hotkey has used in the current epoch. */
  used: number;
  tempo: number;
  epoch: number;
  /** First block of the next epoch, when `used` starts again from 0. */
  resetsAtBlock: number;
}

/** What one `set_commitment` with `byteLength` bytes of fields costs against the budget. */
export function commitCost(byteLength: number): number {
  return Math.max(MIN_COMMIT_COST, byteLength);
}

export function epochOf(block: number, netuid: number, tempo: number): number {
  return Math.floor((block + netuid + 1) / (tempo + 1));
}

export function nextEpochStart(block: number, netuid: number, tempo: number): number {
  return (epochOf(block, netuid, tempo) + 1) * (tempo + 1) - netuid - 1;
}

/** The budget at `block`, given the stored `UsedSpaceOf` (null when the hotkey never committed). */
export function spaceBudget(options: {
  netuid: number;
  block: number;
  tempo: number;
  maxSpace: number;
  stored: { lastEpoch: number; usedSpace: number } | null;
}): SpaceBudget {
  const { netuid, block, tempo, maxSpace, stored } = options;
  const epoch = epochOf(block, netuid, tempo);
  return {
    netuid,
    maxSpace,
    used: stored && stored.lastEpoch === epoch ? stored.usedSpace : 0,
    tempo,
    epoch,
    resetsAtBlock: nextEpochStart(block, netuid, tempo),
  };
}

export function fitsBudget(budget: SpaceBudget, byteLength: number): boolean {
  return budget.used + commitCost(byteLength) <= budget.maxSpace;
}

const usedSpaceSchema = z
  .object({ lastEpoch: bigValue, usedSpace: bigValue })
  .transform(({ lastEpoch, usedSpace }) => ({ lastEpoch: Number(lastEpoch), usedSpace: Number(usedSpace) }))
  .nullable();

export async function readSpaceBudget(
  conn: ChainConnection,
  netuid: number,
  hotkey: string,
  block: BlockRef,
): Promise<SpaceBudget> {
  const api = await apiAt(conn, block);
  const usedSpaceOf = storageEntry(conn, api, 'commitments', 'usedSpaceOf');
  const maxSpace = storageEntry(conn, api, 'commitments', 'maxSpace');
  const tempo = storageEntry(conn, api, 'subtensorModule', 'tempo');
  const [used, max, subnetTempo] = await conn.call('reading the commitment budget', () =>
    Promise.all([usedSpaceOf(netuid, hotkey), maxSpace(), tempo(netuid)]),
  );
  return spaceBudget({
    netuid,
    block: block.number,
    tempo: parseChain(conn, 'Tempo', uintValue, subnetTempo.toPrimitive()),
    maxSpace: parseChain(conn, 'MaxSpace', uintValue, max.toPrimitive()),
    stored: parseChain(conn, 'UsedSpaceOf', usedSpaceSchema, used.toPrimitive()),
  });
}
