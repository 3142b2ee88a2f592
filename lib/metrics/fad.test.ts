import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReference } from '@/tests/support/python';
import { makeTempDir } from '@/tests/support/temp-dir';
import { readNpy, writeNpy } from '../npy';
import { MetricError } from './errors';
import { fad, fadFromReference, fadFromStats, prepareFadReference, traceSqrtProduct } from './fad';
import { type EmbeddingMatrix, embeddingMatrix, embeddingMatrixFromVectors } from './matrix';
import { type EmbeddingStats, embeddingStats } from './stats';
import { syntheticSet } from './test-fixtures';

interface Reference {
  fad: number;
  fad_eig: number;
  fad_svd: number | null;
  n_a: number;
  n_b: number;
  max_imag: number;
}

const wide = (rows: number, seed: number) => syntheticSet({ rows, seed, axisScale: 4 });
const shifted = (rows: number, seed: number) =>
  syntheticSet({ rows, seed, axisScale: 2, meanShift: 0.4, meanPhase: 1 });
const sameA100 = wide(100, 11);
const sameA1000 = wide(1000, 12);

/** 512-d unit-norm sets: N below, near and above the dimension, and rank-deficient data. */
const CASES: Record<string, [EmbeddingMatrix, EmbeddingMatrix]> = {
  'N = 50 (rank 49 ≪ 512)': [wide(50, 1), shifted(50, 2)],
  'N = 100': [wide(100, 3), shifted(100, 4)],
  'N = 600 (just above D)': [wide(600, 5), shifted(600, 6)],
  'N = 1000': [wide(1000, 7), shifted(1000, 8)],
  'N = 1000 vs 100': [wide(1000, 9), shifted(100, 10)],
  'same distribution, N = 1000': [wide(1000, 13), wide(1000, 14)],
  'low rank 20, same subspace': [
    syntheticSet({ rows: 200, seed: 15, rank: 20, basisSeed: 1 }),
    syntheticSet({ rows: 300, seed: 16, rank: 20, basisSeed: 1 }),
  ],
  'low rank 20 vs 30, different subspaces': [
    syntheticSet({ rows: 200, seed: 17, rank: 20, basisSeed: 2 }),
    syntheticSet({ rows: 200, seed: 18, rank: 30, basisSeed: 3 }),
  ],
  'identical sets, N = 100': [sameA100, sameA100],
  'identical sets, N = 1000': [sameA1000, sameA1000],
};

const temp = makeTempDir('genki-fad-');
let references: Record<string, Reference> = {};
let statsDir = '';

function save(name: string, matrix: EmbeddingMatrix): string {
  const file = path.join(temp.dir, `${name}.npy`);
  fs.writeFileSync(file, writeNpy(matrix.data, [matrix.rows, matrix.dim]));
  return file;
}

beforeAll(() => {
  statsDir = path.join(temp.dir, 'stats');
  fs.mkdirSync(statsDir);
  const names = Object.keys(CASES);
  const files = names.flatMap((name, index) => {
    const [a, b] = CASES[name] ?? [];
    if (!a || !b) throw new Error(`case ${name} is missing`);
    return [save(`a${index}`, a), save(`b${index}`, b)];
  });
  const results = JSON.parse(
    runReference('fad_reference.py', ['--stats', statsDir, ...files]),
  ) as Reference[];
  references = Object.fromEntries(names.map((name, index) => [name, results[index] as Reference]));
}, 60_000);

afterAll(() => temp.cleanup());

describe('FAD against scipy (sqrtm of Σ₁Σ₂, as Google fad_utils / fadtk / pytorch-fid)', () => {
  for (const [name, [a, b]] of Object.entries(CASES)) {
    it(`matches scipy: ${name}`, () => {
      const reference = references[name];
      if (!reference) throw new Error('no reference result');
      const ours = fad(a, b);
      expect(ours.nA).toBe(reference.n_a);
      expect(ours.nB).toBe(reference.n_b);
      expect(ours.fad).toBeGreaterThanOrEqual(0);
      if (name.startsWith('identical')) {
        // 0 up to cancellation round-off; scipy lands within ~1e-9 of it on either side.
        expect(ours.fad).toBeLessThan(1e-9);
        expect(Math.abs(reference.fad)).toBeLessThan(1e-6);
        return;
      }
      // When N ≤ D the exact route is the SVD of the centred Xa·Xbᵀ; we agree with it to ~1e-14
      // (~1e-9 when float32 rounding of rank-deficient data leaves eigenvalues at the 1e-16 level).
      if (reference.fad_svd !== null) {
        expect(Math.abs(ours.fad - reference.fad_svd)).toBeLessThanOrEqual(1e-8 * reference.fad_svd);
      }
      // sqrtm and eig see the null space of Σ₁Σ₂ as eigenvalues of ±1e-20 and add their square
      // roots (~1e-10 each) to the trace, so they under-estimate FAD slightly when N < D. With
      // 490 null directions and a small FAD (rank-20 data) that bias reaches 5e-6 relative.
      const tolerance = name === 'low rank 20, same subspace' ? 1e-5 : 1e-6;
      expect(Math.abs(ours.fad - reference.fad)).toBeLessThanOrEqual(tolerance * reference.fad);
      expect(Math.abs(ours.fad - reference.fad_eig)).toBeLessThanOrEqual(tolerance * reference.fad_eig);
      if (reference.fad_svd !== null) expect(ours.fad).toBeGreaterThan(reference.fad);
    });
  }

  it('is symmetric and agrees with fadFromStats and a prepared reference', () => {
    const [a, b] = CASES['N = 100'] ?? [];
    if (!a || !b) throw new Error('case missing');
    const ab = fad(a, b);
    const ba = fad(b, a);
    expect(ba.fad).toBeCloseTo(ab.fad, 12);
    expect([ba.nA, ba.nB]).toEqual([ab.nB, ab.nA]);
    const statsA = embeddingStats(a);
    const statsB = embeddingStats(b);
    expect(fadFromStats(statsA, statsB)).toEqual(ab);
    const prepared = prepareFadReference(statsB);
    const viaReference = fadFromReference(prepared, statsA);
    expect(viaReference.fad).toBeCloseTo(ab.fad, 12);
    expect([viaReference.nA, viaReference.nB]).toEqual([100, 100]);
  });

  it('computes mean and covariance like np.mean / np.cov(rowvar=False)', () => {
    const [a] = CASES['N = 50 (rank 49 ≪ 512)'] ?? [];
    if (!a) throw new Error('case missing');
    const ours = embeddingStats(a);
    const mean = readNpy(new Uint8Array(fs.readFileSync(path.join(statsDir, 'mean_a.npy')))).data;
    const cov = readNpy(new Uint8Array(fs.readFileSync(path.join(statsDir, 'cov_a.npy')))).data;
    expect(maxAbsDiff(ours.mean, mean)).toBeLessThan(1e-15);
    expect(maxAbsDiff(ours.cov, cov)).toBeLessThan(1e-15);
    expect(ours.n).toBe(50);
  });
});

describe('FAD on hand-computable 2-D sets', () => {
  const set = (points: number[][]) => embeddingMatrixFromVectors(points);

  it('orthogonal one-dimensional spreads: 0 + 2 + 2 − 0 = 4', () => {
    expect(
      fad(
        set([
          [1, 0],
          [-1, 0],
        ]),
        set([
          [0, 1],
          [0, -1],
        ]),
      ),
    ).toEqual({ fad: 4, nA: 2, nB: 2 });
  });

  it('a set of identical embeddings (zero covariance): 1 + 0 + 2 − 0 = 3', () => {
    expect(
      fad(
        set([
          [1, 1],
          [1, 1],
          [1, 1],
        ]),
        set([
          [0, 0],
          [2, 0],
        ]),
      ),
    ).toEqual({ fad: 3, nA: 3, nB: 2 });
  });

  it('same spread, shifted mean: 4 + 2 + 2 − 2·2 = 4', () => {
    expect(
      fad(
        set([
          [1, 0],
          [-1, 0],
        ]),
        set([
          [3, 0],
          [1, 0],
        ]),
      ).fad,
    ).toBeCloseTo(4, 14);
  });

  it('Σ₁ = [[2, 1], [1, 2]] against I: 4 + 2 − 2(√3 + 1) = 4 − 2√3', () => {
    const stats = (mean: number[], cov: number[]): EmbeddingStats => ({
      n: 10,
      dim: 2,
      mean: Float64Array.from(mean),
      cov: Float64Array.from(cov),
    });
    const result = fadFromStats(stats([0, 0], [2, 1, 1, 2]), stats([0, 0], [1, 0, 0, 1]));
    expect(result.fad).toBeCloseTo(4 - 2 * Math.sqrt(3), 14);
    // diag(1, 4) vs diag(4, 1), means 1 apart on each axis: 2 + 5 + 5 − 2·(2 + 2) = 4.
    expect(fadFromStats(stats([0, 0], [1, 0, 0, 4]), stats([1, 1], [4, 0, 0, 1])).fad).toBeCloseTo(4, 14);
  });

  it('tr √(Σ₁Σ₂) handles zero and rank-one covariances', () => {
    expect(traceSqrtProduct(new Float64Array(4), Float64Array.from([1, 0, 0, 1]), 2)).toBe(0);
    // Σ₁ = vvᵀ with v = (1, 1), Σ₂ = diag(1, 3): Σ₁Σ₂ has the single eigenvalue vᵀΣ₂v = 4.
    expect(traceSqrtProduct(Float64Array.from([1, 1, 1, 1]), Float64Array.from([1, 0, 0, 3]), 2)).toBeCloseTo(
      2,
      14,
    );
  });
});

describe('FAD input validation', () => {
  const good = syntheticSet({ rows: 5, dim: 8, seed: 1 });

  const expectError = (run: () => unknown, code: string, message: RegExp) => {
    let caught: unknown;
    try {
      run();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MetricError);
    expect((caught as MetricError).code).toBe(code);
    expect((caught as MetricError).message).toMatch(message);
  };

  it('refuses empty sets and sets of one embedding', () => {
    expectError(
      () => fad(embeddingMatrix(new Float32Array(0), 0, 8), good),
      'empty',
      /set A has no embeddings/,
    );
    expectError(
      () => fad(good, embeddingMatrix(new Float32Array(8), 1, 8)),
      'too_few',
      /at least 2.*set B has 1/,
    );
  });

  it('refuses mismatched dimensions and malformed shapes', () => {
    expectError(
      () => fad(good, syntheticSet({ rows: 5, dim: 9, seed: 2 })),
      'dimension_mismatch',
      /8-d.*9-d/,
    );
    expectError(() => embeddingMatrix(new Float32Array(10), 3, 4), 'bad_shape', /3×4 = 12 values.*holds 10/);
  });

  it('refuses NaN and infinite values, saying where they are', () => {
    const data = Float32Array.from(good.data);
    data[13] = Number.NaN;
    expectError(
      () => fad(good, embeddingMatrix(data, 5, 8)),
      'non_finite',
      /set B contains NaN at row 1, column 5/,
    );
    data[13] = Number.POSITIVE_INFINITY;
    expectError(() => fad(embeddingMatrix(data, 5, 8), good), 'non_finite', /Infinity/);
  });

  it('refuses inconsistent statistics', () => {
    const stats = embeddingStats(good);
    expectError(() => fadFromStats({ ...stats, n: 1 }, stats), 'too_few', /n = 1/);
    expectError(() => fadFromStats(stats, { ...stats, mean: new Float64Array(7) }), 'bad_shape', /mean of 7/);
    const cov = Float64Array.from(stats.cov);
    cov[3] = Number.NaN;
    expectError(() => fadFromStats(stats, { ...stats, cov }), 'non_finite', /covariance contains NaN/);
  });
});

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return max;
}
