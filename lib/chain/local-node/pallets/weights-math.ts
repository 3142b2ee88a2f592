/**
 * subtensor's weight arithmetic in I32F32 fixed point (32 fractional bits), reproduced with BigInt
 * so the stored weights equal the chain's to the last unit: `vec_u16_max_upscale_to_u16` (the
 * largest value becomes 65535, `round()` = half away from zero) and `check_vec_max_limited`.
 */
const FRAC = 32n;
const ONE = 1n << FRAC;
const HALF = 1n << (FRAC - 1n);
const U16_MAX = 65535n;
const THRESHOLD = 32768n;

const roundFixed = (value: bigint) => (value + HALF) >> FRAC;
const toU16 = (value: bigint) => Number(value > U16_MAX ? U16_MAX : value < 0n ? 0n : value);

export function maxUpscaleToU16(values: readonly number[]): number[] {
  if (values.length === 0) return [];
  const max = BigInt(Math.max(...values));
  if (max === 0n) return values.map(() => 0);
  if (max > THRESHOLD) {
    // e * (u16::MAX / max): the ratio is truncated to 32 fractional bits first.
    const ratio = (U16_MAX << FRAC) / max;
    return values.map((value) => toU16(roundFixed(BigInt(value) * ratio)));
  }
  // (e * u16::MAX) / max, exact until the final truncation to 32 fractional bits.
  return values.map((value) => toU16(roundFixed((BigInt(value) * U16_MAX * ONE) / max)));
}

/** Normalised (by the sum), the largest weight must not exceed max_limit / 65535. */
export function checkVecMaxLimited(values: readonly number[], maxLimit: number): boolean {
  if (maxLimit >= 65535) return true;
  const limit = (BigInt(maxLimit) * ONE) / U16_MAX;
  const sum = values.reduce((total, value) => total + BigInt(value), 0n);
  if (sum === 0n || values.length === 0) return true;
  const max = BigInt(Math.max(...values));
  return (max * ONE) / sum <= limit;
}
