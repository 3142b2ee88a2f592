/**
 * The per-clip records of both export layouts. Pure.
 *
 * - Hugging Face audiofolder: one `metadata.jsonl` line per clip (the contract's AudiofolderRow).
 *   Every row has the same keys in the same order with the same JSON types (null where unknown),
 *   so the Hub viewer never hits a CastError ("column names don't match").
 * - audiocraft: `egs/train/data.jsonl` lines (audiocraft's `AudioMeta`: path, duration, sample_rate,
 *   amplitude, weight, info_path) and one `<clip>.json` beside each WAV, read by audiocraft's
 *   `MusicInfo.from_dict` and by the Genki-Dama trainer. MusicDataset requires every MusicInfo
 *   field (title, artist, key, bpm, genre, moods, description, name, instrument; keywords optional)
 *   when `info_fields_required` is on, so all are always written, null when unknown.
 */
import type { AudiocraftClipInfo, AudiofolderRow } from '../model';
import type { ExportClip } from './exportable';
import { baseName } from './file-names';

/** Where the audio came from, for people reading the metadata. */
export function clipSource(clip: Pick<ExportClip, 'fileName' | 'sourcePath' | 'isRenderedModule'>): string {
  const origin = clip.sourcePath ?? clip.fileName;
  return clip.isRenderedModule ? `${origin} (rendered with libopenmpt)` : origin;
}

/** Seconds rounded to the microsecond: exact enough for any reader, free of float noise. */
export function roundSeconds(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e6;
}

export function audiofolderRow(clip: ExportClip, fileName: string, durationSeconds: number): AudiofolderRow {
  return {
    file_name: fileName,
    caption: clip.caption.trim(),
    moods: [...clip.tags.moods],
    instruments: [...clip.tags.instruments],
    genre: clip.tags.genre,
    bpm: clip.tags.bpm,
    key: clip.tags.key,
    licence: (clip.licence ?? '').trim(),
    attribution: clip.attribution,
    source: clipSource(clip),
    duration: roundSeconds(durationSeconds),
  };
}

/** The `<clip>.json` of the audiocraft layout: the contract fields plus what MusicInfo reads. */
export interface AudiocraftClipJson extends AudiocraftClipInfo {
  genre: string | null;
  /** audiocraft reads `instrument` as one keyword string (a list would be dropped to None). */
  instrument: string | null;
  title: string;
  artist: string | null;
  name: string;
  keywords: string[];
  file_extension: 'wav';
  licence: string;
  attribution: string | null;
}

export function audiocraftClipJson(
  clip: ExportClip,
  stem: string,
  audio: { durationSeconds: number; sampleRate: number },
): AudiocraftClipJson {
  const keywords = [...new Set([...clip.tags.moods, ...clip.tags.instruments])];
  return {
    description: clip.caption.trim(),
    moods: [...clip.tags.moods],
    instruments: [...clip.tags.instruments],
    bpm: clip.tags.bpm,
    key: clip.tags.key,
    duration: roundSeconds(audio.durationSeconds),
    sample_rate: audio.sampleRate,
    genre: clip.tags.genre,
    instrument: clip.tags.instruments.length > 0 ? clip.tags.instruments.join(', ') : null,
    title: baseName(clip.fileName),
    // audiocraft uses `artist` to keep one artist out of two splits; we have no such id.
    artist: null,
    name: stem,
    keywords,
    file_extension: 'wav',
    licence: (clip.licence ?? '').trim(),
    attribution: clip.attribution,
  };
}

/** One line of `egs/train/data.jsonl` (audiocraft `AudioMeta.to_dict()`, key order kept). */
export interface AudiocraftMetaLine {
  path: string;
  duration: number;
  sample_rate: number;
  amplitude: null;
  weight: null;
  info_path: null;
}

export function audiocraftMetaLine(
  path: string,
  audio: { durationSeconds: number; sampleRate: number },
): AudiocraftMetaLine {
  return {
    path,
    duration: roundSeconds(audio.durationSeconds),
    sample_rate: audio.sampleRate,
    amplitude: null,
    weight: null,
    info_path: null,
  };
}

/**
 * Columns that are floats by meaning. JSON has one number type, but pyarrow (which `datasets` and
 * the Hub viewer read JSON Lines with) types `140` as int64 and `92.5` as double; when a large file
 * is read in blocks, one block of whole numbers and another with fractions fail to concatenate (the
 * viewer's CastError). Writing `140.0`, as Python's json.dumps does for floats, keeps them doubles.
 */
const FLOAT_KEYS = new Set(['bpm', 'duration']);

function jsonValue(key: string, value: unknown): string {
  if (FLOAT_KEYS.has(key) && typeof value === 'number' && Number.isInteger(value)) return `${value}.0`;
  return JSON.stringify(value);
}

/** JSON Lines: one compact object per line (float columns always with a decimal point). */
export function toJsonLines(rows: readonly object[]): string {
  return rows
    .map(
      (row) =>
        `{${Object.entries(row)
          .map(([key, value]) => `${JSON.stringify(key)}:${jsonValue(key, value)}`)
          .join(',')}}\n`,
    )
    .join('');
}
