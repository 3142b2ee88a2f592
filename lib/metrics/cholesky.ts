/**
 * Pivoted (semidefinite) Cholesky: P·A·Pᵀ ≈ L·Lᵀ with L lower trapezoidal, D×r, stopping at the
 * numerical rank r. A covariance of N < D embeddings has rank ≤ N − 1, so the factor, and every
 * product built from it, is only as large as the data behind it; the directions dropped hold
 * round-off (≤ tolerance), not variance.
 */
import { dot } from './kernels';

export interface PivotedCholesky {
  /** Numerical rank r: the number of pivots above the tolerance. */
  rank: number;
  /** Variable indices in pivot order (the r pivots first, then the rest). */
  order: Int32Array;
  /**
   * Lᵀ as r×D row-major in pivot order: row c is column c of L, zero left of c, so
   * A[order[i]][order[j]] ≈ Σ_c factorT[c·D + i]·factorT[c·D + j].
   */
  factorT: Float64Array;
}

const EPSILON = 2 ** -52;

/**
 * Factors the symmetric positive semidefinite n×n `matrix` (row-major, read-only). The default
 * tolerance is LAPACK dpstrf's, n·ε·max(diag A).
 */
export function pivotedCholesky(matrix: Float64Array, n: number, tolerance?: number): PivotedCholesky {
  const remaining = new Float64Array(n);
  let maxDiag = 0;
  for (let i = 0; i < n; i++) {
    const value = matrix[i * n + i] ?? 0;
    remaining[i] = value;
    maxDiag = Math.max(maxDiag, value);
  }
  const tol = tolerance ?? n * EPSILON * maxDiag;
  const done = new Uint8Array(n);
  const order = new Int32Array(n);
  // Row i holds L's row for variable i (original numbering), columns 0…k−1 so far: left-looking
  // updates are then dot products of contiguous rows.
  const rows = new Float64Array(n * n);
  let rank = 0;
  for (; rank < n; rank++) {
    let pivot = -1;
    let best = tol;
    for (let i = 0; i < n; i++) {
      const value = remaining[i] ?? 0;
      if (done[i] === 0 && value > best) {
        best = value;
        pivot = i;
      }
    }
    if (pivot < 0) break;
    done[pivot] = 1;
    order[rank] = pivot;
    const root = Math.sqrt(best);
    const pivotRow = pivot * n;
    rows[pivotRow + rank] = root;
    for (let i = 0; i < n; i++) {
      if (done[i] === 1) continue;
      const rowI = i * n;
      const value = ((matrix[rowI + pivot] ?? 0) - dot(rows, rowI, rows, pivotRow, 0, rank)) / root;
      rows[rowI + rank] = value;
      remaining[i] = (remaining[i] ?? 0) - value * value;
    }
  }
  let next = rank;
  for (let i = 0; i < n; i++) if (done[i] === 0) order[next++] = i;
  const factorT = new Float64Array(rank * n);
  for (let position = 0; position < n; position++) {
    const rowI = (order[position] ?? 0) * n;
    const last = Math.min(position, rank - 1);
    for (let c = 0; c <= last; c++) factorT[c * n + position] = rows[rowI + c] ?? 0;
  }
  return { rank, order, factorT };
}
