/**
 * Kernel Audio Distance (Chung et al. 2025, "KAD: No More FAD!", YoonjinXD/kadtk): an unbiased
 * estimate of the squared maximum mean discrepancy with a Gaussian RBF kernel. Unlike FAD it fits
 * no Gaussian and takes no matrix square root, and it is unbiased at any N, so scores at different
 * set sizes are comparable: the better fit for a validator that sees few clips per round.
 *
 * Matches kadtk's `calc_kernel_audio_distance` with its defaults:
 * - bandwidth h = median pairwise Euclidean distance of the **reference** set, taken like
 *   `torch.median` (the lower of the two middle values; no averaging);
 * - k(x, y) = exp(−γ‖x − y‖²) with γ = 1 / (2h² + 1e-8), ‖x − y‖² = ‖x‖² + ‖y‖² − 2x·y;
 * - KAD = 100 · (mean_{i≠j} k(xᵢ, xⱼ) + mean_{i≠j} k(yᵢ, yⱼ) − 2·mean_{i,j} k(xᵢ, yⱼ)).
 * kadtk computes in float32 on torch; we compute in float64 and clamp squared distances at 0
 * (round-off only). Being unbiased, KAD can be slightly negative when the sets match.
 */
import { MetricError } from './errors';
import { dot, multiplyTransposed } from './kernels';
import { assertSameDim, assertUsableSet, type EmbeddingMatrix } from './matrix';

export interface KadOptions {
  /** Kernel bandwidth; defaults to the reference set's median pairwise distance. */
  bandwidth?: number;
}

export interface KadResult {
  /** 100 × unbiased MMD²; ≈ 0 (possibly slightly negative) for matching distributions. */
  kad: number;
  /** Embeddings in the reference set (A). */
  nA: number;
  /** Embeddings in the evaluated set (B). */
  nB: number;
  /** The bandwidth used. */
  bandwidth: number;
}

const SCALE_FACTOR = 100;
const GAMMA_EPSILON = 1e-8;

/** KAD of `evaluated` against `reference` (each N ≥ 2, same dimension, finite values). */
export function kad(
  reference: EmbeddingMatrix,
  evaluated: EmbeddingMatrix,
  options: KadOptions = {},
): KadResult {
  assertUsableSet(reference, 2, 'reference set', 'KAD');
  assertUsableSet(evaluated, 2, 'evaluated set', 'KAD');
  assertSameDim(reference, evaluated, 'reference set', 'evaluated set');
  const { bandwidth: fixed } = options;
  if (fixed !== undefined && !(Number.isFinite(fixed) && fixed >= 0)) {
    throw new MetricError('bad_option', `The KAD bandwidth must be a finite number ≥ 0 (got ${fixed}).`);
  }
  const m = reference.rows;
  const n = evaluated.rows;
  const dim = reference.dim;
  const x = Float64Array.from(reference.data);
  const y = Float64Array.from(evaluated.data);
  const xNorms = squaredNorms(x, m, dim);
  const yNorms = squaredNorms(y, n, dim);
  const xx = multiplyTransposed(x, m, x, m, dim, { upper: true });
  const bandwidth = fixed ?? lowerMedian(pairDistances(xx, xNorms, m));
  const gamma = 1 / (2 * bandwidth * bandwidth + GAMMA_EPSILON);
  const meanXX = offDiagonalKernelMean(xx, xNorms, m, gamma);
  const meanYY = offDiagonalKernelMean(
    multiplyTransposed(y, n, y, n, dim, { upper: true }),
    yNorms,
    n,
    gamma,
  );
  const xy = multiplyTransposed(x, m, y, n, dim);
  let sumXY = 0;
  for (let i = 0; i < m; i++) {
    const ni = xNorms[i] ?? 0;
    for (let j = 0; j < n; j++) {
      sumXY += Math.exp(-gamma * Math.max(0, ni + (yNorms[j] ?? 0) - 2 * (xy[i * n + j] ?? 0)));
    }
  }
  const value = SCALE_FACTOR * (meanXX + meanYY - (2 * sumXY) / (m * n));
  return { kad: value, nA: m, nB: n, bandwidth };
}

/** The reference bandwidth on its own: median (lower middle) of the N(N−1)/2 pairwise distances. */
export function medianPairwiseDistance(matrix: EmbeddingMatrix): number {
  assertUsableSet(matrix, 2, 'set', 'A pairwise distance');
  const { rows, dim } = matrix;
  const x = Float64Array.from(matrix.data);
  const norms = squaredNorms(x, rows, dim);
  return lowerMedian(pairDistances(multiplyTransposed(x, rows, x, rows, dim, { upper: true }), norms, rows));
}

function squaredNorms(x: Float64Array, rows: number, dim: number): Float64Array {
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) out[i] = dot(x, i * dim, x, i * dim, 0, dim);
  return out;
}

/** Distances for i < j from the upper triangle of the Gram matrix. */
function pairDistances(gram: Float64Array, norms: Float64Array, m: number): Float64Array {
  const out = new Float64Array((m * (m - 1)) / 2);
  let next = 0;
  for (let i = 0; i < m; i++) {
    const ni = norms[i] ?? 0;
    for (let j = i + 1; j < m; j++) {
      out[next++] = Math.sqrt(Math.max(0, ni + (norms[j] ?? 0) - 2 * (gram[i * m + j] ?? 0)));
    }
  }
  return out;
}

/** Mean of k(xᵢ, xⱼ) over the m(m−1) ordered pairs i ≠ j, from the upper triangle (k is symmetric). */
function offDiagonalKernelMean(gram: Float64Array, norms: Float64Array, m: number, gamma: number): number {
  let sum = 0;
  for (let i = 0; i < m; i++) {
    const ni = norms[i] ?? 0;
    for (let j = i + 1; j < m; j++) {
      sum += Math.exp(-gamma * Math.max(0, ni + (norms[j] ?? 0) - 2 * (gram[i * m + j] ?? 0)));
    }
  }
  return (2 * sum) / (m * (m - 1));
}

/** Element ⌊(len − 1)/2⌋ of the sorted values (torch.median's choice), by quickselect, in place. */
export function lowerMedian(values: Float64Array): number {
  if (values.length === 0) throw new MetricError('empty', 'Cannot take the median of no values.');
  const target = (values.length - 1) >> 1;
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    // Median-of-three pivot keeps sorted and constant inputs from going quadratic.
    const mid = (lo + hi) >> 1;
    const pivot = medianOfThree(values[lo] ?? 0, values[mid] ?? 0, values[hi] ?? 0);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] ?? 0) < pivot) i++;
      while ((values[j] ?? 0) > pivot) j--;
      if (i <= j) {
        const swap = values[i] ?? 0;
        values[i] = values[j] ?? 0;
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return values[target] ?? 0;
  }
  return values[target] ?? 0;
}

function medianOfThree(a: number, b: number, c: number): number {
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}
