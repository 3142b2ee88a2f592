import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runReference } from '@/tests/support/python';
import { makeTempDir } from '@/tests/support/temp-dir';
import { writeNpy } from '../npy';
import { pivotedCholesky } from './cholesky';
import { symmetricEigenvalues } from './eigen';
import { mirrorUpper, multiplyTransposed } from './kernels';
import { gaussian, mulberry32 } from './random';

function randomMatrix(rows: number, cols: number, seed: number): Float64Array {
  const normal = gaussian(mulberry32(seed));
  return Float64Array.from({ length: rows * cols }, normal);
}

function naiveABt(a: Float64Array, m: number, b: Float64Array, p: number, k: number): Float64Array {
  const out = new Float64Array(m * p);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < p; j++) {
      let sum = 0;
      for (let t = 0; t < k; t++) sum += (a[i * k + t] ?? 0) * (b[j * k + t] ?? 0);
      out[i * p + j] = sum;
    }
  }
  return out;
}

/** Symmetric matrices with known character: indefinite, low-rank PSD, graded, repeated, zero. */
function testMatrices(): Record<string, [Float64Array, number]> {
  const n = 67;
  const x = randomMatrix(n, n, 1);
  const indefinite = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) indefinite[i * n + j] = (x[i * n + j] ?? 0) + (x[j * n + i] ?? 0);
  }
  const factor = randomMatrix(5, n, 2);
  const lowRank = multiplyTransposed(transpose(factor, 5, n), n, transpose(factor, 5, n), n, 5);
  const graded = new Float64Array(n * n);
  for (let i = 0; i < n; i++) graded[i * n + i] = 10 ** (-i / 6);
  const rotated = conjugate(graded, n, 3);
  const identity = new Float64Array(9);
  identity[0] = identity[4] = identity[8] = 2;
  return {
    'indefinite 67×67': [indefinite, n],
    'rank-5 PSD 67×67': [lowRank, n],
    'eigenvalues 1 … 1e-11, rotated': [rotated, n],
    'repeated eigenvalue': [identity, 3],
    zero: [new Float64Array(16), 4],
    '1×1': [Float64Array.from([-3.5]), 1],
  };
}

function transpose(a: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j] ?? 0;
  return out;
}

/** Q·D·Qᵀ for a random orthogonal Q (Gram–Schmidt). */
function conjugate(diagonal: Float64Array, n: number, seed: number): Float64Array {
  const q = randomMatrix(n, n, seed);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      let proj = 0;
      for (let t = 0; t < n; t++) proj += (q[i * n + t] ?? 0) * (q[j * n + t] ?? 0);
      for (let t = 0; t < n; t++) q[i * n + t] = (q[i * n + t] ?? 0) - proj * (q[j * n + t] ?? 0);
    }
    let norm = 0;
    for (let t = 0; t < n; t++) norm += (q[i * n + t] ?? 0) ** 2;
    for (let t = 0; t < n; t++) q[i * n + t] = (q[i * n + t] ?? 0) / Math.sqrt(norm);
  }
  const scaled = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let t = 0; t < n; t++) scaled[i * n + t] = (q[t * n + i] ?? 0) * (diagonal[t * n + t] ?? 0);
  const qt = transpose(q, n, n);
  return multiplyTransposed(scaled, n, qt, n, n);
}

describe('dense kernels', () => {
  it('A·Bᵀ matches the naive product for odd sizes, upper and trapezoidal variants', () => {
    for (const [m, p, k] of [
      [7, 9, 5],
      [8, 8, 13],
      [1, 3, 2],
      [13, 6, 1],
    ] as const) {
      const a = randomMatrix(m, k, m);
      const b = randomMatrix(p, k, p + 100);
      const expected = naiveABt(a, m, b, p, k);
      const full = multiplyTransposed(a, m, b, p, k);
      for (let i = 0; i < m * p; i++) expect(full[i]).toBeCloseTo(expected[i] ?? Number.NaN, 12);
      const gram = multiplyTransposed(a, m, a, m, k, { upper: true });
      mirrorUpper(gram, m);
      const expectedGram = naiveABt(a, m, a, m, k);
      for (let i = 0; i < m * m; i++) expect(gram[i]).toBeCloseTo(expectedGram[i] ?? Number.NaN, 12);
      const trapezoid = Float64Array.from(a, (value, index) =>
        index % k < Math.floor(index / k) ? 0 : value,
      );
      const expectedTrapezoid = naiveABt(trapezoid, m, b, p, k);
      const ours = multiplyTransposed(trapezoid, m, b, p, k, { trapezoidal: true });
      for (let i = 0; i < m * p; i++) expect(ours[i]).toBeCloseTo(expectedTrapezoid[i] ?? Number.NaN, 12);
    }
  });
});

describe('symmetric eigenvalues', () => {
  it('match LAPACK (numpy.linalg.eigvalsh) to ~1e-13·‖A‖', () => {
    const cases = testMatrices();
    const temp = makeTempDir('genki-eigen-');
    try {
      const files = Object.entries(cases).map(([, [matrix, n]], index) => {
        const file = path.join(temp.dir, `m${index}.npy`);
        fs.writeFileSync(file, writeNpy(matrix, [n, n]));
        return file;
      });
      const reference = JSON.parse(runReference('linalg_reference.py', files)) as number[][];
      Object.entries(cases).forEach(([name, [matrix, n]], index) => {
        const ours = Array.from(symmetricEigenvalues(Float64Array.from(matrix), n)).sort((x, y) => x - y);
        const expected = reference[index] ?? [];
        const scale = Math.max(1, ...expected.map(Math.abs));
        expect(ours.length, name).toBe(expected.length);
        ours.forEach((value, i) => {
          expect(Math.abs(value - (expected[i] ?? Number.NaN)), `${name} #${i}`).toBeLessThan(1e-13 * scale);
        });
      });
    } finally {
      temp.cleanup();
    }
  });
});

describe('pivoted Cholesky', () => {
  it('finds the numerical rank and reconstructs P·A·Pᵀ = L·Lᵀ', () => {
    const [matrix, n] = testMatrices()['rank-5 PSD 67×67'] ?? [new Float64Array(0), 0];
    const { rank, order, factorT } = pivotedCholesky(matrix, n);
    expect(rank).toBe(5);
    expect(new Set(order).size).toBe(n);
    let maxError = 0;
    let maxValue = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let c = 0; c < rank; c++) sum += (factorT[c * n + i] ?? 0) * (factorT[c * n + j] ?? 0);
        const value = matrix[(order[i] ?? 0) * n + (order[j] ?? 0)] ?? 0;
        maxError = Math.max(maxError, Math.abs(sum - value));
        maxValue = Math.max(maxValue, Math.abs(value));
      }
    }
    expect(maxError).toBeLessThan(1e-13 * maxValue);
    expect(pivotedCholesky(new Float64Array(9), 3).rank).toBe(0);
  });
});
