/**
 * Mean and unbiased covariance of an embedding set, in float64: the Gaussian summary FAD compares
 * (`np.mean(x, 0)`, `np.cov(x, rowvar=False)`, which divides by N − 1).
 */
import { MetricError } from './errors';
import { multiplyTransposed } from './kernels';
import { assertFinite, assertUsableSet, type EmbeddingMatrix, embeddingMatrixFromVectors } from './matrix';

export interface EmbeddingStats {
  /** Number of embeddings the statistics were computed from. */
  readonly n: number;
  readonly dim: number;
  readonly mean: Float64Array;
  /** D×D row-major, symmetric. */
  readonly cov: Float64Array;
}

/** Statistics of an N×D set (N ≥ 2, finite values). */
export function embeddingStats(matrix: EmbeddingMatrix, label = 'set'): EmbeddingStats {
  assertUsableSet(matrix, 2, label, 'A covariance');
  const { rows: n, dim } = matrix;
  const mean = columnMean(matrix);
  const deviations = centredTranspose(matrix, mean);
  const cov = multiplyTransposed(deviations, dim, deviations, dim, n, { upper: true });
  // Mirror the upper triangle and divide by N − 1 in one pass.
  const scale = 1 / (n - 1);
  for (let i = 0; i < dim; i++) {
    const rowI = i * dim;
    cov[rowI + i] = (cov[rowI + i] ?? 0) * scale;
    for (let j = i + 1; j < dim; j++) {
      const value = (cov[rowI + j] ?? 0) * scale;
      cov[rowI + j] = value;
      cov[j * dim + i] = value;
    }
  }
  return { n, dim, mean, cov };
}

/** Statistics of a list of equal-length vectors. */
export function embeddingStatsFromVectors(
  vectors: readonly ArrayLike<number>[],
  label = 'set',
): EmbeddingStats {
  return embeddingStats(embeddingMatrixFromVectors(vectors, label), label);
}

/** Throws unless `stats` is a consistent, finite summary of at least two embeddings. */
export function assertUsableStats(stats: EmbeddingStats, label: string): void {
  const { n, dim } = stats;
  if (!Number.isSafeInteger(n) || n < 2) {
    throw new MetricError(
      'too_few',
      `FAD needs statistics of at least 2 embeddings; the ${label} has n = ${n}.`,
    );
  }
  if (!Number.isSafeInteger(dim) || dim < 1 || stats.mean.length !== dim || stats.cov.length !== dim * dim) {
    throw new MetricError(
      'bad_shape',
      `The ${label}'s statistics are inconsistent: dim ${dim}, mean of ${stats.mean.length}, covariance of ${stats.cov.length} values.`,
    );
  }
  assertFinite(stats.mean, `${label}'s mean`);
  assertFinite(stats.cov, `${label}'s covariance`, dim);
}

/** Trace of a D×D row-major matrix. */
export function trace(matrix: Float64Array, dim: number): number {
  let sum = 0;
  for (let i = 0; i < dim; i++) sum += matrix[i * dim + i] ?? 0;
  return sum;
}

function columnMean({ data, rows, dim }: EmbeddingMatrix): Float64Array {
  const mean = new Float64Array(dim);
  for (let r = 0; r < rows; r++) {
    const offset = r * dim;
    for (let j = 0; j < dim; j++) mean[j] = (mean[j] ?? 0) + (data[offset + j] ?? 0);
  }
  for (let j = 0; j < dim; j++) mean[j] = (mean[j] ?? 0) / rows;
  return mean;
}

/**
 * The centred data transposed (D×N, float64): variable j's N deviations from its mean form one
 * contiguous row, so the covariance is a Gram matrix of rows. Two-pass (centre, then multiply) is
 * accurate where the one-pass E[x²] − E[x]² loses digits.
 */
function centredTranspose({ data, rows, dim }: EmbeddingMatrix, mean: Float64Array): Float64Array {
  const out = new Float64Array(rows * dim);
  for (let r = 0; r < rows; r++) {
    const offset = r * dim;
    for (let j = 0; j < dim; j++) out[j * rows + r] = (data[offset + j] ?? 0) - (mean[j] ?? 0);
  }
  return out;
}
