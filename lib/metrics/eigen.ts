/**
 * Eigenvalues (no eigenvectors) of a real symmetric matrix: Householder reduction to tridiagonal
 * form, then the implicit QL algorithm with Wilkinson-style shifts (the EISPACK tred/tql pair, as
 * in Numerical Recipes §11.2–11.3). Backward stable: each eigenvalue is exact for a matrix within
 * about ε·‖A‖ of the input, which is all FAD's trace of square roots needs.
 */
import { MetricError } from './errors';

const EPSILON = 2 ** -52;
const MAX_SWEEPS_PER_EIGENVALUE = 60;

/**
 * Eigenvalues of the symmetric n×n row-major `matrix`, read from its lower triangle, which is
 * overwritten (pass a copy to keep it). Returned in no particular order.
 */
export function symmetricEigenvalues(matrix: Float64Array, n: number): Float64Array {
  const diagonal = new Float64Array(n);
  const offDiagonal = new Float64Array(n);
  tridiagonalize(matrix, n, diagonal, offDiagonal);
  // tql expects e[i] to couple i and i + 1; the reduction left it coupling i and i − 1.
  for (let i = 0; i + 1 < n; i++) offDiagonal[i] = offDiagonal[i + 1] ?? 0;
  if (n > 0) offDiagonal[n - 1] = 0;
  tridiagonalQl(diagonal, offDiagonal, n);
  return diagonal;
}

/**
 * Reduces from the last row up, so each step reads row i (contiguous) as the Householder vector
 * and touches only the leading i×i lower triangle, row by row: the symmetric product p = A·u and
 * the rank-2 update A −= u·qᵀ + q·uᵀ both stream over contiguous rows. About (2/3)·n³ multiply-adds.
 */
function tridiagonalize(a: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  const u = new Float64Array(n);
  const p = new Float64Array(n);
  for (let i = n - 1; i > 0; i--) {
    const l = i - 1;
    const rowI = i * n;
    let scale = 0;
    for (let k = 0; k <= l; k++) scale += Math.abs(a[rowI + k] ?? 0);
    if (l === 0 || scale === 0) {
      e[i] = a[rowI + l] ?? 0;
      continue;
    }
    // Scaling by the row's 1-norm keeps h = Σu² far from overflow and underflow.
    let h = 0;
    for (let k = 0; k <= l; k++) {
      const value = (a[rowI + k] ?? 0) / scale;
      u[k] = value;
      h += value * value;
    }
    const f = u[l] ?? 0;
    const g = f >= 0 ? -Math.sqrt(h) : Math.sqrt(h);
    e[i] = scale * g;
    h -= f * g;
    u[l] = f - g;
    symmetricProduct(a, n, l + 1, u, p);
    let uDotP = 0;
    for (let j = 0; j <= l; j++) {
      const value = (p[j] ?? 0) / h;
      p[j] = value;
      uDotP += value * (u[j] ?? 0);
    }
    const half = uDotP / (h + h);
    for (let j = 0; j <= l; j++) p[j] = (p[j] ?? 0) - half * (u[j] ?? 0);
    rankTwoUpdate(a, n, l + 1, u, p);
  }
  e[0] = 0;
  for (let i = 0; i < n; i++) d[i] = a[i * n + i] ?? 0;
}

/**
 * p = A·u for the leading m×m block of A, read from its lower triangle. Four rows per pass: each
 * load of p[k] and u[k] serves four rows, and the four row sums are independent chains.
 */
function symmetricProduct(a: Float64Array, n: number, m: number, u: Float64Array, p: Float64Array): void {
  p.fill(0, 0, m);
  let j = 0;
  for (; j + 4 <= m; j += 4) {
    const r0 = j * n;
    const r1 = r0 + n;
    const r2 = r1 + n;
    const r3 = r2 + n;
    const u0 = u[j] ?? 0;
    const u1 = u[j + 1] ?? 0;
    const u2 = u[j + 2] ?? 0;
    const u3 = u[j + 3] ?? 0;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0; k < j; k++) {
      const v0 = a[r0 + k] ?? 0;
      const v1 = a[r1 + k] ?? 0;
      const v2 = a[r2 + k] ?? 0;
      const v3 = a[r3 + k] ?? 0;
      const uk = u[k] ?? 0;
      s0 += v0 * uk;
      s1 += v1 * uk;
      s2 += v2 * uk;
      s3 += v3 * uk;
      p[k] = (p[k] ?? 0) + v0 * u0 + v1 * u1 + v2 * u2 + v3 * u3;
    }
    finishRow(a, n, j, j, u, p, s0);
    finishRow(a, n, j + 1, j, u, p, s1);
    finishRow(a, n, j + 2, j, u, p, s2);
    finishRow(a, n, j + 3, j, u, p, s3);
  }
  for (; j < m; j++) finishRow(a, n, j, 0, u, p, 0);
}

/** Adds row j's lower-triangle entries from column `from` (up to the diagonal) to p = A·u. */
function finishRow(
  a: Float64Array,
  n: number,
  j: number,
  from: number,
  u: Float64Array,
  p: Float64Array,
  partial: number,
): void {
  const row = j * n;
  const uj = u[j] ?? 0;
  let sum = partial;
  for (let k = from; k < j; k++) {
    const value = a[row + k] ?? 0;
    sum += value * (u[k] ?? 0);
    p[k] = (p[k] ?? 0) + value * uj;
  }
  p[j] = (p[j] ?? 0) + sum + (a[row + j] ?? 0) * uj;
}

/** A −= u·qᵀ + q·uᵀ on the lower triangle of the leading m×m block, two rows per pass. */
function rankTwoUpdate(a: Float64Array, n: number, m: number, u: Float64Array, q: Float64Array): void {
  let j = 0;
  for (; j + 2 <= m; j += 2) {
    const r0 = j * n;
    const r1 = r0 + n;
    const u0 = u[j] ?? 0;
    const q0 = q[j] ?? 0;
    const u1 = u[j + 1] ?? 0;
    const q1 = q[j + 1] ?? 0;
    for (let k = 0; k <= j; k++) {
      const qk = q[k] ?? 0;
      const uk = u[k] ?? 0;
      a[r0 + k] = (a[r0 + k] ?? 0) - u0 * qk - q0 * uk;
      a[r1 + k] = (a[r1 + k] ?? 0) - u1 * qk - q1 * uk;
    }
    a[r1 + j + 1] = (a[r1 + j + 1] ?? 0) - 2 * u1 * q1;
  }
  if (j < m) {
    const row = j * n;
    const uj = u[j] ?? 0;
    const qj = q[j] ?? 0;
    for (let k = 0; k <= j; k++) a[row + k] = (a[row + k] ?? 0) - uj * (q[k] ?? 0) - qj * (u[k] ?? 0);
  }
}

/** Implicit QL on the tridiagonal (d, e); d receives the eigenvalues. */
function tridiagonalQl(d: Float64Array, e: Float64Array, n: number): void {
  for (let l = 0; l < n; l++) {
    let sweeps = 0;
    for (;;) {
      let m = l;
      for (; m < n - 1; m++) {
        const scale = Math.abs(d[m] ?? 0) + Math.abs(d[m + 1] ?? 0);
        if (Math.abs(e[m] ?? 0) <= EPSILON * scale) break;
      }
      if (m === l) break;
      if (++sweeps > MAX_SWEEPS_PER_EIGENVALUE) {
        throw new MetricError('no_convergence', 'The eigenvalue iteration did not converge.');
      }
      const dl = d[l] ?? 0;
      const el = e[l] ?? 0;
      let g = ((d[l + 1] ?? 0) - dl) / (2 * el);
      let r = Math.hypot(g, 1);
      g = (d[m] ?? 0) - dl + el / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      let underflow = false;
      for (; i >= l; i--) {
        const ei = e[i] ?? 0;
        const f = s * ei;
        const b = c * ei;
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          // Deflate: the rotation underflowed, so the block splits here.
          d[i + 1] = (d[i + 1] ?? 0) - p;
          e[m] = 0;
          underflow = true;
          break;
        }
        s = f / r;
        c = g / r;
        g = (d[i + 1] ?? 0) - p;
        r = ((d[i] ?? 0) - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
      }
      if (underflow) continue;
      d[l] = (d[l] ?? 0) - p;
      e[l] = g;
      e[m] = 0;
    }
  }
}
