/**
 * CLAP score: the cosine between L2-normalised text and audio embeddings (clap-and-fad.md §1.7),
 * the plain similarity in [−1, 1] without the logit scale, which only matters for a softmax.
 *
 * Genki-Dama's validator (genki-dama.md §2.5) pairs captions with audio in `os.listdir` order, a bug;
 * here text i is always paired with audio i, so callers must order both lists the same way.
 * The Python references normalise with `x / (‖x‖ + 1e-8)`; we divide by the exact norm, which
 * differs by about 1e-8 relative for unit-scale embeddings and refuses zero vectors outright.
 */
import { MetricError } from './errors';

export interface ClapScoreResult {
  /** Mean cosine over all pairs: the quality score. */
  mean: number;
  /** Population standard deviation of the per-pair cosines (NumPy's default ddof = 0). */
  std: number;
  /** Cosine of text i with audio i. */
  scores: Float64Array;
  /** Number of pairs. */
  n: number;
}

/** A float64 copy of `vector` scaled to unit length; throws on empty, zero or non-finite input. */
export function l2Normalize(vector: ArrayLike<number>, label = 'embedding'): Float64Array {
  const length = vector.length;
  if (length === 0) throw new MetricError('empty', `The ${label} is empty.`);
  // Scale by the largest magnitude first so the sum of squares can neither overflow nor underflow.
  let maxAbs = 0;
  for (let i = 0; i < length; i++) {
    const value = vector[i] ?? Number.NaN;
    if (!Number.isFinite(value)) {
      throw new MetricError('non_finite', `The ${label} contains ${value} at index ${i}.`);
    }
    maxAbs = Math.max(maxAbs, Math.abs(value));
  }
  if (maxAbs === 0) {
    throw new MetricError('zero_vector', `The ${label} is all zeros, so it has no direction to compare.`);
  }
  let sum = 0;
  for (let i = 0; i < length; i++) {
    const scaled = (vector[i] ?? 0) / maxAbs;
    sum += scaled * scaled;
  }
  const norm = Math.sqrt(sum) * maxAbs;
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = (vector[i] ?? 0) / norm;
  return out;
}

/**
 * One embedding for a clip longer than CLAP's 10 s window: normalise each window's embedding,
 * average, and normalise again (clap-and-fad.md §7), so every window weighs the same whatever its
 * raw norm.
 */
export function averageEmbeddings(windows: readonly ArrayLike<number>[], label = 'clip'): Float64Array {
  const first = windows[0];
  if (first === undefined)
    throw new MetricError('empty', `The ${label} has no window embeddings to average.`);
  const dim = first.length;
  const sum = new Float64Array(dim);
  windows.forEach((window, index) => {
    if (window.length !== dim) {
      throw new MetricError(
        'dimension_mismatch',
        `Window ${index} of the ${label} has ${window.length} values; window 0 has ${dim}.`,
      );
    }
    const unit = l2Normalize(window, `window ${index} of the ${label}`);
    for (let j = 0; j < dim; j++) sum[j] = (sum[j] ?? 0) + (unit[j] ?? 0);
  });
  try {
    return l2Normalize(sum, `mean of the ${label}'s windows`);
  } catch (error) {
    if (error instanceof MetricError && error.code === 'zero_vector') {
      throw new MetricError('zero_vector', `The ${label}'s window embeddings cancel out exactly.`);
    }
    throw error;
  }
}

/** Cosine similarity of two embeddings of the same dimension. */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) {
    throw new MetricError(
      'dimension_mismatch',
      `Cannot compare a ${a.length}-d embedding with a ${b.length}-d one.`,
    );
  }
  return dot(l2Normalize(a, 'first embedding'), l2Normalize(b, 'second embedding'));
}

/** Per-pair and mean cosine of text i with audio i. */
export function clapScore(
  textEmbeddings: readonly ArrayLike<number>[],
  audioEmbeddings: readonly ArrayLike<number>[],
): ClapScoreResult {
  const n = textEmbeddings.length;
  if (n === 0 || audioEmbeddings.length === 0) {
    throw new MetricError(
      'empty',
      `The CLAP score needs at least one text/audio pair (got ${n} texts, ${audioEmbeddings.length} audio clips).`,
    );
  }
  if (audioEmbeddings.length !== n) {
    throw new MetricError(
      'length_mismatch',
      `The CLAP score pairs text i with audio i, but there are ${n} texts and ${audioEmbeddings.length} audio clips.`,
    );
  }
  const dim = textEmbeddings[0]?.length ?? 0;
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const text = textEmbeddings[i] ?? [];
    const audio = audioEmbeddings[i] ?? [];
    if (text.length !== dim || audio.length !== dim) {
      throw new MetricError(
        'dimension_mismatch',
        `Pair ${i} has a ${text.length}-d text and a ${audio.length}-d audio embedding; pair 0's text is ${dim}-d.`,
      );
    }
    scores[i] = dot(l2Normalize(text, `text embedding ${i}`), l2Normalize(audio, `audio embedding ${i}`));
  }
  let sum = 0;
  for (const score of scores) sum += score;
  const mean = sum / n;
  let squares = 0;
  for (const score of scores) squares += (score - mean) * (score - mean);
  return { mean, std: Math.sqrt(squares / n), scores, n };
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}
