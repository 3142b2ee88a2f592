/**
 * The non-destructive trim: a start and end in seconds kept beside the clip (the audio is never
 * rewritten). Pure helpers for the `[`/`]` keys and for the waveform region.
 */

export interface Trim {
  start: number;
  end: number;
}

/** Shortest trim allowed: anything shorter is almost certainly a mis-click. */
export const MIN_TRIM_SECONDS = 0.25;

const round = (seconds: number) => Math.round(seconds * 1000) / 1000;

/** Keeps a trim inside the clip; null when it covers the whole clip (no trim at all). */
export function normaliseTrim(trim: Trim | null, duration: number): Trim | null {
  if (!trim) return null;
  const start = round(Math.min(Math.max(0, trim.start), duration));
  const end = round(Math.min(Math.max(0, trim.end), duration));
  if (end - start < MIN_TRIM_SECONDS) return null;
  if (start <= 0 && end >= round(duration)) return null;
  return { start, end };
}

export type TrimEdit = { ok: true; trim: Trim | null } | { ok: false; error: string };

/** Moves one edge of the trim to `time` (the playhead); an absent trim starts as the whole clip. */
export function setTrimEdge(
  trim: Trim | null,
  edge: 'start' | 'end',
  time: number,
  duration: number,
): TrimEdit {
  if (!(duration > 0)) return { ok: false, error: 'The clip has no length to trim.' };
  const at = round(Math.min(Math.max(0, time), duration));
  const current = trim ?? { start: 0, end: duration };
  const next = edge === 'start' ? { start: at, end: current.end } : { start: current.start, end: at };
  if (next.end - next.start < MIN_TRIM_SECONDS) {
    return {
      ok: false,
      error:
        edge === 'start'
          ? 'The trim start must be before the trim end. Move the playhead earlier.'
          : 'The trim end must be after the trim start. Move the playhead later.',
    };
  }
  return { ok: true, trim: normaliseTrim(next, duration) };
}

export function sameTrim(a: Trim | null, b: Trim | null): boolean {
  if (!a || !b) return a === b;
  return Math.abs(a.start - b.start) < 0.0005 && Math.abs(a.end - b.end) < 0.0005;
}
