/**
 * When Genki-Dama validators first look at a commitment: they skip a model until
 * `current_block - commitment.block >= eval_block_delay` (1200 blocks, genki-dama.md §2.3), so a
 * miner waits about four hours on finney's 12 s blocks. Pure; the page feeds it live block numbers.
 */
import { DEFAULT_COMPETITION_ID, GENKI_COMPETITIONS } from '../chain/commitment-codec';

/** Finney's block time, the fallback until the page has seen blocks arrive. */
export const NOMINAL_BLOCK_MS = 12_000;

export const EVAL_BLOCK_DELAY = GENKI_COMPETITIONS[DEFAULT_COMPETITION_ID]?.evalBlockDelay ?? 1200;

export interface EvaluationCountdown {
  /** The first block at which validators pick the model up. */
  evalBlock: number;
  remainingBlocks: number;
  remainingMs: number;
  due: boolean;
}

export function evaluationCountdown(
  commitBlock: number,
  bestBlock: number,
  msPerBlock: number = NOMINAL_BLOCK_MS,
  delay: number = EVAL_BLOCK_DELAY,
): EvaluationCountdown {
  const evalBlock = commitBlock + delay;
  const remainingBlocks = Math.max(0, evalBlock - bestBlock);
  return {
    evalBlock,
    remainingBlocks,
    remainingMs: remainingBlocks * msPerBlock,
    due: remainingBlocks === 0,
  };
}

/** "3 h 58 min", "19 min 47 s", "42 s": coarse enough to read at a glance. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${s} s`;
  return `${s} s`;
}

/**
 * Block time as the page sees it: the median gap between the last heads that arrived (the simulated
 * chain makes blocks every 1–2 s, finney every 12 s). Null until two heads have arrived.
 */
export function observedBlockMs(arrivals: readonly number[]): number | null {
  const gaps: number[] = [];
  for (let i = 1; i < arrivals.length; i++) {
    const gap = (arrivals[i] ?? 0) - (arrivals[i - 1] ?? 0);
    if (gap > 0) gaps.push(gap);
  }
  if (gaps.length === 0) return null;
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] ?? null;
}

const RAO_PER_TAO = 1_000_000_000n;

/** Rao → "1 000 000.000000000 TAO"-style text with all 9 decimals (no float rounding). */
export function formatTao(rao: bigint): string {
  const negative = rao < 0n;
  const abs = negative ? -rao : rao;
  const whole = (abs / RAO_PER_TAO).toLocaleString('en-US');
  const fraction = (abs % RAO_PER_TAO).toString().padStart(9, '0');
  return `${negative ? '-' : ''}${whole}.${fraction} TAO`;
}
