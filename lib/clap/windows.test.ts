import { describe, expect, it } from 'vitest';
import { runReference } from '@/tests/support/python';
import { fnv1a64, splitMix64, WINDOW_POLICY, windowOffsets } from './windows';

const W = WINDOW_POLICY.windowSamples;

describe('window policy genki-windows-v1', () => {
  it('is named and documented', () => {
    expect(WINDOW_POLICY.id).toBe('genki-windows-v1');
    expect(W).toBe(480000);
    expect(WINDOW_POLICY.defaultCount).toBe(3);
  });

  it('uses the published FNV-1a-64 and SplitMix64 test vectors', () => {
    expect(fnv1a64('')).toBe(0xcbf29ce484222325n);
    expect(fnv1a64('a')).toBe(0xaf63dc4c8601ec8cn);
    expect(fnv1a64('foobar')).toBe(0x85944171f73967e8n);
    const next = splitMix64(0n);
    expect([next(), next(), next()]).toEqual([0xe220a8397b1dcdafn, 0x6e789e6aa1b965f4n, 0x06c45d188009454fn]);
  });

  it('takes one window at 0 for clips of at most 10 s, whatever the seed and count', () => {
    expect(windowOffsets(1, { seed: 'x' })).toEqual([0]);
    expect(windowOffsets(96000, { seed: 'x', count: 5 })).toEqual([0]);
    expect(windowOffsets(W, { seed: 'y', count: 3 })).toEqual([0]);
  });

  it('draws `count` reproducible offsets inside the clip for longer clips', () => {
    const length = 25 * 48000;
    const a = windowOffsets(length, { seed: 'validator-step-42/music_3.wav' });
    expect(a).toHaveLength(3);
    expect(windowOffsets(length, { seed: 'validator-step-42/music_3.wav' })).toEqual(a);
    expect(windowOffsets(length, { seed: 'validator-step-43/music_3.wav' })).not.toEqual(a);
    // Later draws do not depend on the count: count 5 extends count 3.
    expect(windowOffsets(length, { seed: 'validator-step-42/music_3.wav', count: 5 }).slice(0, 3)).toEqual(a);
    for (const offset of windowOffsets(length, { seed: 's', count: 50 })) {
      expect(Number.isInteger(offset) && offset >= 0 && offset <= length - W).toBe(true);
    }
    expect(new Set(windowOffsets(W + 1, { seed: 's', count: 40 }))).toEqual(new Set([0, 1]));
  });

  it('spreads offsets evenly (a coarse uniformity check)', () => {
    const counts = new Array<number>(10).fill(0);
    for (const offset of windowOffsets(W + 9, { seed: 'uniform', count: 5000 })) {
      counts[offset] = (counts[offset] ?? 0) + 1;
    }
    for (const count of counts) expect(count).toBeGreaterThan(400);
  });

  it('matches the Python reproduction in tests/reference/clap_windows.py', () => {
    const cases = [
      { length: W + 1, seed: '', count: 3 },
      { length: 25 * 48000, seed: 'a', count: 3 },
      { length: 30 * 48000, seed: 'genki ジェンキ 🎵', count: 5 },
      { length: 15 * 60 * 48000, seed: 'validator-step-42/uid-7/music_3.wav', count: 3 },
      { length: 2 ** 40, seed: 'huge', count: 4 },
      { length: 720001, seed: 'edge', count: 1 },
    ];
    const python: unknown = JSON.parse(runReference('clap_windows.py', [], { input: JSON.stringify(cases) }));
    expect(python).toEqual(cases.map((c) => windowOffsets(c.length, { seed: c.seed, count: c.count })));
  });

  it('rejects lengths and counts that are not positive integers', () => {
    expect(() => windowOffsets(0, { seed: 'x' })).toThrowError(RangeError);
    expect(() => windowOffsets(-5, { seed: 'x' })).toThrowError(RangeError);
    expect(() => windowOffsets(1.5, { seed: 'x' })).toThrowError(RangeError);
    expect(() => windowOffsets(W * 2, { seed: 'x', count: 0 })).toThrowError(RangeError);
    expect(() => windowOffsets(W * 2, { seed: 'x', count: 2.5 })).toThrowError(RangeError);
  });
});
