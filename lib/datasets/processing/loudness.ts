/**
 * Integrated loudness per ITU-R BS.1770-4 (the measure EBU R 128 and every streaming service quote):
 *
 * 1. K-weighting: a high-shelf pre-filter (≈ +4 dB above 2 kHz, the head's acoustic effect) followed
 *    by the RLB high-pass (≈ 38 Hz). The standard lists coefficients for 48 kHz only; they are
 *    recomputed for the clip's own rate from the analogue prototypes' parameters (f0, gain, Q), as
 *    libebur128 and pyloudnorm do, so 44.1 kHz and 32 kHz files are measured without resampling.
 *    At 48 kHz the formulas reproduce the published coefficients to ~1e-9.
 * 2. Mean square of each channel over 400 ms blocks with 75 % overlap. Blocks are built from 100 ms
 *    segments whose boundaries are at k · rate / 10 rounded half up, so every rate has whole-sample blocks;
 *    a trailing part shorter than a full block is not measured (as in the standard).
 * 3. Block loudness −0.691 + 10·log10(Σ Gᵢ·zᵢ), absolute gate at −70 LUFS, relative gate 10 LU below
 *    the loudness of the blocks that passed the absolute gate, integrated over what remains.
 *
 * Channel weights: 1.0 for every channel. The standard gives 1.41 to surround channels and excludes
 * LFE, but a file with more than two channels does not tell us its layout; chiptune is mono or
 * stereo. A mono file is one channel (so a full-scale 997 Hz sine reads −3.01 LUFS, the standard's
 * own check), not "dual mono".
 */

export interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

/** BS.1770 stage 1 (high shelf) and stage 2 (RLB high-pass) for `sampleRate`, normalised a0 = 1. */
export function kWeightingFilters(sampleRate: number): [Biquad, Biquad] {
  // Shelf: the parameters of the analogue prototype fitted to the standard's 48 kHz coefficients.
  let f0 = 1681.974450955533;
  const gainDb = 3.999843853973347;
  let q = 0.7071752369554196;
  let k = Math.tan((Math.PI * f0) / sampleRate);
  const vh = 10 ** (gainDb / 20);
  const vb = vh ** 0.4996667741545416;
  let a0 = 1 + k / q + k * k;
  const shelf: Biquad = {
    b0: (vh + (vb * k) / q + k * k) / a0,
    b1: (2 * (k * k - vh)) / a0,
    b2: (vh - (vb * k) / q + k * k) / a0,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / q + k * k) / a0,
  };
  // RLB high-pass: numerator 1, −2, 1 exactly as in the standard's table.
  f0 = 38.13547087602444;
  q = 0.5003270373238773;
  k = Math.tan((Math.PI * f0) / sampleRate);
  a0 = 1 + k / q + k * k;
  const highPass: Biquad = {
    b0: 1,
    b1: -2,
    b2: 1,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / q + k * k) / a0,
  };
  return [shelf, highPass];
}

/** Boundaries (in samples) of the 100 ms segments that fit completely in `length` samples. */
function segmentBounds(length: number, sampleRate: number): number[] {
  const bounds = [0];
  for (let k = 1; ; k++) {
    const at = Math.round((k * sampleRate) / 10);
    if (at > length) break;
    bounds.push(at);
  }
  return bounds;
}

/** Sum of squares of the K-weighted signal in each segment (float64, filter state carried across). */
function weightedSegmentEnergy(channel: Float32Array, bounds: readonly number[], filters: [Biquad, Biquad]) {
  const [s, h] = filters;
  const energy = new Float64Array(bounds.length - 1);
  // Direct form II transposed, two stages, all in float64.
  let s1 = 0;
  let s2 = 0;
  let h1 = 0;
  let h2 = 0;
  for (let segment = 0; segment < energy.length; segment++) {
    const end = bounds[segment + 1] as number;
    let sum = 0;
    for (let i = bounds[segment] as number; i < end; i++) {
      const x = channel[i] as number;
      const y = s.b0 * x + s1;
      s1 = s.b1 * x - s.a1 * y + s2;
      s2 = s.b2 * x - s.a2 * y;
      const z = h.b0 * y + h1;
      h1 = h.b1 * y - h.a1 * z + h2;
      h2 = h.b2 * y - h.a2 * z;
      sum += z * z;
    }
    energy[segment] = sum;
  }
  return energy;
}

const ABSOLUTE_GATE_LUFS = -70;
const RELATIVE_GATE_LU = -10;

const loudnessOf = (weightedMeanSquare: number) => -0.691 + 10 * Math.log10(weightedMeanSquare);

/**
 * Integrated loudness in LUFS, or null when nothing passes the absolute gate (digital silence, or
 * a clip shorter than one 400 ms block).
 */
export function integratedLoudness(channels: readonly Float32Array[], sampleRate: number): number | null {
  const length = channels[0]?.length ?? 0;
  const bounds = segmentBounds(length, sampleRate);
  const segments = bounds.length - 1;
  if (segments < 4) return null;
  const filters = kWeightingFilters(sampleRate);
  // Σ over channels (weight 1.0 each) of the per-segment energy.
  const energy = new Float64Array(segments);
  for (const channel of channels) {
    const channelEnergy = weightedSegmentEnergy(channel, bounds, filters);
    for (let i = 0; i < segments; i++) energy[i] = (energy[i] as number) + (channelEnergy[i] as number);
  }
  const blocks = segments - 3;
  const power = new Float64Array(blocks);
  for (let j = 0; j < blocks; j++) {
    const samples = (bounds[j + 4] as number) - (bounds[j] as number);
    power[j] =
      ((energy[j] as number) +
        (energy[j + 1] as number) +
        (energy[j + 2] as number) +
        (energy[j + 3] as number)) /
      samples;
  }
  const gatedMean = (threshold: number): number | null => {
    let sum = 0;
    let count = 0;
    for (const p of power) {
      if (p > 0 && loudnessOf(p) > threshold) {
        sum += p;
        count++;
      }
    }
    return count === 0 ? null : sum / count;
  };
  const absolute = gatedMean(ABSOLUTE_GATE_LUFS);
  if (absolute === null) return null;
  const relative = gatedMean(loudnessOf(absolute) + RELATIVE_GATE_LU);
  // The relative gate is below the mean of the blocks it filters, so some block always passes it.
  return relative === null ? null : loudnessOf(relative);
}
