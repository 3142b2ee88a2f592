/**
 * 2-D projection of clip embeddings for the Insights "Clip map": principal component analysis of
 * the mean-centred embeddings. The d×d covariance (d = 512) is built once in float64 (n·d²/2
 * multiply-adds, a few seconds in a worker for 20,000 clips), then its top eigenvectors come from
 * block subspace iteration with a Rayleigh–Ritz step per round: a block a few columns wider than
 * needed converges at the rate λ(block+1)/λ(k) rather than λ(k+1)/λ(k), and the Ritz residual
 * ‖Cv − λv‖ gives an honest stopping test. Checked against NumPy's `eigh` (tests/reference).
 *
 * Signs are made deterministic: each component's largest-magnitude entry is positive.
 */
import { gaussian, mulberry32 } from '../../metrics/random';

export interface Projection {
  /** Row-major n×k coordinates. */
  coords: Float64Array;
  /**
   * Row-major n×m coordinates along all m orthonormal directions of the final iteration block (the
   * k components first): more of each pairwise distance, for pruning near-duplicate search.
   */
  wide: Float64Array;
  wideCount: number;
  /** Row-major k×d unit principal directions. */
  components: Float64Array;
  /** Variance along each component (eigenvalues of the covariance, n − 1 denominator). */
  variances: number[];
  totalVariance: number;
}

const EXTRA_COLUMNS = 14;
/**
 * Directions with (nearly) equal variance converge slowly but are interchangeable on a map; after
 * this many rounds the Ritz vectors are the best estimate the block holds, and are used as they are.
 */
const MAX_ROUNDS = 150;
const TOLERANCE = 1e-9;

/** Symmetric eigen-decomposition of a small m×m matrix by cyclic Jacobi: values and column vectors. */
export function jacobiEigen(
  matrix: Float64Array,
  m: number,
): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(m * m);
  for (let i = 0; i < m; i++) v[i * m + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < m; p++) for (let q = p + 1; q < m; q++) off += (a[p * m + q] ?? 0) ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < m; p++) {
      for (let q = p + 1; q < m; q++) {
        const apq = a[p * m + q] ?? 0;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = ((a[q * m + q] ?? 0) - (a[p * m + p] ?? 0)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < m; r++) {
          const arp = a[r * m + p] ?? 0;
          const arq = a[r * m + q] ?? 0;
          a[r * m + p] = c * arp - s * arq;
          a[r * m + q] = s * arp + c * arq;
        }
        for (let r = 0; r < m; r++) {
          const apr = a[p * m + r] ?? 0;
          const aqr = a[q * m + r] ?? 0;
          a[p * m + r] = c * apr - s * aqr;
          a[q * m + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < m; r++) {
          const vrp = v[r * m + p] ?? 0;
          const vrq = v[r * m + q] ?? 0;
          v[r * m + p] = c * vrp - s * vrq;
          v[r * m + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const values = new Float64Array(m);
  for (let i = 0; i < m; i++) values[i] = a[i * m + i] ?? 0;
  return { values, vectors: v };
}

/** Column-major block helpers: column c of a d×b block lives at [c*d, (c+1)*d). */
function orthonormalize(block: Float64Array, d: number, b: number, random: () => number): void {
  for (let c = 0; c < b; c++) {
    const col = block.subarray(c * d, (c + 1) * d);
    for (let attempt = 0; attempt < 3; attempt++) {
      for (let p = 0; p < c; p++) {
        const prev = block.subarray(p * d, (p + 1) * d);
        let dot = 0;
        for (let i = 0; i < d; i++) dot += (col[i] ?? 0) * (prev[i] ?? 0);
        for (let i = 0; i < d; i++) col[i] = (col[i] ?? 0) - dot * (prev[i] ?? 0);
      }
      let norm = 0;
      for (let i = 0; i < d; i++) norm += (col[i] ?? 0) ** 2;
      norm = Math.sqrt(norm);
      if (norm > 1e-12) {
        for (let i = 0; i < d; i++) col[i] = (col[i] ?? 0) / norm;
        break;
      }
      // The column fell into the span of the others (rank-deficient data): restart it at random.
      for (let i = 0; i < d; i++) col[i] = random();
    }
  }
}

export function covariance(rows: ArrayLike<number>, n: number, d: number, mean: Float64Array): Float64Array {
  const cov = new Float64Array(d * d);
  // Four centred rows per pass: each load/store of the upper triangle serves four rank-1 updates,
  // which is what bounds this loop (the d×d matrix does not fit in L1).
  const x = new Float64Array(4 * d);
  for (let r = 0; r < n; r += 4) {
    const m = Math.min(4, n - r);
    x.fill(0);
    for (let t = 0; t < m; t++) {
      for (let i = 0; i < d; i++) x[t * d + i] = (rows[(r + t) * d + i] ?? 0) - (mean[i] ?? 0);
    }
    for (let i = 0; i < d; i++) {
      const a0 = x[i] as number;
      const a1 = x[d + i] as number;
      const a2 = x[2 * d + i] as number;
      const a3 = x[3 * d + i] as number;
      const row = i * d;
      for (let j = i; j < d; j++) {
        cov[row + j] =
          (cov[row + j] as number) +
          a0 * (x[j] as number) +
          a1 * (x[d + j] as number) +
          a2 * (x[2 * d + j] as number) +
          a3 * (x[3 * d + j] as number);
      }
    }
  }
  const scale = n > 1 ? 1 / (n - 1) : 0;
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      const value = (cov[i * d + j] ?? 0) * scale;
      cov[i * d + j] = value;
      cov[j * d + i] = value;
    }
  }
  return cov;
}

/** Z = C·Q for row-major C (d×d) and column-major Q, Z (d×b); two columns per pass share each row load. */
function multiplyBlock(cov: Float64Array, q: Float64Array, z: Float64Array, d: number, b: number): void {
  let c = 0;
  for (; c + 2 <= b; c += 2) {
    const q0 = c * d;
    const q1 = q0 + d;
    for (let i = 0; i < d; i++) {
      const row = i * d;
      let s0 = 0;
      let s1 = 0;
      for (let j = 0; j < d; j++) {
        const value = cov[row + j] as number;
        s0 += value * (q[q0 + j] as number);
        s1 += value * (q[q1 + j] as number);
      }
      z[q0 + i] = s0;
      z[q1 + i] = s1;
    }
  }
  for (; c < b; c++) {
    for (let i = 0; i < d; i++) {
      let sum = 0;
      for (let j = 0; j < d; j++) sum += (cov[i * d + j] as number) * (q[c * d + j] as number);
      z[c * d + i] = sum;
    }
  }
}

/** Top-k eigenpairs of the symmetric d×d `cov` (values descending, unit vectors column-major). */
export function topEigenpairs(
  cov: Float64Array,
  d: number,
  k: number,
): { values: number[]; vectors: Float64Array; block: Float64Array; blockSize: number } {
  const b = Math.min(d, k + EXTRA_COLUMNS);
  const random = gaussian(mulberry32(0x9e3779b9));
  let q = new Float64Array(d * b);
  for (let i = 0; i < q.length; i++) q[i] = random();
  orthonormalize(q, d, b, random);
  const z = new Float64Array(d * b);
  let ritz = { values: [] as number[], vectors: new Float64Array(d * k), block: q, blockSize: b };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    multiplyBlock(cov, q, z, d, b);
    // Rayleigh–Ritz: H = Qᵀ C Q, then Ritz vectors V = Q W and C V = Z W.
    const h = new Float64Array(b * b);
    for (let r = 0; r < b; r++) {
      for (let c = 0; c < b; c++) {
        let sum = 0;
        for (let i = 0; i < d; i++) sum += (q[r * d + i] ?? 0) * (z[c * d + i] ?? 0);
        h[r * b + c] = sum;
      }
    }
    const eig = jacobiEigen(h, b);
    const order = [...eig.values.keys()].sort((x, y) => (eig.values[y] ?? 0) - (eig.values[x] ?? 0));
    const v = new Float64Array(d * b);
    const cv = new Float64Array(d * b);
    order.forEach((source, target) => {
      for (let r = 0; r < b; r++) {
        const w = eig.vectors[r * b + source] ?? 0;
        if (w === 0) continue;
        for (let i = 0; i < d; i++) {
          v[target * d + i] = (v[target * d + i] ?? 0) + w * (q[r * d + i] ?? 0);
          cv[target * d + i] = (cv[target * d + i] ?? 0) + w * (z[r * d + i] ?? 0);
        }
      }
    });
    const values = order.slice(0, k).map((index) => eig.values[index] ?? 0);
    ritz = { values, vectors: v.slice(0, d * k), block: v, blockSize: b };
    const scale = Math.max(Math.abs(values[0] ?? 0), 1e-300);
    let worst = 0;
    for (let c = 0; c < k; c++) {
      let residual = 0;
      for (let i = 0; i < d; i++)
        residual += ((cv[c * d + i] ?? 0) - (values[c] ?? 0) * (v[c * d + i] ?? 0)) ** 2;
      worst = Math.max(worst, Math.sqrt(residual) / scale);
    }
    if (worst <= TOLERANCE) break;
    q = cv;
    orthonormalize(q, d, b, random);
  }
  return ritz;
}

export function pcaProject(rows: ArrayLike<number>, n: number, d: number, k = 2): Projection {
  const mean = new Float64Array(d);
  for (let r = 0; r < n; r++)
    for (let i = 0; i < d; i++) mean[i] = (mean[i] ?? 0) + (rows[r * d + i] ?? 0) / n;
  const cov = covariance(rows, n, d, mean);
  let totalVariance = 0;
  for (let i = 0; i < d; i++) totalVariance += cov[i * d + i] ?? 0;
  const kk = Math.min(k, d);
  const { values, block, blockSize } = topEigenpairs(cov, d, kk);
  for (let c = 0; c < blockSize; c++) {
    let at = 0;
    for (let i = 1; i < d; i++)
      if (Math.abs(block[c * d + i] ?? 0) > Math.abs(block[c * d + at] ?? 0)) at = i;
    if ((block[c * d + at] ?? 0) < 0) for (let i = 0; i < d; i++) block[c * d + i] = -(block[c * d + i] ?? 0);
  }
  const wide = new Float64Array(n * blockSize);
  const coords = new Float64Array(n * kk);
  const x = new Float64Array(d);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < d; i++) x[i] = (rows[r * d + i] ?? 0) - (mean[i] ?? 0);
    for (let c = 0; c < blockSize; c++) {
      let sum = 0;
      for (let i = 0; i < d; i++) sum += (x[i] as number) * (block[c * d + i] as number);
      wide[r * blockSize + c] = sum;
      if (c < kk) coords[r * kk + c] = sum;
    }
  }
  return {
    coords,
    wide,
    wideCount: blockSize,
    components: block.slice(0, d * kk),
    variances: values.map((value) => Math.max(0, value)),
    totalVariance,
  };
}
