/**
 * Near-duplicate clips: pairs whose unit audio embeddings have cosine ≥ 0.98. At that level two
 * clips are, to CLAP, the same sound (the same track re-encoded, or a loop cut twice); different
 * tracks in one style sit well below it, typically 0.7–0.95. Such pairs inflate a dataset without
 * adding anything for Ruby to learn, and FAD treats the set as less diverse than it looks.
 *
 * Exact, and fast for thousands of clips: for unit vectors, cos ≥ t ⇔ ‖a − b‖ ≤ r = √(2 − 2t),
 * and for orthonormal directions v₁…v_m, Σ (vₖ·a − vₖ·b)² ≤ ‖a − b‖² (Bessel). So after sorting by
 * the first coordinate only pairs within r along it can qualify, and the m-dimensional distance
 * prunes again before any 512-d dot product — no pair is ever missed. With the top principal
 * directions as the vₖ, most of the distance shows up in those few coordinates.
 */
export const NEAR_DUPLICATE_COSINE = 0.98;

export interface NearDuplicatePair {
  a: number;
  b: number;
  cosine: number;
}

/** Scales each row of an n×d matrix to unit length in place (zero rows stay zero). */
export function normalizeRows(rows: Float32Array | Float64Array, n: number, d: number): void {
  for (let r = 0; r < n; r++) {
    let sum = 0;
    for (let i = 0; i < d; i++) sum += (rows[r * d + i] ?? 0) ** 2;
    const norm = Math.sqrt(sum);
    if (norm > 0) for (let i = 0; i < d; i++) rows[r * d + i] = (rows[r * d + i] ?? 0) / norm;
  }
}

/**
 * Pairs (a < b) of unit rows with cosine ≥ `threshold`, highest first. `axes` are the rows'
 * coordinates along orthonormal directions (n×axisCount, row-major), e.g. principal components;
 * only differences along them are compared, so they need not be centred.
 */
export function nearDuplicatePairs(
  unit: Float32Array | Float64Array,
  n: number,
  d: number,
  axes: Float64Array,
  axisCount: number,
  threshold = NEAR_DUPLICATE_COSINE,
  maxPairs = 10_000,
): NearDuplicatePair[] {
  // Slightly wider than exact so float rounding in the projections cannot drop a true pair.
  const radius = Math.sqrt(Math.max(0, 2 - 2 * threshold)) + 1e-9;
  const radius2 = radius * radius;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (x, y) => (axes[x * axisCount] ?? 0) - (axes[y * axisCount] ?? 0),
  );
  const pairs: NearDuplicatePair[] = [];
  for (let p = 0; p < n; p++) {
    const i = order[p] ?? 0;
    const xi = axes[i * axisCount] ?? 0;
    for (let q = p + 1; q < n; q++) {
      const j = order[q] ?? 0;
      if ((axes[j * axisCount] ?? 0) - xi > radius) break;
      let partial = 0;
      for (let axis = 0; axis < axisCount && partial <= radius2; axis++) {
        partial += ((axes[i * axisCount + axis] ?? 0) - (axes[j * axisCount + axis] ?? 0)) ** 2;
      }
      if (partial > radius2) continue;
      const dot = dotRows(unit, i * d, j * d, d);
      if (dot >= threshold) pairs.push(i < j ? { a: i, b: j, cosine: dot } : { a: j, b: i, cosine: dot });
    }
    if (pairs.length >= maxPairs) break;
  }
  return pairs.sort((x, y) => y.cosine - x.cosine || x.a - y.a || x.b - y.b);
}

function dotRows(rows: Float32Array | Float64Array, a: number, b: number, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 4 <= d; k += 4) {
    s0 += (rows[a + k] as number) * (rows[b + k] as number);
    s1 += (rows[a + k + 1] as number) * (rows[b + k + 1] as number);
    s2 += (rows[a + k + 2] as number) * (rows[b + k + 2] as number);
    s3 += (rows[a + k + 3] as number) * (rows[b + k + 3] as number);
  }
  for (; k < d; k++) s0 += (rows[a + k] as number) * (rows[b + k] as number);
  return s0 + s1 + s2 + s3;
}
