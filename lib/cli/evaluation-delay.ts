/**
 * Genki-Dama's evaluation delay: validators sync a model only once
 * `current_block - commitment.block >= eval_block_delay` (1200 blocks for the chiptune
 * competition, about four hours at finney's 12 s blocks). Pure; shared by `submit` and `show`.
 */
import { DEFAULT_COMPETITION_ID, GENKI_COMPETITIONS } from '../chain/commitment-codec';

export const SECONDS_PER_BLOCK = 12;

export interface EvaluationStatus {
  delayBlocks: number;
  eligibleAtBlock: number;
  blocksRemaining: number;
  eligible: boolean;
}

export function evalDelayOf(competitionId: number | undefined): number {
  const competition = GENKI_COMPETITIONS[competitionId ?? DEFAULT_COMPETITION_ID];
  return (competition ?? GENKI_COMPETITIONS[DEFAULT_COMPETITION_ID])?.evalBlockDelay ?? 1200;
}

export function evaluationStatus(
  commitBlock: number,
  headBlock: number,
  delayBlocks: number,
): EvaluationStatus {
  const eligibleAtBlock = commitBlock + delayBlocks;
  const blocksRemaining = Math.max(0, eligibleAtBlock - headBlock);
  return { delayBlocks, eligibleAtBlock, blocksRemaining, eligible: blocksRemaining === 0 };
}

/** "about 3 h 58 min" for a number of blocks at 12 s each. */
export function aboutBlocks(blocks: number): string {
  const minutes = Math.round((blocks * SECONDS_PER_BLOCK) / 60);
  if (minutes < 1) return 'under a minute';
  const hours = Math.floor(minutes / 60);
  return `about ${hours > 0 ? `${hours} h ` : ''}${minutes % 60} min`;
}

export function describeEvaluation(status: EvaluationStatus): string {
  if (status.eligible)
    return `eligible: validators evaluate it (waited ${status.delayBlocks} blocks since the commitment)`;
  return `waiting: ${status.blocksRemaining} blocks left, eligible from block #${status.eligibleAtBlock} (${aboutBlocks(status.blocksRemaining)} at ${SECONDS_PER_BLOCK} s per block)`;
}

export function evaluationJson(status: EvaluationStatus) {
  return {
    delay_blocks: status.delayBlocks,
    eligible_at_block: status.eligibleAtBlock,
    blocks_remaining: status.blocksRemaining,
    eligible: status.eligible,
  };
}
