import { describe, expect, it } from 'vitest';
import { downmix } from './downmix';

describe('downmix', () => {
  it('averages stereo as (L + R) / 2, not (L + R) / √2', () => {
    const left = new Float32Array([1, 0.5, -1, 0.25]);
    const right = new Float32Array([1, -0.5, 0, 0.75]);
    expect(Array.from(downmix([left, right]))).toEqual([1, 0, -0.5, 0.5]);
  });

  it('averages any number of channels', () => {
    const channels = [new Float32Array([3, 0]), new Float32Array([0, 0]), new Float32Array([0, 0.75])];
    expect(Array.from(downmix(channels))).toEqual([1, 0.25]);
    const six = Array.from({ length: 6 }, (_, c) => new Float32Array([c / 10]));
    expect(downmix(six)[0]).toBeCloseTo(0.25, 7);
  });

  it('copies mono and rejects empty or ragged input', () => {
    const mono = new Float32Array([0.1, 0.2]);
    const out = downmix([mono]);
    expect(out).toEqual(mono);
    expect(out).not.toBe(mono);
    expect(() => downmix([])).toThrow(RangeError);
    expect(() => downmix([new Float32Array(2), new Float32Array(3)])).toThrow(RangeError);
  });
});
