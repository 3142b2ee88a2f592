import { describe, expect, it } from 'vitest';
import { formatClock, formatPrecise, formatScore, formatShare, formatTotalDuration, plural } from './format';

describe('formats', () => {
  it('formats clocks', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(75.9)).toBe('1:15');
    expect(formatClock(3725)).toBe('1:02:05');
    expect(formatClock(Number.NaN)).toBe('0:00');
    expect(formatPrecise(75.46)).toBe('1:15.4');
  });

  it('formats totals, scores, shares and plurals', () => {
    expect(formatTotalDuration(42.4)).toBe('42 s');
    expect(formatTotalDuration(720)).toBe('12 min');
    expect(formatTotalDuration(3 * 3600 + 5 * 60)).toBe('3 h 05 min');
    expect(formatScore(0.23456)).toBe('0.235');
    expect(formatScore(null)).toBe('—');
    expect(formatShare(12, 40)).toBe('30%');
    expect(formatShare(0, 0)).toBe('—');
    expect(plural(1, 'clip')).toBe('1 clip');
    expect(plural(5000, 'clip')).toBe('5,000 clips');
  });
});
