import { describe, expect, it } from 'vitest';
import { normaliseTrim, sameTrim, setTrimEdge } from './trim';

describe('setTrimEdge', () => {
  it('starts from the whole clip when there is no trim', () => {
    expect(setTrimEdge(null, 'start', 2.5, 30)).toEqual({ ok: true, trim: { start: 2.5, end: 30 } });
    expect(setTrimEdge(null, 'end', 28, 30)).toEqual({ ok: true, trim: { start: 0, end: 28 } });
  });

  it('moves one edge and keeps the other', () => {
    expect(setTrimEdge({ start: 2, end: 20 }, 'end', 25.12345, 30)).toEqual({
      ok: true,
      trim: { start: 2, end: 25.123 },
    });
    expect(setTrimEdge({ start: 2, end: 20 }, 'start', 5, 30)).toEqual({
      ok: true,
      trim: { start: 5, end: 20 },
    });
  });

  it('refuses an edge that would cross the other one', () => {
    const result = setTrimEdge({ start: 10, end: 20 }, 'start', 25, 30);
    expect(result.ok).toBe(false);
    expect(setTrimEdge({ start: 10, end: 20 }, 'end', 5, 30).ok).toBe(false);
  });

  it('clamps to the clip and clears a trim that covers all of it', () => {
    expect(setTrimEdge({ start: 5, end: 30 }, 'start', -3, 30)).toEqual({ ok: true, trim: null });
    expect(setTrimEdge({ start: 5, end: 20 }, 'end', 99, 30)).toEqual({
      ok: true,
      trim: { start: 5, end: 30 },
    });
  });

  it('fails on a clip without duration', () => {
    expect(setTrimEdge(null, 'start', 1, 0).ok).toBe(false);
  });
});

describe('normaliseTrim and sameTrim', () => {
  it('drops tiny trims and compares within a millisecond', () => {
    expect(normaliseTrim({ start: 3, end: 3.1 }, 30)).toBeNull();
    expect(normaliseTrim({ start: 1, end: 2 }, 30)).toEqual({ start: 1, end: 2 });
    expect(sameTrim({ start: 1, end: 2 }, { start: 1.0001, end: 2 })).toBe(true);
    expect(sameTrim(null, null)).toBe(true);
    expect(sameTrim(null, { start: 1, end: 2 })).toBe(false);
  });
});
