/**
 * The one dense kernel behind covariances, FAD's congruence product and KAD's Gram matrices:
 * C = A·Bᵀ for row-major A and B, so every entry is a dot product of two contiguous rows.
 *
 * Why this shape: in V8 a plain Float64Array loop is bound by loads, not arithmetic. A 2×4 block of
 * C computed at once loads 6 values per 8 multiply-adds and keeps the 8 sums in registers, which
 * measured about 2× faster than rank-1 (axpy) updates of C at 512×512 (2 MB, more than L2).
 */

export interface MultiplyOptions {
  /** Only entries with j ≥ i are needed (Gram matrices); blocks left of the diagonal are skipped. */
  upper?: boolean;
  /** A is upper trapezoidal (A[i][k] = 0 for k < i), so row i's dot products start at k = i. */
  trapezoidal?: boolean;
}

/**
 * C (m×p, row-major) with C[i][j] = Σₖ A[i][k]·B[j][k] for A (m×K) and B (p×K). With `upper`, entries
 * left of the diagonal may hold garbage or zeros: read only j ≥ i.
 */
export function multiplyTransposed(
  a: Float64Array,
  m: number,
  b: Float64Array,
  p: number,
  k: number,
  options: MultiplyOptions = {},
): Float64Array {
  const out = new Float64Array(m * p);
  for (let i = 0; i < m; i += 2) {
    const k0 = options.trapezoidal ? i : 0;
    // Start at the 4-aligned block holding the diagonal so block columns stay aligned.
    let j = options.upper ? i - (i % 4) : 0;
    const rowA = i * k;
    if (i + 1 < m) {
      const rowA1 = rowA + k;
      for (; j + 4 <= p; j += 4) {
        const b0 = j * k;
        const b1 = b0 + k;
        const b2 = b1 + k;
        const b3 = b2 + k;
        let s00 = 0;
        let s01 = 0;
        let s02 = 0;
        let s03 = 0;
        let s10 = 0;
        let s11 = 0;
        let s12 = 0;
        let s13 = 0;
        for (let t = k0; t < k; t++) {
          const x0 = a[rowA + t] ?? 0;
          const x1 = a[rowA1 + t] ?? 0;
          const y0 = b[b0 + t] ?? 0;
          const y1 = b[b1 + t] ?? 0;
          const y2 = b[b2 + t] ?? 0;
          const y3 = b[b3 + t] ?? 0;
          s00 += x0 * y0;
          s01 += x0 * y1;
          s02 += x0 * y2;
          s03 += x0 * y3;
          s10 += x1 * y0;
          s11 += x1 * y1;
          s12 += x1 * y2;
          s13 += x1 * y3;
        }
        const o0 = i * p + j;
        const o1 = o0 + p;
        out[o0] = s00;
        out[o0 + 1] = s01;
        out[o0 + 2] = s02;
        out[o0 + 3] = s03;
        out[o1] = s10;
        out[o1 + 1] = s11;
        out[o1 + 2] = s12;
        out[o1 + 3] = s13;
      }
      for (; j < p; j++) {
        out[i * p + j] = dot(a, rowA, b, j * k, k0, k);
        out[(i + 1) * p + j] = dot(a, rowA + k, b, j * k, k0, k);
      }
    } else {
      for (; j < p; j++) out[i * p + j] = dot(a, rowA, b, j * k, k0, k);
    }
  }
  return out;
}

/** Σ x[xOffset + t]·y[yOffset + t] for t in [from, to), with four partial sums to hide latency. */
export function dot(
  x: Float64Array,
  xOffset: number,
  y: Float64Array,
  yOffset: number,
  from: number,
  to: number,
): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t = from;
  for (; t + 4 <= to; t += 4) {
    s0 += (x[xOffset + t] ?? 0) * (y[yOffset + t] ?? 0);
    s1 += (x[xOffset + t + 1] ?? 0) * (y[yOffset + t + 1] ?? 0);
    s2 += (x[xOffset + t + 2] ?? 0) * (y[yOffset + t + 2] ?? 0);
    s3 += (x[xOffset + t + 3] ?? 0) * (y[yOffset + t + 3] ?? 0);
  }
  for (; t < to; t++) s0 += (x[xOffset + t] ?? 0) * (y[yOffset + t] ?? 0);
  return s0 + s1 + (s2 + s3);
}

/** Copies the upper triangle of a symmetric n×n matrix onto its lower triangle, in place. */
export function mirrorUpper(matrix: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) matrix[j * n + i] = matrix[i * n + j] ?? 0;
  }
}
