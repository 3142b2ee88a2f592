/**
 * FAD and KAD on 512-d CLAP-like embeddings. Target (README: targets live in benchmarks): FAD under
 * 0.5 s for N = 100 and N = 1000 per set in Node on a 2-core machine.
 */
import { bench, describe } from 'vitest';
import { fad, fadFromReference, prepareFadReference } from './fad';
import { kad } from './kad';
import { embeddingStats } from './stats';
import { syntheticSet } from './test-fixtures';

const sets = (rows: number) =>
  [
    syntheticSet({ rows, seed: 1, axisScale: 4 }),
    syntheticSet({ rows, seed: 2, axisScale: 2, meanShift: 0.4, meanPhase: 1 }),
  ] as const;
const [a100, b100] = sets(100);
const [a1000, b1000] = sets(1000);
const reference1000 = prepareFadReference(embeddingStats(a1000));
const stats1000 = embeddingStats(b1000);

describe('FAD, 512-d', () => {
  bench('FAD N = 100 per set (embeddings → score)', () => {
    fad(a100, b100);
  });
  bench('FAD N = 1000 per set (embeddings → score)', () => {
    fad(a1000, b1000);
  });
  bench('FAD N = 1000, prepared reference and cached statistics', () => {
    fadFromReference(reference1000, stats1000);
  });
});

describe('KAD, 512-d', () => {
  bench('KAD N = 100 per set', () => {
    kad(a100, b100);
  });
  bench('KAD N = 1000 per set', () => {
    kad(a1000, b1000);
  });
});
