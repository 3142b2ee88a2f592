import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chiptune, lowLevel, noise, seededRandom, sweep } from '@/tests/reference/clap-signals';
import { transformersClapExtractor } from '@/tests/reference/transformers-clap';
import { runReference } from '@/tests/support/python';
import { makeTempDir } from '@/tests/support/temp-dir';
import { readNpy, writeNpy } from '../npy';
import { CLAP_FEATURES, FEATURE_LENGTH } from './constants';
import { ClapExtractor, clapFeatures, repeatPad } from './features';
import { RealFft } from './fft';
import { denseMelFilterBank, slaneyMelFilterBank } from './mel';

const SR = CLAP_FEATURES.sampleRate;
const HOP = CLAP_FEATURES.hopLength;
const PAD_SAMPLES = CLAP_FEATURES.nFft / 2;
const GATE_DB = -80;
const TOLERANCE_DB = 0.01;

interface Case {
  name: string;
  /** Mono samples, or [left, right] downmixed by the mean (our side) / by NumPy (reference side). */
  input: Float32Array | [Float32Array, Float32Array];
  offset: number;
}

const long = chiptune(25, 7);
const stereo: [Float32Array, Float32Array] = [chiptune(10, 11), noise(10, 0.3, 12)];
const CASES: Case[] = [
  { name: 'seeded noise 10 s', input: noise(10, 0.5, 1), offset: 0 },
  { name: 'sine sweep 20 Hz–20 kHz', input: sweep(10, 20, 20000, 0.5), offset: 0 },
  { name: 'chiptune pulses/triangle/noise', input: chiptune(10, 3), offset: 0 },
  { name: 'exact divisor 2 s (5 copies)', input: chiptune(2, 4), offset: 0 },
  { name: 'exact divisor 5 s (2 copies)', input: sweep(5, 100, 12000, 0.4), offset: 0 },
  { name: 'odd length 3.3 s + 1 sample', input: chiptune(3.3 + 1 / SR, 5), offset: 0 },
  { name: 'silence', input: new Float32Array(480000), offset: 0 },
  { name: 'long 25 s @ 0', input: long, offset: 0 },
  { name: 'long 25 s @ 123457', input: long, offset: 123457 },
  { name: 'long 25 s @ last full window', input: long, offset: long.length - 480000 },
  { name: 'long 25 s @ 1000000 (4.17 s left)', input: long, offset: 1_000_000 },
  { name: 'long 25 s @ last sample', input: long, offset: long.length - 1 },
  { name: 'low level −150…−40 dBFS', input: lowLevel(10, 9), offset: 0 },
  { name: 'stereo, mean downmix', input: stereo, offset: 0 },
];

function mono(input: Case['input']): Float32Array {
  if (input instanceof Float32Array) return input;
  const [left, right] = input;
  return Float32Array.from(left, (l, i) => (l + (right[i] as number)) / 2);
}

function npyOf(input: Case['input']): Uint8Array {
  if (input instanceof Float32Array) return writeNpy(input, [input.length]);
  const [left, right] = input;
  const interleaved = new Float32Array(left.length * 2);
  for (let i = 0; i < left.length; i++) {
    interleaved[2 * i] = left[i] as number;
    interleaved[2 * i + 1] = right[i] as number;
  }
  return writeNpy(interleaved, [left.length, 2]);
}

interface Comparison {
  gated: number;
  maxGatedDiff: number;
  maxDiff: number;
}

/** Differences on bins where the reference is above the gate; every bin for information. */
function compare(ours: Float32Array, reference: Float64Array | Float32Array): Comparison {
  let gated = 0;
  let maxGatedDiff = 0;
  let maxDiff = 0;
  for (let i = 0; i < reference.length; i++) {
    const ref = reference[i] as number;
    const diff = Math.abs((ours[i] as number) - ref);
    maxDiff = Math.max(maxDiff, diff);
    if (ref > GATE_DB) {
      gated++;
      maxGatedDiff = Math.max(maxGatedDiff, diff);
    }
  }
  return { gated, maxGatedDiff, maxDiff };
}

function sameValues(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

const temp = makeTempDir('genki-clap-');
const bankFile = path.join(temp.dir, 'bank.npy');
const reference = new Map<string, Float64Array>();
const identical = new Map<string, boolean>();
const javascript = new ClapExtractor({ simd: false });
const ours = new Map<string, Float32Array>();
const report: Record<string, { gatedBins: number; maxGatedDb: string; maxAllDb: string }> = {};

beforeAll(() => {
  const jobs = CASES.map((c, i) => {
    const input = path.join(temp.dir, `in-${i}.npy`);
    fs.writeFileSync(input, npyOf(c.input));
    return { input, output: path.join(temp.dir, `out-${i}.npy`), offset: c.offset };
  });
  runReference('clap_features.py', [], { input: JSON.stringify({ bank: bankFile, jobs }) });
  CASES.forEach((c, i) => {
    const job = jobs[i];
    if (!job) throw new Error('missing job');
    const ref = readNpy(new Uint8Array(fs.readFileSync(job.output)));
    expect(ref.shape).toEqual([CLAP_FEATURES.frames, CLAP_FEATURES.nMels]);
    reference.set(c.name, Float64Array.from(ref.data));
    const simd = clapFeatures(mono(c.input), c.offset);
    ours.set(c.name, simd);
    // The JavaScript fallback must give the very same float32 values as the wasm SIMD kernel.
    identical.set(c.name, sameValues(javascript.extract(mono(c.input), c.offset), simd));
  });
}, 60_000);

afterAll(() => {
  temp.cleanup();
  console.table(report);
});

function pair(name: string): [Float32Array, Float64Array] {
  const a = ours.get(name);
  const b = reference.get(name);
  if (!a || !b) throw new Error(`no result for ${name}`);
  return [a, b];
}

describe('clapFeatures against the float64 NumPy reference', () => {
  it.each(CASES.map((c) => c.name))('%s: within 0.01 dB wherever the reference is above −80 dB', (name) => {
    const [a, b] = pair(name);
    expect(a.length).toBe(FEATURE_LENGTH);
    const result = compare(a, b);
    report[name] = {
      gatedBins: result.gated,
      maxGatedDb: result.maxGatedDiff.toExponential(2),
      maxAllDb: result.maxDiff.toExponential(2),
    };
    expect(result.maxGatedDiff).toBeLessThanOrEqual(TOLERANCE_DB);
    // Regression guard, far inside the spec: float64 throughout leaves only float32 output rounding,
    // on every bin, gated or not.
    expect(result.maxDiff).toBeLessThan(1e-3);
  });

  it('runs the wasm SIMD kernel in Node, and the JavaScript fallback agrees bit for bit', () => {
    expect(new ClapExtractor().usesSimd).toBe(true);
    expect(javascript.usesSimd).toBe(false);
    expect([...identical.values()].every(Boolean)).toBe(true);
    expect(identical.size).toBe(CASES.length);
  });

  it('gives exactly −100 dB everywhere for silence', () => {
    const [a] = pair('silence');
    expect(a.every((v) => v === -100)).toBe(true);
  });

  it('has bins on both sides of the −80 dB gate for the low-level case, and the gate bites', () => {
    const [a, b] = pair('low level −150…−40 dBFS');
    const { gated } = compare(a, b);
    expect(gated).toBeGreaterThan(0.2 * FEATURE_LENGTH);
    expect(gated).toBeLessThan(0.8 * FEATURE_LENGTH);
    // A 0.02 dB error on one gated bin fails the check; a 5 dB error below the gate does not.
    const above = b.findIndex((v) => v > GATE_DB);
    const below = b.findIndex((v) => v < GATE_DB - 10);
    const bad = Float32Array.from(a);
    bad[above] = (b[above] as number) + 0.02;
    expect(compare(bad, b).maxGatedDiff).toBeGreaterThan(TOLERANCE_DB);
    const fine = Float32Array.from(a);
    fine[below] = (b[below] as number) + 5;
    expect(compare(fine, b).maxGatedDiff).toBeLessThanOrEqual(TOLERANCE_DB);
  });

  it('uses what remains at the end: a window past the last full one equals that tail on its own', () => {
    const tail = long.slice(1_000_000);
    expect(sameValues(clapFeatures(tail), pair('long 25 s @ 1000000 (4.17 s left)')[0])).toBe(true);
  });
});

describe('building blocks', () => {
  it('builds the Slaney mel bank the reference builds, stored sparsely', () => {
    const ref = readNpy(new Uint8Array(fs.readFileSync(bankFile)));
    expect(ref.shape).toEqual([64, 513]);
    const bank = slaneyMelFilterBank();
    const dense = denseMelFilterBank(bank);
    let maxDiff = 0;
    let nonZero = 0;
    for (let i = 0; i < dense.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs((dense[i] as number) - (ref.data[i] as number)));
      if ((ref.data[i] as number) > 0) nonZero++;
    }
    expect(maxDiff).toBeLessThan(1e-15);
    expect(bank.weights.length).toBe(nonZero);
    // 50 Hz lies above bin 1 (46.9 Hz) and 14 kHz below bin 299 (14015.6 Hz).
    expect([bank.minBin, bank.maxBin]).toEqual([2, 298]);
  });

  it('computes the real FFT of the DFT definition (sizes 16, 128, 1024)', () => {
    const random = seededRandom(21);
    for (const size of [16, 128, 1024]) {
      const x = Float32Array.from({ length: size + 3 }, () => 2 * random() - 1);
      const fft = new RealFft(size);
      const re = new Float64Array(size / 2 + 1);
      const im = new Float64Array(size / 2 + 1);
      fft.transform(x, 3);
      fft.spectrum(re, im);
      let worst = 0;
      for (let k = 0; k <= size / 2; k++) {
        let sr = 0;
        let si = 0;
        for (let n = 0; n < size; n++) {
          sr += (x[n + 3] as number) * Math.cos((2 * Math.PI * k * n) / size);
          si -= (x[n + 3] as number) * Math.sin((2 * Math.PI * k * n) / size);
        }
        worst = Math.max(worst, Math.abs((re[k] as number) - sr), Math.abs((im[k] as number) - si));
      }
      expect(worst).toBeLessThan(1e-10);
    }
    expect(() => new RealFft(512)).toThrowError(RangeError);
    expect(() => new RealFft(16).transform(new Float32Array(15))).toThrowError(RangeError);
  });

  it('repeat-pads the Python way, including exact divisors', () => {
    const two = Float32Array.from({ length: 96000 }, (_, i) => i + 1);
    const padded2 = repeatPad(two);
    expect(padded2[5 * 96000 - 1]).toBe(96000); // fifth copy present: no zeros at all
    expect(padded2.includes(0)).toBe(false);
    const five = Float32Array.from({ length: 240000 }, (_, i) => i + 1);
    expect(repeatPad(five)[479999]).toBe(240000);
    const odd = Float32Array.from({ length: 158401 }, (_, i) => i + 1);
    const paddedOdd = repeatPad(odd);
    expect(paddedOdd[3 * 158401 - 1]).toBe(158401);
    expect(paddedOdd.subarray(3 * 158401).every((v) => v === 0)).toBe(true);
  });

  it('validates offsets and output buffers, and reuses a given output', () => {
    const x = noise(1, 0.1, 2);
    expect(() => clapFeatures(new Float32Array(0))).toThrowError(/empty/);
    expect(() => clapFeatures(x, x.length)).toThrowError(/past the end/);
    expect(() => clapFeatures(x, -1)).toThrowError(RangeError);
    expect(() => clapFeatures(x, 1.5)).toThrowError(RangeError);
    expect(() => clapFeatures(x, 0, new Float32Array(10))).toThrowError(/64064/);
    const out = new Float32Array(FEATURE_LENGTH);
    const extractor = new ClapExtractor();
    expect(extractor.extract(x, 0, out)).toBe(out);
    expect(sameValues(extractor.extract(x), out)).toBe(true);
  });
});

describe('transformers.js ClapFeatureExtractor', () => {
  const theirs = transformersClapExtractor();
  const record = (name: string, result: Comparison) => {
    report[`transformers.js: ${name}`] = {
      gatedBins: result.gated,
      maxGatedDb: result.maxGatedDiff.toExponential(2),
      maxAllDb: result.maxDiff.toExponential(2),
    };
  };

  it('agrees with us on a length that does not divide 10 s', async () => {
    const x = chiptune(3.3 + 1 / SR, 5);
    const result = compare(clapFeatures(x), await theirs(x));
    record('3.3 s', result);
    expect(result.maxGatedDiff).toBeLessThan(0.05);
  });

  it.each([
    [2, 4],
    [5, 1],
  ])(
    'drops the last repeat of a %i s clip (it tiles %i copies, Python one more)',
    async (seconds, copies) => {
      const x = chiptune(seconds, 4);
      const mine = clapFeatures(x);
      const js = await theirs(x);
      // Frame t covers samples 480t − 512 … 480t + 511. Frames that end before JS's zeros start agree;
      // frames that start after them are silent in JS.
      const silentFrom = copies * x.length;
      const agreeing = Math.floor((silentFrom - PAD_SAMPLES) / HOP) + 1;
      const first = compare(mine.subarray(0, agreeing * 64), js.subarray(0, agreeing * 64));
      record(`${seconds} s, frames < ${agreeing}`, first);
      expect(first.maxGatedDiff).toBeLessThan(0.05);
      const silent = Math.ceil((silentFrom + PAD_SAMPLES) / HOP);
      expect(js.subarray(silent * 64).every((v) => v === -100)).toBe(true);
      expect(Math.max(...mine.subarray(silent * 64))).toBeGreaterThan(-40);
    },
  );
});
