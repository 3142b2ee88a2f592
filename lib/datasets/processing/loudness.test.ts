/**
 * BS.1770-4 loudness against (1) the standard's own 48 kHz coefficient table and −3.01 LKFS check,
 * (2) the EBU Tech 3341 minimum-requirement test signals 1–5 (expected −23.0 / −33.0 ± 0.1 LU), and
 * (3) an independent NumPy/SciPy implementation (tests/reference/loudness_reference.py) at the
 * rates chiptune files come in.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeNpy } from '@/lib/npy';
import { runReference } from '@/tests/support/python';
import { chiptune } from '@/tests/support/signals';
import { makeTempDir } from '@/tests/support/temp-dir';
import { integratedLoudness, kWeightingFilters } from './loudness';
import { signalStats } from './signal-stats';

const temp = makeTempDir('genki-loudness-');
afterAll(() => temp.cleanup());

/** A sine at `dbfs` (peak relative to full scale) for `seconds`, from sample `offset` on (phase continuous). */
function tone(rate: number, seconds: number, dbfs: number, frequency = 1000, offset = 0): Float32Array {
  const amplitude = 10 ** (dbfs / 20);
  return Float32Array.from(
    { length: Math.round(rate * seconds) },
    (_, i) => amplitude * Math.sin((2 * Math.PI * frequency * (i + offset)) / rate),
  );
}

/** Concatenated tone sections, identical in both channels (EBU Tech 3341 signals are stereo). */
function sections(rate: number, parts: [seconds: number, dbfs: number][]): Float32Array[] {
  const pieces: Float32Array[] = [];
  let offset = 0;
  for (const [seconds, dbfs] of parts) {
    const piece = tone(rate, seconds, dbfs, 1000, offset);
    pieces.push(piece);
    offset += piece.length;
  }
  const out = new Float32Array(offset);
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return [out, out.slice()];
}

interface Reference {
  lufs: number | null;
  silentRatio: number;
  clippedRatio: number;
  dcOffset: number;
}

/** One Python run for a batch of signals (NumPy and SciPy take longer to import than to measure). */
function reference(signals: { channels: Float32Array[]; rate: number }[]): Reference[] {
  const args = signals.flatMap(({ channels, rate }, n) => {
    const frames = channels[0]?.length ?? 0;
    const interleaved = new Float32Array(frames * channels.length);
    channels.forEach((channel, c) => {
      for (let i = 0; i < frames; i++) interleaved[i * channels.length + c] = channel[i] as number;
    });
    const file = path.join(temp.dir, `signal-${n}.npy`);
    fs.writeFileSync(file, writeNpy(interleaved, [frames, channels.length]));
    return [file, String(rate)];
  });
  return runReference('loudness_reference.py', args)
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Reference);
}

describe('K-weighting filters', () => {
  it('reproduce the BS.1770-4 table at 48 kHz', () => {
    const [shelf, highPass] = kWeightingFilters(48000);
    const table = {
      shelf: [1.53512485958697, -2.69169618940638, 1.19839281085285, -1.69065929318241, 0.73248077421585],
      highPass: [1, -2, 1, -1.99004745483398, 0.99007225036621],
    };
    const ours = (f: typeof shelf) => [f.b0, f.b1, f.b2, f.a1, f.a2];
    const worst = (values: number[], table: number[]) =>
      Math.max(...values.map((value, i) => Math.abs(value - (table[i] as number))));
    expect(worst(ours(shelf), table.shelf)).toBeLessThan(1e-8);
    expect(worst(ours(highPass), table.highPass)).toBeLessThan(1e-8);
  });

  it('match the NumPy reference at other rates', () => {
    const rates = [44100, 32000, 22050, 96000];
    const lines = runReference('loudness_reference.py', ['coefficients', ...rates.map(String)])
      .trim()
      .split('\n');
    rates.forEach((rate, n) => {
      const ref = JSON.parse(lines[n] ?? '') as {
        shelf: [number[], number[]];
        highPass: [number[], number[]];
      };
      const [shelf, highPass] = kWeightingFilters(rate);
      const expectClose = (ours: number[], theirs: number[]) => {
        for (const [i, value] of ours.entries())
          expect(Math.abs(value - (theirs[i] as number))).toBeLessThan(1e-12);
      };
      expectClose([shelf.b0, shelf.b1, shelf.b2], ref.shelf[0]);
      expectClose([1, shelf.a1, shelf.a2], ref.shelf[1]);
      expectClose([highPass.b0, highPass.b1, highPass.b2], ref.highPass[0]);
      expectClose([1, highPass.a1, highPass.a2], ref.highPass[1]);
    });
  });
});

describe('integrated loudness: standard conformance points', () => {
  it('reads a full-scale 997 Hz sine in one channel as −3.01 LKFS (BS.1770-4, §2.3)', () => {
    // Measured: −3.0103 at 48 kHz, −3.0075 at 44.1 kHz (the recomputed filters differ by < 0.003 dB).
    for (const rate of [48000, 44100]) {
      const lufs = integratedLoudness([tone(rate, 5, 0, 997)], rate);
      expect(Math.abs((lufs ?? 0) + 3.01)).toBeLessThan(0.005);
    }
  });

  // EBU Tech 3341 (2016) table 1: each must read within ±0.1 LU of the expected value.
  const cases: [string, [number, number][], number, number[]][] = [
    ['test 1: −23 dBFS, 20 s', [[20, -23]], -23, [48000, 44100]],
    ['test 2: −33 dBFS, 20 s', [[20, -33]], -33, [48000]],
    [
      'test 3: −36 / −23 / −36 dBFS, 10 / 60 / 10 s (relative gate)',
      [
        [10, -36],
        [60, -23],
        [10, -36],
      ],
      -23,
      [48000, 44100],
    ],
    [
      'test 4: −72 / −36 / −23 / −36 / −72 dBFS (absolute and relative gates)',
      [
        [10, -72],
        [10, -36],
        [60, -23],
        [10, -36],
        [10, -72],
      ],
      -23,
      [48000],
    ],
    [
      'test 5: −26 / −20 / −26 dBFS, 20 / 20.1 / 20 s',
      [
        [20, -26],
        [20.1, -20],
        [20, -26],
      ],
      -23,
      [32000],
    ],
  ];
  for (const [name, parts, expected, rates] of cases) {
    it(`EBU Tech 3341 ${name} reads ${expected} LUFS at ${rates.join(', ')} Hz`, () => {
      for (const rate of rates) {
        const lufs = integratedLoudness(sections(rate, parts), rate);
        expect(Math.abs((lufs ?? Number.NaN) - expected)).toBeLessThan(0.1);
      }
    });
  }

  it('has nothing to report for silence or a clip shorter than one 400 ms block', () => {
    expect(integratedLoudness([new Float32Array(48000 * 2)], 48000)).toBeNull();
    expect(integratedLoudness([tone(48000, 0.39, -10)], 48000)).toBeNull();
    // −72 dBFS stereo is about −72 LUFS: below the absolute gate.
    expect(integratedLoudness(sections(48000, [[3, -72]]), 48000)).toBeNull();
  });
});

describe('integrated loudness and level statistics against NumPy/SciPy', () => {
  it('agree to 1e-9 LU on chiptune at the common rates, mono and stereo', () => {
    const signals = [48000, 44100, 32000, 22050, 11025].flatMap((rate) => {
      const left = chiptune(rate, 6, 3);
      const right = chiptune(rate, 6, 5).map((v) => 0.5 * v);
      return [
        { channels: [left], rate },
        { channels: [left, right], rate },
      ];
    });
    const theirs = reference(signals);
    signals.forEach(({ channels, rate }, n) => {
      const lufs = theirs[n]?.lufs ?? null;
      expect(lufs).not.toBeNull();
      expect(Math.abs((integratedLoudness(channels, rate) ?? 0) - (lufs ?? 0))).toBeLessThan(1e-9);
    });
  });

  it('agree on gating, silence, clipping and DC offset for a constructed signal', () => {
    const rate = 44100;
    const body = chiptune(rate, 8, 2);
    const signal = new Float32Array(rate * 12);
    signal.set(body, rate * 2); // 2 s of silence, 8 s of music, 2 s of silence
    // Clipped runs: 40 runs of 5 samples at full scale, and 40 two-sample peaks that are not clipping.
    for (let k = 0; k < 40; k++) {
      signal.fill(1, rate * 3 + k * 1000, rate * 3 + k * 1000 + 5);
      signal.fill(-1, rate * 6 + k * 1000, rate * 6 + k * 1000 + 2);
    }
    const offset = signal.map((v) => v * 0.8 + 0.02);
    const cases = [[signal], [signal, offset]];
    const references = reference(cases.map((channels) => ({ channels, rate })));
    cases.forEach((channels, n) => {
      const ours = signalStats(channels, rate);
      const theirs = references[n] as Reference;
      expect(Math.abs((integratedLoudness(channels, rate) ?? 0) - (theirs.lufs ?? 0))).toBeLessThan(1e-9);
      expect(ours.silentRatio).toBeCloseTo(theirs.silentRatio, 12);
      expect(ours.clippedRatio).toBeCloseTo(theirs.clippedRatio, 12);
      expect(ours.dcOffset).toBeCloseTo(theirs.dcOffset, 7);
    });
    expect(signalStats([signal], rate).clippedRatio).toBeCloseTo(200 / signal.length, 12);
  });
});
