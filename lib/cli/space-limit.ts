/**
 * When a commitment hits `SpaceLimitExceeded`, the useful answer is *when* it can be retried: the
 * byte budget (`Commitments.MaxSpace`, 3100 by default, each call counting at least 100) resets
 * with the subnet's next epoch. The first block of epoch e is the b with
 * `(b + netuid + 1) % (tempo + 1) == 0`, subtensor's `blocks_until_next_epoch` schedule.
 */
import type { ChainClient } from '../chain/client';
import { apiAt, parseChain, storageEntry, uintValue } from '../chain/query';
import { aboutBlocks } from './evaluation-delay';

export interface SpaceReset {
  /** The first block of the next epoch, where the budget starts again. */
  resetBlock: number;
  blocksLeft: number;
  maxSpace: number | null;
}

export function nextEpochStart(headBlock: number, netuid: number, tempo: number): number {
  const next = headBlock + 1;
  const offset = (next + netuid + 1) % (tempo + 1);
  return offset === 0 ? next : next + (tempo + 1 - offset);
}

export async function readSpaceReset(client: ChainClient, netuid: number): Promise<SpaceReset> {
  const conn = client.connection;
  const head = await client.head();
  const api = await apiAt(conn, head);
  const tempo = storageEntry(conn, api, 'subtensorModule', 'tempo');
  const tempoValue = await conn.call('reading the tempo', () => tempo(netuid));
  const resetBlock = nextEpochStart(
    head.number,
    netuid,
    parseChain(conn, 'Tempo', uintValue, tempoValue.toPrimitive()),
  );
  let maxSpace: number | null = null;
  const max = api.query.commitments?.maxSpace;
  if (max) {
    const value = await conn.call('reading MaxSpace', () => max());
    maxSpace = parseChain(conn, 'MaxSpace', uintValue, value.toPrimitive());
  }
  return { resetBlock, blocksLeft: resetBlock - head.number, maxSpace };
}

export function describeSpaceReset(reset: SpaceReset, netuid: number): string {
  const budget = reset.maxSpace === null ? 'its commitment byte budget' : `its ${reset.maxSpace} bytes`;
  return `this hotkey has used ${budget} for this epoch of netuid ${netuid} (each commitment counts at least 100 bytes); it resets with the next epoch at block #${reset.resetBlock}, in ${reset.blocksLeft} blocks (${aboutBlocks(reset.blocksLeft)} at 12 s per block). Nothing was changed on chain.`;
}
