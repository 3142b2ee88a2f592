import { describe, expect, it } from 'vitest';
import {
  EVAL_BLOCK_DELAY,
  evaluationCountdown,
  formatDuration,
  formatTao,
  observedBlockMs,
} from './evaluation';

describe('evaluation countdown', () => {
  it("counts Genki-Dama's 1200 blocks from the commitment's block", () => {
    expect(EVAL_BLOCK_DELAY).toBe(1200);
    expect(evaluationCountdown(100, 100)).toEqual({
      evalBlock: 1300,
      remainingBlocks: 1200,
      remainingMs: 1200 * 12_000,
      due: false,
    });
    expect(evaluationCountdown(100, 1299, 1000)).toMatchObject({
      remainingBlocks: 1,
      remainingMs: 1000,
      due: false,
    });
    // Validators sync once current - block >= 1200: due at exactly block + 1200, and after.
    expect(evaluationCountdown(100, 1300).due).toBe(true);
    expect(evaluationCountdown(100, 5000)).toMatchObject({ remainingBlocks: 0, remainingMs: 0, due: true });
  });

  it('formats durations coarsely', () => {
    expect(formatDuration(1200 * 12_000)).toBe('4 h 0 min');
    expect(formatDuration(1187 * 1000)).toBe('19 min 47 s');
    expect(formatDuration(42_400)).toBe('42 s');
    expect(formatDuration(-5)).toBe('0 s');
  });

  it('estimates the block time from arrival times (median gap), or null without two heads', () => {
    expect(observedBlockMs([])).toBeNull();
    expect(observedBlockMs([1000])).toBeNull();
    expect(observedBlockMs([0, 1000, 2000, 9000, 10_000])).toBe(1000);
    expect(observedBlockMs([0, 12_000, 24_100])).toBe(12_100);
  });
});

describe('formatTao', () => {
  it('shows rao as TAO with all nine decimals, without float rounding', () => {
    expect(formatTao(0n)).toBe('0.000000000 TAO');
    expect(formatTao(1n)).toBe('0.000000001 TAO');
    expect(formatTao(10_000_000_000n)).toBe('10.000000000 TAO');
    expect(formatTao(1_000_000n * 1_000_000_000n + 123_456_789n)).toBe('1,000,000.123456789 TAO');
    expect(formatTao(2n ** 64n - 1n)).toBe('18,446,744,073.709551615 TAO');
  });
});
