import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runReference } from '@/tests/support/python';
import { makeTempDir } from '@/tests/support/temp-dir';
import { writeNpy } from '../npy';
import { MetricError } from './errors';
import { drawWithReplacement, fadInf, fitInverseN, resampleSizes } from './fad-inf';
import { mulberry32 } from './random';
import { embeddingStats } from './stats';
import { syntheticSet } from './test-fixtures';

describe('FAD∞ (fadtk score_inf)', () => {
  it('uses fadtk’s grid of n: int(n) for n in np.linspace(min_n, max_n, steps)', () => {
    for (const [lo, hi, steps] of [
      [500, 1234, 25],
      [500, 1000, 25],
      [100, 101, 7],
      [2, 999, 13],
    ] as const) {
      const reference = JSON.parse(
        runReference('fad_inf_reference.py', ['--linspace', String(lo), String(hi), String(steps)]),
      ) as number[];
      expect(resampleSizes(lo, hi, steps)).toEqual(reference);
    }
  });

  it('matches scipy FAD per draw and np.polyfit on 1/n, with the same draws', () => {
    const dim = 32;
    const referenceSet = syntheticSet({ rows: 2000, dim, seed: 41, axisScale: 3 });
    const pool = syntheticSet({ rows: 600, dim, seed: 42, axisScale: 2, meanShift: 0.3, meanPhase: 2 });
    const options = { minN: 100, maxN: 600, steps: 6 };
    const ours = fadInf(embeddingStats(referenceSet), pool, { ...options, random: mulberry32(7) });
    expect([ours.nA, ours.nB]).toEqual([2000, 600]);
    expect(ours.points.map((point) => point.n)).toEqual([100, 200, 300, 400, 500, 600]);

    // Replay the draws: same seed, same order of calls.
    const random = mulberry32(7);
    const temp = makeTempDir('genki-fad-inf-');
    try {
      const files = [path.join(temp.dir, 'reference.npy')];
      fs.writeFileSync(files[0] ?? '', writeNpy(referenceSet.data, [2000, dim]));
      for (const { n } of ours.points) {
        const draw = drawWithReplacement(pool, n, random);
        const file = path.join(temp.dir, `draw-${n}.npy`);
        fs.writeFileSync(file, writeNpy(draw.data, [n, dim]));
        files.push(file);
      }
      const reference = JSON.parse(runReference('fad_inf_reference.py', files)) as {
        points: [number, number][];
        score: number;
        slope: number;
        r2: number;
      };
      reference.points.forEach(([n, value], index) => {
        const point = ours.points[index];
        expect(point?.n).toBe(n);
        expect(Math.abs((point?.fad ?? Number.NaN) - value)).toBeLessThanOrEqual(1e-9 * value);
      });
      expect(Math.abs(ours.fadInf - reference.score)).toBeLessThanOrEqual(1e-8 * Math.abs(reference.score));
      expect(Math.abs(ours.slope - reference.slope)).toBeLessThanOrEqual(1e-8 * Math.abs(reference.slope));
      expect(Math.abs(ours.r2 - reference.r2)).toBeLessThan(1e-10);
    } finally {
      temp.cleanup();
    }
  });

  it('removes the 1/n bias: FAD∞ of a same-distribution pool is far below FAD at small n', () => {
    const dim = 16;
    const reference = embeddingStats(syntheticSet({ rows: 4000, dim, seed: 51, axisScale: 3 }));
    const pool = syntheticSet({ rows: 4000, dim, seed: 52, axisScale: 3 });
    const result = fadInf(reference, pool, { random: mulberry32(1), minN: 100, maxN: 2000, steps: 10 });
    const first = result.points[0]?.fad ?? Number.NaN;
    expect(result.slope).toBeGreaterThan(0);
    expect(Math.abs(result.fadInf)).toBeLessThan(0.2 * first);
    expect(result.r2).toBeGreaterThan(0.8);
  });

  it('fits lines exactly and never returns NaN', () => {
    const fit = fitInverseN([
      { n: 1, fad: 3 },
      { n: 2, fad: 2 },
      { n: 4, fad: 1.5 },
    ]);
    expect(fit.intercept).toBeCloseTo(1, 14);
    expect(fit.slope).toBeCloseTo(2, 14);
    expect(fit.r2).toBeCloseTo(1, 14);
    expect(
      fitInverseN([
        { n: 10, fad: 0 },
        { n: 20, fad: 0 },
      ]),
    ).toEqual({ intercept: 0, slope: 0, r2: 1 });
  });

  it('refuses grids it cannot fit', () => {
    const pool = syntheticSet({ rows: 50, dim: 4, seed: 1 });
    const stats = embeddingStats(pool);
    const random = mulberry32(1);
    expect(() => fadInf(stats, pool, { random })).toThrowError(/maxN > minN.*minN 500, maxN 50/);
    expect(() => fadInf(stats, pool, { random, minN: 1 })).toThrowError(MetricError);
    expect(() => fadInf(stats, pool, { random, minN: 10, steps: 1 })).toThrowError(/at least 2 steps/);
    expect(() => fitInverseN([{ n: 5, fad: 1 }])).toThrowError(/at least 2 points/);
  });
});
