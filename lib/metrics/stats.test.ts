import { describe, expect, it } from 'vitest';
import { readNpy, writeNpy } from '../npy';
import { MetricError } from './errors';
import { embeddingMatrix, embeddingMatrixFromNpy } from './matrix';
import { embeddingStats, embeddingStatsFromVectors } from './stats';

describe('embedding statistics', () => {
  it('computes the mean and the unbiased (N − 1) covariance', () => {
    // x = (1, 2, 3, 6), y = 2x: mean (3, 6); var x = (4 + 1 + 0 + 9)/3 = 14/3.
    const stats = embeddingStatsFromVectors([
      [1, 2],
      [2, 4],
      [3, 6],
      [6, 12],
    ]);
    expect(stats.n).toBe(4);
    expect(stats.dim).toBe(2);
    expect(Array.from(stats.mean)).toEqual([3, 6]);
    expect(Array.from(stats.cov)).toEqual([14 / 3, 28 / 3, 28 / 3, 56 / 3].map((v) => expect.closeTo(v, 14)));
  });

  it('keeps float64 accuracy for data far from the origin (two-pass, not E[x²] − E[x]²)', () => {
    const stats = embeddingStatsFromVectors([[1e8 + 1], [1e8 + 2], [1e8 + 3]]);
    expect(stats.cov[0]).toBe(1);
  });

  it('reads float32 and float64 .npy arrays of shape [N, D] alike', () => {
    const values = [0.5, -1, 2, 0.25, 3, -2];
    const f32 = embeddingMatrixFromNpy(readNpy(writeNpy(Float32Array.from(values), [3, 2])));
    const f64 = embeddingMatrixFromNpy(readNpy(writeNpy(Float64Array.from(values), [3, 2])));
    expect(embeddingStats(f32)).toEqual(embeddingStats(f64));
    expect(() => embeddingMatrixFromNpy(readNpy(writeNpy(Float32Array.from(values), [6])))).toThrowError(
      /2-D array \[N, D\].*got shape \[6\]/,
    );
  });

  it('refuses sets it cannot summarise', () => {
    expect(() => embeddingStatsFromVectors([[1, 2]])).toThrowError(/at least 2 embeddings.*has 1/);
    expect(() => embeddingStatsFromVectors([])).toThrowError(/has no embeddings/);
    expect(() => embeddingStatsFromVectors([[1, 2], [3]])).toThrowError(
      /Embedding 1 of the set has 1 values/,
    );
    expect(() => embeddingStatsFromVectors([[1], [Number.NaN]])).toThrowError(MetricError);
    expect(() => embeddingMatrix(new Float32Array(6), 2.5, 2)).toThrowError(/whole-number/);
    expect(() => embeddingStats(embeddingMatrix(new Float32Array(0), 3, 0))).toThrowError(/dimension 0/);
  });
});
