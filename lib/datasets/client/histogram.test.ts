import { describe, expect, it } from 'vitest';
import { scoreHistogram, summarizeScores } from './histogram';

describe('score histogram', () => {
  it('bins into fixed-width bins aligned to multiples of the width, edges going up', () => {
    const bins = scoreHistogram([0.12, 0.15, 0.149, 0.2, 0.31, -0.02]);
    expect(bins.map((bin) => [bin.from, bin.to, bin.count])).toEqual([
      [-0.05, 0, 1],
      [0, 0.05, 0],
      [0.05, 0.1, 0],
      [0.1, 0.15, 2],
      [0.15, 0.2, 1],
      [0.2, 0.25, 1],
      [0.25, 0.3, 0],
      [0.3, 0.35, 1],
    ]);
    expect(bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(6);
  });

  it('puts the maximum in the last bin and copes with one value or none', () => {
    expect(scoreHistogram([0.1, 0.2]).map((bin) => bin.count)).toEqual([1, 1]);
    expect(scoreHistogram([0.3])).toEqual([{ from: 0.3, to: 0.35, count: 1 }]);
    expect(scoreHistogram([])).toEqual([]);
    expect(scoreHistogram([Number.NaN])).toEqual([]);
    expect(scoreHistogram([-1, 1], 0.5).map((bin) => bin.count)).toEqual([1, 0, 0, 1]);
  });
});

describe('score summary', () => {
  it('gives mean and median (middle pair averaged for even counts)', () => {
    expect(summarizeScores([0.3, 0.1, 0.2])).toEqual({
      count: 3,
      mean: expect.closeTo(0.2, 12),
      median: 0.2,
      min: 0.1,
      max: 0.3,
    });
    expect(summarizeScores([0.4, 0.1, 0.2, 0.3]).median).toBeCloseTo(0.25);
    expect(summarizeScores([])).toEqual({ count: 0, mean: null, median: null, min: null, max: null });
  });
});
