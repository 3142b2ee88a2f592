import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '@/lib/metrics/random';
import { writeNpy } from '@/lib/npy';
import { runReference } from '@/tests/support/python';
import { makeTempDir } from '@/tests/support/temp-dir';
import { NEAR_DUPLICATE_COSINE, nearDuplicatePairs, normalizeRows } from './near-duplicates';
import { jacobiEigen, pcaProject } from './pca';

const temp = makeTempDir('genki-pca-');
afterAll(() => temp.cleanup());

/** n×d rows around a few dominant directions, like clustered clip embeddings. */
function embeddings(n: number, d: number, seed: number, spreads = [3, 2, 1.2, 0.6]): Float64Array {
  const random = gaussian(mulberry32(seed));
  const directions = spreads.map(() => Float64Array.from({ length: d }, random));
  for (const direction of directions) normalizeRows(direction, 1, d);
  const rows = new Float64Array(n * d);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < d; i++) rows[r * d + i] = 0.05 * random();
    spreads.forEach((spread, s) => {
      const weight = spread * random();
      const direction = directions[s] as Float64Array;
      for (let i = 0; i < d; i++) rows[r * d + i] = (rows[r * d + i] ?? 0) + weight * (direction[i] ?? 0);
    });
  }
  return rows;
}

function reference(rows: Float64Array, n: number, d: number, name: string) {
  const file = path.join(temp.dir, `${name}.npy`);
  fs.writeFileSync(file, writeNpy(rows, [n, d]));
  return JSON.parse(runReference('pca_projection.py', [file, '2'])) as {
    coords: number[][];
    variances: number[];
    total_variance: number;
  };
}

describe('PCA projection vs NumPy eigh', () => {
  it.each([
    ['more clips than dimensions', 600, 512, 11],
    ['fewer clips than dimensions', 40, 512, 12],
  ])('%s', (name, n, d, seed) => {
    const rows = embeddings(n, d, seed);
    const ours = pcaProject(rows, n, d, 2);
    const theirs = reference(rows, n, d, name.replace(/ /g, '-'));
    expect(ours.totalVariance).toBeCloseTo(theirs.total_variance, 9);
    ours.variances.forEach((value, c) => {
      expect(value).toBeCloseTo(theirs.variances[c] ?? Number.NaN, 9);
    });
    let worst = 0;
    theirs.coords.forEach((row, r) => {
      row.forEach((value, c) => {
        worst = Math.max(worst, Math.abs((ours.coords[r * 2 + c] ?? Number.NaN) - value));
      });
    });
    expect(worst).toBeLessThan(1e-7);
  });

  it('gives zeros, not NaN, for identical clips', () => {
    const rows = new Float64Array(3 * 8).fill(0.5);
    const ours = pcaProject(rows, 3, 8, 2);
    expect([...ours.coords]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(ours.variances).toEqual([0, 0]);
  });

  it('diagonalises a small symmetric matrix (Jacobi)', () => {
    const { values, vectors } = jacobiEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect([...values].sort()).toEqual([expect.closeTo(1, 12), expect.closeTo(3, 12)]);
    expect(Math.abs(vectors[0] ?? 0)).toBeCloseTo(Math.SQRT1_2, 12);
  });
});

describe('near-duplicate pairs', () => {
  it('finds exactly the pairs a brute-force scan finds, highest cosine first', () => {
    const n = 400;
    const d = 64;
    const random = gaussian(mulberry32(5));
    const rows = embeddings(n, d, 21, [1, 0.8, 0.5]);
    // Plant near-copies: clip 2k+1 is a slightly perturbed copy of clip 2k for k < 20.
    for (let k = 0; k < 20; k++) {
      for (let i = 0; i < d; i++)
        rows[(2 * k + 1) * d + i] = (rows[2 * k * d + i] ?? 0) + 0.004 * k * random();
    }
    normalizeRows(rows, n, d);
    const { wide, wideCount } = pcaProject(rows, n, d, 2);
    const found = nearDuplicatePairs(rows, n, d, wide, wideCount);
    const brute: string[] = [];
    for (let a = 0; a < n; a++) {
      for (let b = a + 1; b < n; b++) {
        let dot = 0;
        for (let i = 0; i < d; i++) dot += (rows[a * d + i] ?? 0) * (rows[b * d + i] ?? 0);
        if (dot >= NEAR_DUPLICATE_COSINE) brute.push(`${a}-${b}`);
      }
    }
    expect(found.map((pair) => `${pair.a}-${pair.b}`).sort()).toEqual(brute.sort());
    expect(found.length).toBeGreaterThanOrEqual(10);
    for (let i = 1; i < found.length; i++)
      expect(found[i - 1]?.cosine).toBeGreaterThanOrEqual(found[i]?.cosine ?? 0);
  });
});
