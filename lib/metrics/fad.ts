/**
 * Fréchet Audio Distance between two Gaussians fitted to embedding sets (Kilgour et al. 2019):
 *
 *   FAD = ‖μ₁ − μ₂‖² + tr Σ₁ + tr Σ₂ − 2·tr √(Σ₁Σ₂)
 *
 * The references (Google's fad_utils, fadtk, pytorch-fid) take scipy's general `sqrtm` of the
 * non-symmetric product Σ₁Σ₂, drop imaginary round-off and retry with ε·I when it fails. We need
 * only the trace, and compute it from symmetric matrices, in float64, with no complex numbers:
 *
 * 1. Factor Σ₁ = F·Fᵀ with a pivoted Cholesky, F of size D×r, r = numerical rank (≤ N₁ − 1).
 * 2. Σ₁Σ₂ = F·(Fᵀ Σ₂) and, for any matrices, XY and YX share their non-zero eigenvalues
 *    (Sylvester), so the non-zero eigenvalues of Σ₁Σ₂ are those of the r×r matrix M = Fᵀ Σ₂ F.
 * 3. M is a congruence of the PSD Σ₂, hence symmetric PSD: its eigenvalues μᵢ are real and ≥ 0.
 * 4. On its non-zero eigenvalues Σ₁Σ₂ behaves like Σ₁^½ Σ₂ Σ₁^½ (similar when Σ₁ is invertible),
 *    so its square root has eigenvalues √μᵢ there and 0 elsewhere: tr √(Σ₁Σ₂) = Σᵢ √μᵢ. This is
 *    exactly what fadtk's and torchaudio's eigenvalue routes compute, and what sqrtm gives
 *    whenever it succeeds.
 *
 * This equals the S·Σ₂·S route with S = Σ₁^½ (clap-and-fad.md §3) but needs no eigenvectors and
 * shrinks to r×r when N < D. Eigenvalues that round-off pushes below zero (≈ −1e-19 here) are
 * clamped to 0 before the square root, so nothing can turn into NaN.
 *
 * We factor the set with fewer embeddings (the lower rank) to keep M small. The final value is
 * clamped at 0: FAD is a squared distance, and a negative result can only be cancellation
 * round-off of size ≈ ε·(tr Σ₁ + tr Σ₂), e.g. when a set is compared with itself.
 */
import { pivotedCholesky } from './cholesky';
import { symmetricEigenvalues } from './eigen';
import { MetricError } from './errors';
import { mirrorUpper, multiplyTransposed } from './kernels';
import { assertSameDim, assertUsableSet, type EmbeddingMatrix } from './matrix';
import { assertUsableStats, type EmbeddingStats, embeddingStats, trace } from './stats';

export interface FadResult {
  /** The distance (≥ 0). Only comparable between results with the same set sizes. */
  fad: number;
  /** Embeddings in set A. */
  nA: number;
  /** Embeddings in set B. */
  nB: number;
}

/** FAD between two embedding sets (each N ≥ 2, same dimension, finite values). */
export function fad(a: EmbeddingMatrix, b: EmbeddingMatrix): FadResult {
  assertUsableSet(a, 2, 'set A', 'FAD');
  assertUsableSet(b, 2, 'set B', 'FAD');
  assertSameDim(a, b, 'set A', 'set B');
  return fadFromStats(embeddingStats(a, 'set A'), embeddingStats(b, 'set B'));
}

/** FAD from precomputed (e.g. cached reference) statistics. */
export function fadFromStats(a: EmbeddingStats, b: EmbeddingStats): FadResult {
  assertUsableStats(a, 'set A');
  assertUsableStats(b, 'set B');
  assertSameStatsDim(a, b);
  // Factor the set with fewer embeddings: its rank (≤ N − 1) sets the size of M.
  return a.n <= b.n ? fadWithFactor(prepare(a), b, false) : fadWithFactor(prepare(b), a, true);
}

/** Statistics with their covariance already factored, to compare against many sets. */
export interface FadReference {
  readonly stats: EmbeddingStats;
  readonly factor: CovarianceFactor;
}

/**
 * Factors a set's covariance once (a D×D pivoted Cholesky) so that `fadFromReference` against
 * other sets skips it: for FAD∞'s resampling, or a validator's all-pairs FAD between miners.
 */
export function prepareFadReference(stats: EmbeddingStats, label = 'reference set'): FadReference {
  assertUsableStats(stats, label);
  return prepare(stats);
}

/** FAD between a prepared reference (reported as set A) and another set's statistics (set B). */
export function fadFromReference(reference: FadReference, other: EmbeddingStats): FadResult {
  assertUsableStats(other, 'set B');
  assertSameStatsDim(reference.stats, other);
  return fadWithFactor(reference, other, false);
}

export interface CovarianceFactor {
  /** Σ ≈ F·Fᵀ with F = Pᵀ·L, D×rank; see cholesky.ts. */
  readonly rank: number;
  readonly order: Int32Array;
  readonly factorT: Float64Array;
}

/**
 * tr √(Σ₁Σ₂) for symmetric PSD D×D row-major matrices (see the derivation above); cheapest when
 * Σ₁ has the lower rank. Only the symmetric parts of the inputs matter.
 */
export function traceSqrtProduct(cov1: Float64Array, cov2: Float64Array, dim: number): number {
  return traceSqrtWithFactor(pivotedCholesky(symmetricPart(cov1, dim), dim), cov2, dim);
}

function prepare(stats: EmbeddingStats): FadReference {
  return { stats, factor: pivotedCholesky(symmetricPart(stats.cov, stats.dim), stats.dim) };
}

function fadWithFactor(factored: FadReference, other: EmbeddingStats, swapped: boolean): FadResult {
  const { stats } = factored;
  const dim = stats.dim;
  let meanTerm = 0;
  for (let i = 0; i < dim; i++) {
    const diff = (stats.mean[i] ?? 0) - (other.mean[i] ?? 0);
    meanTerm += diff * diff;
  }
  const traceRoot = traceSqrtWithFactor(factored.factor, other.cov, dim);
  const value = meanTerm + trace(stats.cov, dim) + trace(other.cov, dim) - 2 * traceRoot;
  if (!Number.isFinite(value)) {
    // Only reachable when finite inputs overflow (|values| beyond ~1e150); never return NaN.
    throw new MetricError('non_finite', 'FAD overflowed: the embeddings are too large to square in float64.');
  }
  const fadValue = Math.max(0, value);
  return swapped ? { fad: fadValue, nA: other.n, nB: stats.n } : { fad: fadValue, nA: stats.n, nB: other.n };
}

function traceSqrtWithFactor(factor: CovarianceFactor, cov2: Float64Array, dim: number): number {
  const { rank, order, factorT } = factor;
  if (rank === 0) return 0;
  // Σ₂ in the factor's pivot order, so Lᵀ is upper trapezoidal and its zeros can be skipped.
  const permuted = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) {
    const oi = order[i] ?? 0;
    const target = i * dim;
    for (let j = 0; j < dim; j++) {
      const oj = order[j] ?? 0;
      permuted[target + j] = 0.5 * ((cov2[oi * dim + oj] ?? 0) + (cov2[oj * dim + oi] ?? 0));
    }
  }
  // (Σ₂L)ᵀ = Lᵀ·Σ₂ (r×D), then M = Lᵀ·(Σ₂L) (r×r): both as dot products of contiguous rows.
  const productT = multiplyTransposed(factorT, rank, permuted, dim, dim, { trapezoidal: true });
  const congruence = multiplyTransposed(factorT, rank, productT, rank, dim, {
    trapezoidal: true,
    upper: true,
  });
  mirrorUpper(congruence, rank);
  const eigenvalues = symmetricEigenvalues(congruence, rank);
  let sum = 0;
  for (const value of eigenvalues) sum += Math.sqrt(Math.max(0, value));
  return sum;
}

function assertSameStatsDim(a: EmbeddingStats, b: EmbeddingStats): void {
  if (a.dim !== b.dim) {
    throw new MetricError(
      'dimension_mismatch',
      `Set A's statistics are ${a.dim}-d but set B's are ${b.dim}-d.`,
    );
  }
}

function symmetricPart(matrix: Float64Array, dim: number): Float64Array {
  const out = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) {
    for (let j = i; j < dim; j++) {
      const value = 0.5 * ((matrix[i * dim + j] ?? 0) + (matrix[j * dim + i] ?? 0));
      out[i * dim + j] = value;
      out[j * dim + i] = value;
    }
  }
  return out;
}
