/**
 * Mean downmix to mono: (c₀ + c₁ + … + cₙ₋₁) / n per frame, the same as Genki-Dama's reference
 * (`np.mean(wav, axis=1)` after soundfile). Not transformers.js's (L + R)/√2, which is 3 dB louder
 * and would shift CLAP features (they are not gain-invariant).
 */
export function downmix(channels: readonly Float32Array[]): Float32Array {
  const [first, second, ...rest] = channels;
  if (!first) throw new RangeError('Cannot downmix audio with no channels.');
  if (channels.some((channel) => channel.length !== first.length)) {
    throw new RangeError('Cannot downmix channels of different lengths.');
  }
  // Mono is already mono: hand back a copy so callers may transfer or modify it freely.
  if (!second) return first.slice();
  const out = new Float32Array(first.length);
  if (rest.length === 0) {
    // Stereo, the common case: (L + R) / 2, summed in float64 (exact for float32 inputs).
    for (let i = 0; i < out.length; i++) out[i] = ((first[i] as number) + (second[i] as number)) / 2;
    return out;
  }
  const count = channels.length;
  for (let i = 0; i < out.length; i++) {
    let sum = 0;
    for (let c = 0; c < count; c++) sum += (channels[c] as Float32Array)[i] as number;
    out[i] = sum / count;
  }
  return out;
}
