import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runReference } from '@/tests/support/python';
import { makeTempDir } from '@/tests/support/temp-dir';
import { writeNpy } from '../npy';
import { averageEmbeddings, clapScore, cosineSimilarity, l2Normalize } from './clap-score';
import { MetricError } from './errors';
import { gaussian, mulberry32 } from './random';

/** Raw (unnormalised) 512-d vectors, as the ONNX towers return them. */
function rawEmbeddings(count: number, seed: number): Float32Array[] {
  const normal = gaussian(mulberry32(seed));
  return Array.from({ length: count }, () => Float32Array.from({ length: 512 }, () => 0.3 + 2 * normal()));
}

function stack(vectors: Float32Array[]): Float32Array {
  const out = new Float32Array(vectors.length * 512);
  vectors.forEach((vector, index) => {
    out.set(vector, index * 512);
  });
  return out;
}

function expectMetricError(run: () => unknown, code: string, message: RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(MetricError);
  expect((caught as MetricError).code).toBe(code);
  expect((caught as MetricError).message).toMatch(message);
}

describe('CLAP score', () => {
  it('matches NumPy: mean, std and every pair, text i with audio i', () => {
    const text = rawEmbeddings(64, 1);
    const audio = rawEmbeddings(64, 2);
    const temp = makeTempDir();
    try {
      const textFile = path.join(temp.dir, 'text.npy');
      const audioFile = path.join(temp.dir, 'audio.npy');
      fs.writeFileSync(textFile, writeNpy(stack(text), [64, 512]));
      fs.writeFileSync(audioFile, writeNpy(stack(audio), [64, 512]));
      const reference = JSON.parse(runReference('clap_score_reference.py', [textFile, audioFile])) as {
        mean: number;
        std: number;
        scores: number[];
      };
      const ours = clapScore(text, audio);
      expect(ours.n).toBe(64);
      expect(Math.abs(ours.mean - reference.mean)).toBeLessThan(1e-14);
      expect(Math.abs(ours.std - reference.std)).toBeLessThan(1e-14);
      reference.scores.forEach((score, index) => {
        expect(Math.abs((ours.scores[index] ?? Number.NaN) - score)).toBeLessThan(1e-14);
      });
    } finally {
      temp.cleanup();
    }
  });

  it('is the plain cosine: scale-free, 1 for parallel, −1 for opposite, 0 for orthogonal', () => {
    expect(cosineSimilarity([3, 4], [6, 8])).toBeCloseTo(1, 15);
    expect(cosineSimilarity([1, 2, 3], [-2, -4, -6])).toBeCloseTo(-1, 15);
    expect(cosineSimilarity([1, 0], [0, 5])).toBe(0);
    const result = clapScore(
      [
        [1, 0],
        [0, 1],
      ],
      [
        [1, 1],
        [0, -2],
      ],
    );
    expect(Array.from(result.scores)).toEqual([expect.closeTo(Math.SQRT1_2, 15), expect.closeTo(-1, 15)]);
    expect(result.mean).toBeCloseTo((Math.SQRT1_2 - 1) / 2, 15);
    expect(result.std).toBeCloseTo((Math.SQRT1_2 + 1) / 2, 15);
  });

  it('normalises without overflow or underflow', () => {
    expect(Array.from(l2Normalize([3e200, 4e200]))).toEqual([
      expect.closeTo(0.6, 15),
      expect.closeTo(0.8, 15),
    ]);
    // (3e-200)² underflows to 0: without scaling the norm would be 0.
    expect(Array.from(l2Normalize([3e-200, 4e-200]))).toEqual([
      expect.closeTo(0.6, 15),
      expect.closeTo(0.8, 15),
    ]);
  });

  it('averages unit window embeddings and re-normalises', () => {
    // A long window (norm 10) counts the same as a short one (norm 1).
    const average = averageEmbeddings([
      [10, 0],
      [0, 1],
    ]);
    expect(average[0]).toBeCloseTo(Math.SQRT1_2, 15);
    expect(average[1]).toBeCloseTo(Math.SQRT1_2, 15);
    expect(Array.from(averageEmbeddings([[0, 2, 0]]))).toEqual([0, 1, 0]);
  });

  it('refuses empty sets, length and dimension mismatches, zero vectors and non-finite values', () => {
    expectMetricError(() => clapScore([], []), 'empty', /at least one text\/audio pair/);
    expectMetricError(
      () =>
        clapScore(
          [[1, 0]],
          [
            [1, 0],
            [0, 1],
          ],
        ),
      'length_mismatch',
      /1 texts and 2 audio/,
    );
    expectMetricError(
      () =>
        clapScore(
          [
            [1, 0],
            [1, 0, 0],
          ],
          [
            [1, 0],
            [0, 1],
          ],
        ),
      'dimension_mismatch',
      /Pair 1/,
    );
    expectMetricError(() => clapScore([[1, 0]], [[0, 0]]), 'zero_vector', /audio embedding 0 is all zeros/);
    expectMetricError(
      () => clapScore([[Number.NaN, 0]], [[1, 0]]),
      'non_finite',
      /text embedding 0 contains NaN/,
    );
    expectMetricError(() => cosineSimilarity([1, 2], [1, 2, 3]), 'dimension_mismatch', /2-d.*3-d/);
    expectMetricError(() => l2Normalize([]), 'empty', /empty/);
    expectMetricError(() => averageEmbeddings([]), 'empty', /no window embeddings/);
    expectMetricError(() => averageEmbeddings([[1, 0], [1]]), 'dimension_mismatch', /Window 1/);
    expectMetricError(
      () =>
        averageEmbeddings([
          [1, 0],
          [-1, 0],
        ]),
      'zero_vector',
      /cancel out/,
    );
    expectMetricError(() => averageEmbeddings([[1, Number.POSITIVE_INFINITY]]), 'non_finite', /window 0/);
  });
});
