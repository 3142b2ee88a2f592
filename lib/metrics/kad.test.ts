import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReference } from '@/tests/support/python';
import { makeTempDir } from '@/tests/support/temp-dir';
import { writeNpy } from '../npy';
import { MetricError } from './errors';
import { kad, lowerMedian, medianPairwiseDistance } from './kad';
import { type EmbeddingMatrix, embeddingMatrix, embeddingMatrixFromVectors } from './matrix';
import { syntheticSet } from './test-fixtures';

interface Reference {
  kad: number;
  bandwidth: number;
  n_x: number;
  n_y: number;
}

const wide = (rows: number, seed: number) => syntheticSet({ rows, seed, axisScale: 4 });
const shifted = (rows: number, seed: number) =>
  syntheticSet({ rows, seed, axisScale: 2, meanShift: 0.4, meanPhase: 1 });
const same100 = wide(100, 31);

const CASES: Record<string, [EmbeddingMatrix, EmbeddingMatrix, number | undefined]> = {
  'N = 50': [wide(50, 21), shifted(50, 22), undefined],
  'N = 100': [wide(100, 23), shifted(100, 24), undefined],
  'N = 600': [wide(600, 25), shifted(600, 26), undefined],
  'N = 1000 vs 300': [wide(1000, 27), shifted(300, 28), undefined],
  'same distribution, N = 300': [wide(300, 29), wide(300, 30), undefined],
  'identical sets, N = 100': [same100, same100, undefined],
  'fixed bandwidth 0.5': [wide(80, 32), shifted(90, 33), 0.5],
};

const temp = makeTempDir('genki-kad-');
let references: Record<string, Reference> = {};

beforeAll(() => {
  const names = Object.keys(CASES);
  const args = names.flatMap((name, index) => {
    const [x, y, bandwidth] = CASES[name] ?? [];
    if (!x || !y) throw new Error(`case ${name} is missing`);
    const xFile = path.join(temp.dir, `x${index}.npy`);
    const yFile = path.join(temp.dir, `y${index}.npy`);
    fs.writeFileSync(xFile, writeNpy(x.data, [x.rows, x.dim]));
    fs.writeFileSync(yFile, writeNpy(y.data, [y.rows, y.dim]));
    return [xFile, yFile, bandwidth === undefined ? 'median' : String(bandwidth)];
  });
  const results = JSON.parse(runReference('kad_reference.py', args)) as Reference[];
  references = Object.fromEntries(names.map((name, index) => [name, results[index] as Reference]));
}, 60_000);

afterAll(() => temp.cleanup());

describe('KAD against kadtk (NumPy port of calc_kernel_audio_distance)', () => {
  for (const [name, [x, y, bandwidth]] of Object.entries(CASES)) {
    it(`matches: ${name}`, () => {
      const reference = references[name];
      if (!reference) throw new Error('no reference result');
      const ours = kad(x, y, bandwidth === undefined ? {} : { bandwidth });
      expect([ours.nA, ours.nB]).toEqual([reference.n_x, reference.n_y]);
      expect(Math.abs(ours.bandwidth - reference.bandwidth)).toBeLessThanOrEqual(1e-12 * reference.bandwidth);
      expect(Math.abs(ours.kad - reference.kad)).toBeLessThanOrEqual(1e-9 * Math.abs(reference.kad) + 1e-11);
    });
  }

  it('is negative for a set against itself: 200·(mean off-diagonal kernel − 1)/N', () => {
    const result = kad(same100, same100);
    expect(result.kad).toBeLessThan(0);
    expect(references['identical sets, N = 100']?.kad).toBeLessThan(0);
  });

  it('separates shifted sets far more than same-distribution draws', () => {
    const same = references['same distribution, N = 300']?.kad ?? Number.NaN;
    const shiftedKad = kad(wide(300, 29), shifted(300, 34)).kad;
    expect(Math.abs(same)).toBeLessThan(0.05 * shiftedKad);
  });

  it('takes the lower middle value as the median, like torch.median', () => {
    expect(lowerMedian(Float64Array.from([4, 1, 3, 2]))).toBe(2);
    expect(lowerMedian(Float64Array.from([5, 1, 3]))).toBe(3);
    expect(lowerMedian(Float64Array.from([7, 7, 7, 7, 7]))).toBe(7);
    const values = Float64Array.from({ length: 1001 }, (_, i) => (i * 7919) % 1001);
    expect(lowerMedian(values)).toBe(500);
    // Three points on a line: distances 1, 2, 3.
    expect(medianPairwiseDistance(embeddingMatrixFromVectors([[0], [1], [3]]))).toBe(2);
  });

  it('refuses sets of fewer than two embeddings, mismatched dimensions, NaN and bad bandwidths', () => {
    const good = syntheticSet({ rows: 4, dim: 8, seed: 1 });
    const one = embeddingMatrix(new Float64Array(8), 1, 8);
    expect(() => kad(good, one)).toThrowError(
      /KAD needs at least 2 embeddings per set; the evaluated set has 1/,
    );
    expect(() => kad(embeddingMatrix(new Float64Array(0), 0, 8), good)).toThrowError(/reference set has no/);
    expect(() => kad(good, syntheticSet({ rows: 4, dim: 6, seed: 2 }))).toThrowError(MetricError);
    const data = Float64Array.from(good.data);
    data[9] = Number.NaN;
    expect(() => kad(good, embeddingMatrix(data, 4, 8))).toThrowError(
      /evaluated set contains NaN at row 1, column 1/,
    );
    expect(() => kad(good, good, { bandwidth: -1 })).toThrowError(/bandwidth must be a finite number/);
  });
});
