/**
 * A small seeded PRNG, so FAD∞'s resampling (and test data) is reproducible on every runtime:
 * Math.random cannot be seeded, and the Python references' NumPy streams cannot be matched anyway.
 */

/** Uniform numbers in [0, 1), as `Math.random` returns. */
export type RandomSource = () => number;

/** Mulberry32 (Tommy Ettinger): 32-bit state, full period 2³², good enough for resampling. */
export function mulberry32(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal deviates by Box–Muller from a uniform source. */
export function gaussian(random: RandomSource): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    // 1 − u lies in (0, 1], so the logarithm stays finite.
    const radius = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}
