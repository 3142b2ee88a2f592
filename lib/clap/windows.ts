/**
 * Which 10 s windows of a clip the scoring engine embeds: policy `genki-windows-v1`.
 *
 * CLAP sees at most 10 s. Python's `rand_trunc` picks one crop with `np.random`, so the same clip
 * scores differently on every run and no miner can reproduce a validator's number. This policy is
 * deterministic and portable (a few lines of Python reproduce it: tests/reference/clap_windows.py):
 *
 * - len ≤ 480 000 samples (≤ 10 s at 48 kHz): one window at offset 0 (features repeat-pad it).
 * - longer: `count` windows (default 3), drawn independently (duplicates allowed) at
 *     offset_i = ⌊u_i · (len − 480000 + 1)⌋,  u_i = (r_i >> 11) / 2^53,
 *   where r_i is the i-th output of SplitMix64 whose state starts at FNV-1a-64 of the UTF-8 seed.
 *   The product is computed in exact integer arithmetic, ((r_i >> 11) · span) >> 53, so no floating
 *   point rounding can make two implementations disagree. Offsets are returned in draw order.
 *
 * The seed is chosen by the caller and must be something both sides know, e.g. the validator's
 * published step seed plus the clip's name, so a miner can rerun the exact windows.
 *
 * Clip embedding rule (the engine implements it; documented here so there is one definition):
 * embed each window, L2-normalise each embedding, average them, L2-normalise the average. The CLAP
 * score of a clip is then the cosine between that unit vector and the unit text embedding.
 */
import { CLAP_FEATURES } from './constants';

export const WINDOW_POLICY = {
  id: 'genki-windows-v1',
  windowSamples: CLAP_FEATURES.maxSamples,
  defaultCount: 3,
  prng: 'SplitMix64 seeded with FNV-1a-64 of the UTF-8 seed string',
  description:
    'Clips of at most 10 s: one window at offset 0, repeat-padded. Longer clips: `count` (default 3) ' +
    'windows at floor(u * (len - 480000 + 1)), u = (splitmix64() >> 11) / 2^53, in draw order. ' +
    'Clip embedding: L2-normalise each window embedding, average, L2-normalise again.',
} as const;

const MASK_64 = (1n << 64n) - 1n;
const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;

/** FNV-1a, 64-bit, over the UTF-8 bytes of `text`. */
export function fnv1a64(text: string): bigint {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
  return hash;
}

/** SplitMix64 (Steele, Lea, Flood 2014): a tiny, well-mixed 64-bit generator, easy to port. */
export function splitMix64(seed: bigint): () => bigint {
  let state = seed & MASK_64;
  return () => {
    state = (state + 0x9e3779b97f4a7c15n) & MASK_64;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK_64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK_64;
    return z ^ (z >> 31n);
  };
}

/** Start offsets (in samples) of the windows to embed for a clip of `lengthSamples` samples. */
export function windowOffsets(lengthSamples: number, options: { seed: string; count?: number }): number[] {
  const count = options.count ?? WINDOW_POLICY.defaultCount;
  if (!Number.isSafeInteger(lengthSamples) || lengthSamples <= 0) {
    throw new RangeError(`lengthSamples must be a positive integer (got ${lengthSamples}).`);
  }
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new RangeError(`count must be a positive integer (got ${count}).`);
  }
  if (lengthSamples <= WINDOW_POLICY.windowSamples) return [0];
  const span = BigInt(lengthSamples - WINDOW_POLICY.windowSamples + 1);
  const next = splitMix64(fnv1a64(options.seed));
  const offsets: number[] = [];
  for (let i = 0; i < count; i++) offsets.push(Number(((next() >> 11n) * span) >> 53n));
  return offsets;
}
