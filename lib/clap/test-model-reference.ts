/**
 * For tests: an independent float64 re-implementation of the test model's maths, reading the
 * weights back out of the .onnx bytes (not from the generator), plus synthetic log-mel inputs.
 * If ORT's output matches this, the graph computes what test-model.ts says it does.
 */
import { CLAP_FEATURES, EMBEDDING_DIM, FEATURE_LENGTH } from './constants';
import { floatToHalf, halfToFloat } from './half';
import { decodeModel, initializerValues } from './onnx-builder';

const BANDS = CLAP_FEATURES.nMels;
const FRAMES = CLAP_FEATURES.frames;

const roundHalf = (value: number) => halfToFloat(floatToHalf(value));

function has(model: ReturnType<typeof decodeModel>, name: string): boolean {
  return (model.graph?.initializer ?? []).some((tensor) => tensor.name === name);
}

/** Raw (un-normalised) audio_embeds of one [1001 × 64] feature tensor, in float64. */
export function referenceAudioEmbedding(onnxBytes: Uint8Array, features: Float32Array): Float64Array {
  const model = decodeModel(onnxBytes);
  const fp16 = has(model, 'proj_weight_f16');
  const input = fp16 ? Float64Array.from(features, roundHalf) : Float64Array.from(features);
  const frames = input.length / BANDS;
  const stats = new Float64Array(2 * BANDS);
  for (let band = 0; band < BANDS; band++) {
    let sum = 0;
    for (let t = 0; t < frames; t++) sum += input[t * BANDS + band] ?? 0;
    const mean = sum / frames;
    let squares = 0;
    for (let t = 0; t < frames; t++) squares += ((input[t * BANDS + band] ?? 0) - mean) ** 2;
    stats[band] = mean;
    stats[BANDS + band] = Math.sqrt(squares / frames);
  }
  const scale = initializerValues(model, 'stats_scale').values;
  const shift = initializerValues(model, 'stats_shift').values;
  const bias = initializerValues(model, 'proj_bias').values;
  let weight: Float64Array;
  if (fp16) weight = initializerValues(model, 'proj_weight_f16').values;
  else if (has(model, 'proj_weight_q')) {
    const step = initializerValues(model, 'proj_weight_scale').values[0] ?? 0;
    weight = initializerValues(model, 'proj_weight_q').values.map((q) => q * step);
  } else weight = initializerValues(model, 'proj_weight').values;
  const out = new Float64Array(EMBEDDING_DIM);
  for (let j = 0; j < EMBEDDING_DIM; j++) {
    let sum = bias[j] ?? 0;
    for (let i = 0; i < stats.length; i++) {
      sum += ((stats[i] ?? 0) * (scale[i] ?? 0) + (shift[i] ?? 0)) * (weight[i * EMBEDDING_DIM + j] ?? 0);
    }
    out[j] = fp16 ? roundHalf(Math.tanh(sum)) : Math.tanh(sum);
  }
  return out;
}

/** Raw text_embeds for one id sequence (unpadded, so masked and unmasked graphs agree). */
export function referenceTextEmbedding(onnxBytes: Uint8Array, ids: readonly number[]): Float64Array {
  const model = decodeModel(onnxBytes);
  const table = initializerValues(model, 'token_table');
  const width = table.dims[1] ?? 0;
  const weight = initializerValues(model, 'text_weight').values;
  const bias = initializerValues(model, 'text_bias').values;
  const pooled = new Float64Array(width);
  for (const id of ids) {
    for (let k = 0; k < width; k++)
      pooled[k] = (pooled[k] ?? 0) + (table.values[id * width + k] ?? 0) / ids.length;
  }
  const out = new Float64Array(EMBEDDING_DIM);
  for (let j = 0; j < EMBEDDING_DIM; j++) {
    let sum = bias[j] ?? 0;
    for (let k = 0; k < width; k++) sum += (pooled[k] ?? 0) * (weight[k * EMBEDDING_DIM + j] ?? 0);
    out[j] = Math.tanh(sum);
  }
  return out;
}

export function normalise(vector: ArrayLike<number>): Float64Array {
  const values = Float64Array.from(vector as ArrayLike<number>);
  const norm = Math.sqrt(values.reduce((sum, value) => sum + value * value, 0));
  return values.map((value) => value / norm);
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

export type SyntheticKind = 'noise' | 'tone' | 'sweep' | 'chirps' | 'silence';

/**
 * A plausible log-mel tensor (dB, time-major, 1001 × 64) without running the feature extractor:
 * broadband noise, a steady tone (one hot band), a rising sweep, rhythmic chirps, or digital silence.
 */
export function syntheticFeatures(kind: SyntheticKind, seed = 1): Float32Array {
  let state = seed >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const out = new Float32Array(FEATURE_LENGTH);
  for (let t = 0; t < FRAMES; t++) {
    for (let band = 0; band < BANDS; band++) {
      const jitter = (random() - 0.5) * 6;
      let db: number;
      if (kind === 'silence') db = -100;
      else if (kind === 'noise') db = -30 - band * 0.3 + jitter;
      else if (kind === 'tone') db = (band === 20 ? -5 : -80) + jitter;
      else if (kind === 'sweep')
        db = (Math.abs(band - Math.floor((t / FRAMES) * BANDS)) < 2 ? -10 : -85) + jitter;
      else db = (t % 100 < 10 && band > 30 ? -15 : -70) + jitter;
      out[t * BANDS + band] = db;
    }
  }
  return out;
}
