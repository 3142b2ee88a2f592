/** Deterministic test signals (no randomness from the environment). */

/** A chiptune-like mix: square + triangle + 25 % pulse + gated LFSR noise, peak below 0.8. */
export function chiptune(rate: number, seconds: number, seed = 1): Float32Array {
  const length = Math.round(rate * seconds);
  const out = new Float32Array(length);
  const f = 220 * 2 ** ((seed % 7) / 12);
  let lfsr = 0x4000 + seed;
  for (let i = 0; i < length; i++) {
    const t = i / rate;
    const square = (f * t) % 1 < 0.5 ? 1 : -1;
    const triangle = 1 - 4 * Math.abs(((1.5 * f * t) % 1) - 0.5);
    const pulse = (0.5 * f * t) % 1 < 0.25 ? 1 : -1;
    const bit = (lfsr ^ (lfsr >> 1)) & 1;
    lfsr = (lfsr >> 1) | (bit << 14);
    const noise = (t * 8) % 1 < 0.3 ? (lfsr & 1 ? 1 : -1) : 0;
    out[i] = 0.25 * square + 0.2 * triangle + 0.15 * pulse + 0.1 * noise;
  }
  return out;
}

export function sine(rate: number, seconds: number, frequency: number, amplitude = 0.5): Float32Array {
  return Float32Array.from(
    { length: Math.round(rate * seconds) },
    (_, i) => amplitude * Math.sin((2 * Math.PI * frequency * i) / rate),
  );
}

/** A seeded xorshift byte stream (for "random bytes" hostile inputs). */
export function randomBytes(length: number, seed = 12345): Uint8Array {
  let x = seed >>> 0 || 1;
  return Uint8Array.from({ length }, () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x & 0xff;
  });
}
