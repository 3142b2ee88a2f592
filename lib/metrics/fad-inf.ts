/**
 * FAD∞ (Gui et al., ICASSP 2024; fadtk `FrechetAudioDistance.score_inf`): FAD is biased by about
 * k/N (Chong & Forsyth 2020), so FAD at one N cannot be compared with FAD at another. FAD∞ fits
 * FAD(n) = FAD∞ + slope/n over resamples of the evaluated set and reports the intercept.
 *
 * As in fadtk: the reference statistics stay fixed; ns = ⌊linspace(minN, maxN, steps)⌋ (NumPy's
 * linspace, truncated like Python's int()); for each n, n embeddings are drawn with replacement;
 * ordinary least squares of FAD on 1/n gives the intercept (FAD∞), the slope and r². fadtk draws
 * with NumPy's global RNG; here the caller passes a seeded source, so results are reproducible
 * (and, necessarily, not the same draws as fadtk's).
 */
import { MetricError } from './errors';
import { fadFromReference, prepareFadReference } from './fad';
import { assertUsableSet, type EmbeddingMatrix, embeddingMatrix } from './matrix';
import type { RandomSource } from './random';
import { type EmbeddingStats, embeddingStats } from './stats';

export interface FadInfOptions {
  /** Uniform [0, 1) source for the draws, e.g. `mulberry32(seed)`. */
  random: RandomSource;
  /** Smallest resample size; fadtk's default is 500. */
  minN?: number;
  /** Largest resample size; defaults to the evaluated set's size, as in fadtk. */
  maxN?: number;
  /** Number of resample sizes; fadtk's default is 25. */
  steps?: number;
}

export interface FadInfPoint {
  n: number;
  fad: number;
}

export interface LineFit {
  /** Intercept of the fit on 1/n: the extrapolation to n → ∞. */
  intercept: number;
  slope: number;
  /** Coefficient of determination; 1 when every point is on the line (including all-equal points). */
  r2: number;
}

export interface FadInfResult {
  /** The intercept: FAD extrapolated to infinitely many evaluated embeddings. */
  fadInf: number;
  slope: number;
  r2: number;
  points: FadInfPoint[];
  /** Embeddings behind the reference statistics (A). */
  nA: number;
  /** Embeddings in the evaluated pool the draws come from (B). */
  nB: number;
}

/** FAD∞ of `evaluated` against fixed reference statistics (e.g. from `embeddingStats`). */
export function fadInf(
  reference: EmbeddingStats,
  evaluated: EmbeddingMatrix,
  options: FadInfOptions,
): FadInfResult {
  assertUsableSet(evaluated, 1, 'evaluated set', 'FAD∞');
  const ns = resampleSizes(options.minN ?? 500, options.maxN ?? evaluated.rows, options.steps ?? 25);
  const prepared = prepareFadReference(reference);
  const points = ns.map((n) => {
    const draw = drawWithReplacement(evaluated, n, options.random);
    return { n, fad: fadFromReference(prepared, embeddingStats(draw, `draw of ${n}`)).fad };
  });
  const fit = fitInverseN(points);
  return { fadInf: fit.intercept, slope: fit.slope, r2: fit.r2, points, nA: reference.n, nB: evaluated.rows };
}

/** fadtk's grid: ⌊minN + i·(maxN − minN)/(steps − 1)⌋ for i < steps − 1, then maxN. */
export function resampleSizes(minN: number, maxN: number, steps: number): number[] {
  if (!Number.isSafeInteger(minN) || minN < 2) {
    throw new MetricError('bad_option', `FAD∞ needs minN ≥ 2 embeddings per draw (got ${minN}).`);
  }
  if (!Number.isSafeInteger(maxN) || maxN <= minN) {
    throw new MetricError(
      'bad_option',
      `FAD∞ needs maxN > minN to fit a line (got minN ${minN}, maxN ${maxN}); use a larger evaluated set or a smaller minN.`,
    );
  }
  if (!Number.isSafeInteger(steps) || steps < 2) {
    throw new MetricError('bad_option', `FAD∞ needs at least 2 steps (got ${steps}).`);
  }
  const step = (maxN - minN) / (steps - 1);
  return Array.from({ length: steps }, (_, i) => (i === steps - 1 ? maxN : Math.trunc(minN + i * step)));
}

/** n rows drawn uniformly with replacement, as a new float64 matrix. */
export function drawWithReplacement(
  matrix: EmbeddingMatrix,
  n: number,
  random: RandomSource,
): EmbeddingMatrix {
  const { data, rows, dim } = matrix;
  const out = new Float64Array(n * dim);
  for (let r = 0; r < n; r++) {
    const source = Math.min(rows - 1, Math.floor(random() * rows)) * dim;
    for (let j = 0; j < dim; j++) out[r * dim + j] = data[source + j] ?? 0;
  }
  return embeddingMatrix(out, n, dim);
}

/** Ordinary least squares of fad on 1/n (np.polyfit(1/n, fad, 1)) and its r². */
export function fitInverseN(points: readonly FadInfPoint[]): LineFit {
  const count = points.length;
  if (count < 2) throw new MetricError('too_few', `A line needs at least 2 points (got ${count}).`);
  let meanX = 0;
  let meanY = 0;
  for (const { n, fad } of points) {
    meanX += 1 / n;
    meanY += fad;
  }
  meanX /= count;
  meanY /= count;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const { n, fad } of points) {
    const dx = 1 / n - meanX;
    const dy = fad - meanY;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) throw new MetricError('bad_option', 'FAD∞ needs at least two different resample sizes.');
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  let residual = 0;
  for (const { n, fad } of points) {
    const error = fad - (intercept + slope / n);
    residual += error * error;
  }
  return { intercept, slope, r2: syy === 0 ? 1 : 1 - residual / syy };
}
