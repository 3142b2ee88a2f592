import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNpy, writeNpy } from '@/lib/npy';
import { runReference } from '@/tests/support/python';
import { chiptune, sine } from '@/tests/support/signals';
import { makeTempDir } from '@/tests/support/temp-dir';
import { KAISER_BEST, KAISER_FAST, type ResampleFilter, resample, resampledLength } from './resample';
import { halfWindow } from './resample-filter';
import { disableSimdForTests } from './resample-simd';

const temp = makeTempDir('genki-resample-');
afterAll(() => {
  disableSimdForTests(false);
  temp.cleanup();
});

type Job = { input: Float32Array; from: number; to: number; filter?: ResampleFilter };

/** Runs every job through the NumPy reference in one Python process (startup dominates). */
function references(jobs: Job[]): Float64Array[] {
  const list = jobs.map((job, i) => {
    const source = path.join(temp.dir, `in-${i}.npy`);
    fs.writeFileSync(source, writeNpy(job.input, [job.input.length]));
    return [source, job.from, job.to, path.join(temp.dir, `out-${i}.npy`), (job.filter ?? KAISER_BEST).name];
  });
  const jobFile = path.join(temp.dir, 'jobs.json');
  fs.writeFileSync(jobFile, JSON.stringify(list));
  runReference('resample_reference.py', ['--jobs', jobFile]);
  return list.map((job) => readNpy(new Uint8Array(fs.readFileSync(String(job[3])))).data as Float64Array);
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return max;
}

/** Error of `output` against the ideal sine at the new rate, over the middle (edges excluded). */
function sineSnrDb(output: Float32Array, rate: number, frequency: number, amplitude: number): number {
  let signal = 0;
  let error = 0;
  for (let i = 200; i < output.length - 200; i++) {
    const ideal = amplitude * Math.sin((2 * Math.PI * frequency * i) / rate);
    signal += ideal * ideal;
    error += ((output[i] ?? 0) - ideal) ** 2;
  }
  return 10 * Math.log10(signal / error);
}

function rmsDb(output: Float32Array, reference: number): number {
  let sum = 0;
  for (let i = 200; i < output.length - 200; i++) sum += (output[i] ?? 0) ** 2;
  return 20 * Math.log10(Math.sqrt(sum / (output.length - 400)) / reference);
}

/** What we must beat: plain linear interpolation (no band limiting). */
function linear(input: Float32Array, from: number, to: number): Float32Array {
  return Float32Array.from({ length: resampledLength(input.length, from, to) }, (_, t) => {
    const time = (t * from) / to;
    const n = Math.floor(time);
    const frac = time - n;
    return (1 - frac) * (input[n] ?? 0) + frac * (input[n + 1] ?? input[n] ?? 0);
  });
}

describe('resample: parity with the independent NumPy implementation of resampy', () => {
  const signal = chiptune(44100, 0.5, 3);
  const pairs: [number, number][] = [
    [44100, 48000],
    [32000, 48000],
    [22050, 48000],
    [8000, 48000],
    [96000, 48000],
    [48000, 44100],
    [44100, 32000],
    [44056, 48000], // 6000 phases: still precomputed
    [44100.5, 48000], // not an integer rate: the direct per-sample path
  ];
  const jobs: Job[] = [
    ...pairs.map(([from, to]) => ({ input: signal.subarray(0, Math.round(from / 4)), from, to })),
    { input: signal.subarray(0, 8000), from: 44100, to: 48000, filter: KAISER_FAST },
    { input: signal.subarray(0, 8000), from: 96000, to: 48000, filter: KAISER_FAST },
    ...[1, 3, 30].map((length) => ({ input: signal.subarray(1000, 1000 + length), from: 32000, to: 48000 })),
  ];
  let expected: Float64Array[] = [];
  beforeAll(() => {
    expected = references(jobs);
  });

  it.each(
    jobs.map(
      (job, i) =>
        [
          `${job.from} Hz → ${job.to} Hz, ${job.input.length} samples, ${(job.filter ?? KAISER_BEST).name}`,
          i,
        ] as const,
    ),
  )('%s matches to float32 rounding', (_, i) => {
    const job = jobs[i] as Job;
    const ours = resample(job.input, job.from, job.to, job.filter);
    const theirs = expected[i] as Float64Array;
    expect(ours.length).toBe(theirs.length);
    expect(ours.length).toBe(resampledLength(job.input.length, job.from, job.to));
    // Measured 3.0e-8: float32 rounding of the output; any algorithmic slip shows up as > 1e-4.
    expect(maxDiff(ours, theirs)).toBeLessThan(1e-6);
  });

  it('gives bit-identical results with and without WebAssembly SIMD', () => {
    const input = chiptune(44100, 2, 4);
    const pairsToCheck: [number, number][] = [
      [44100, 48000],
      [96000, 48000],
      [32000, 48000],
    ];
    const withSimd = pairsToCheck.map(([from, to]) => resample(input, from, to));
    disableSimdForTests(true);
    const withoutSimd = pairsToCheck.map(([from, to]) => resample(input, from, to));
    disableSimdForTests(false);
    for (const [i, output] of withSimd.entries()) {
      const other = withoutSimd[i] as Float32Array;
      expect(output.length).toBe(other.length);
      // Compare bit patterns (toEqual on 100k-element arrays is slow, and -0 ≠ 0 matters here).
      const a = new Uint32Array(output.buffer);
      const b = new Uint32Array(other.buffer);
      let mismatches = 0;
      for (let j = 0; j < a.length; j++) if (a[j] !== b[j]) mismatches++;
      expect(mismatches).toBe(0);
    }
  });

  it('rebuilds resampy kaiser_fast table from its published parameters', () => {
    const table = halfWindow(KAISER_FAST);
    expect(table.length).toBe(24 * 512 + 1);
    // Spot values from resampy 0.4.2's data/kaiser_fast.npz (half_window[0], [1], [-1]).
    expect(table[0]).toBeCloseTo(0.868212, 12);
    expect(table[1]).toBeCloseTo(0.86820787, 7);
    expect(table[table.length - 1]).toBeCloseTo(2.52862411e-6, 12);
  });
});

describe('resample: band-limited quality (what linear interpolation fails)', () => {
  it('keeps passband sines clean when upsampling 44.1 kHz → 48 kHz', () => {
    for (const frequency of [1000, 8000, 15000]) {
      const input = sine(44100, 0.5, frequency, 0.5);
      const snr = sineSnrDb(resample(input, 44100, 48000), 48000, frequency, 0.5);
      // Measured 96.5 dB at 1 kHz, 114.9 dB at 8 kHz, 97.7 dB at 15 kHz (0.68 × Nyquist).
      expect(snr, `${frequency} Hz`).toBeGreaterThan(90);
    }
    const linearSnr = sineSnrDb(linear(sine(44100, 0.5, 15000, 0.5), 44100, 48000), 48000, 15000, 0.5);
    expect(linearSnr).toBeLessThan(30);
  });

  it('keeps passband sines clean when upsampling 32 kHz → 48 kHz', () => {
    // Measured 103.6, 100.7 and 97.6 dB; at 12 kHz (0.75 × Nyquist, near the 0.868 roll-off) 65.9 dB.
    for (const frequency of [440, 5000, 10000]) {
      const input = sine(32000, 0.5, frequency, 0.5);
      expect(
        sineSnrDb(resample(input, 32000, 48000), 48000, frequency, 0.5),
        `${frequency} Hz`,
      ).toBeGreaterThan(90);
    }
    expect(
      sineSnrDb(resample(sine(32000, 0.5, 12000, 0.5), 32000, 48000), 48000, 12000, 0.5),
    ).toBeGreaterThan(60);
    expect(sineSnrDb(linear(sine(32000, 0.5, 12000, 0.5), 32000, 48000), 48000, 12000, 0.5)).toBeLessThan(30);
  });

  it('rejects content above the new Nyquist when downsampling 96 kHz → 48 kHz', () => {
    const tone = sine(96000, 0.5, 30000, 0.5);
    // A 30 kHz tone would alias to 18 kHz; kaiser_best leaves it far below −100 dB.
    expect(rmsDb(resample(tone, 96000, 48000), 0.5)).toBeLessThan(-100);
    expect(rmsDb(linear(tone, 96000, 48000), 0.5)).toBeGreaterThan(-10);
    // …while a 10 kHz tone passes at unity gain.
    const pass = resample(sine(96000, 0.5, 10000, 0.5), 96000, 48000);
    expect(sineSnrDb(pass, 48000, 10000, 0.5)).toBeGreaterThan(90);
  });
});

describe('resample: edges', () => {
  it('returns the input itself when the rates match, and handles empty input', () => {
    const input = sine(48000, 0.01, 440);
    expect(resample(input, 48000, 48000)).toBe(input);
    expect(resample(new Float32Array(0), 44100, 48000).length).toBe(0);
  });

  it('computes output lengths as resampy does', () => {
    expect(resampledLength(1_323_000, 44100, 48000)).toBe(1_440_000);
    expect(resampledLength(1, 44100, 48000)).toBe(1);
    expect(resampledLength(1, 48000, 44100)).toBe(0);
    expect(resampledLength(44101, 44100, 48000)).toBe(48001);
  });

  it('rejects impossible rates', () => {
    expect(() => resample(new Float32Array(4), 0, 48000)).toThrow(RangeError);
    expect(() => resample(new Float32Array(4), 44100, Number.NaN)).toThrow(RangeError);
  });
});
