/**
 * What to do with one path from a dropped folder or a zip: import it as audio, read it as caption
 * metadata, skip it quietly (macOS resource forks, dotfiles, documents), or refuse it (paths that
 * try to escape the import, symlinks). Pure, so the zip worker, the folder walker and tests share it.
 *
 * Paths are display data only — the server never uses them as file system paths — but a path that
 * climbs out with `..`, is absolute or carries NUL/control characters says the archive was built to
 * attack an extractor, so the entry is refused with a reason rather than "fixed".
 */
import { DATASET_LIMITS } from '../model';

/** Extensions the engine decodes (lib/audio: WAV, FLAC, Ogg Vorbis, MP3/MP2, tracker modules). */
export const AUDIO_EXTENSIONS = [
  'wav',
  'wave',
  'flac',
  'ogg',
  'oga',
  'mp3',
  'mp2',
  'mpga',
  'mod',
  'stk',
  'm15',
  'xm',
  's3m',
  'it',
] as const;
const AUDIO_SET = new Set<string>(AUDIO_EXTENSIONS);

/** Caption files in the Hugging Face audiofolder layout (file_name column, relative to the file). */
export const METADATA_FILE_NAMES = ['metadata.jsonl', 'metadata.csv'] as const;

/** `accept` for file inputs: the audio formats plus zips. */
export const AUDIO_ACCEPT = `audio/*,${AUDIO_EXTENSIONS.map((ext) => `.${ext}`).join(',')}`;

export type EntryVerdict =
  | { kind: 'audio'; path: string; fileName: string }
  | { kind: 'metadata'; path: string; format: 'jsonl' | 'csv' }
  | { kind: 'skip'; path: string; reason: string }
  | { kind: 'reject'; path: string; reason: string };

export interface EntryFacts {
  /** The raw name as stored in the archive or given by the browser. */
  name: string;
  isDirectory?: boolean;
  isSymlink?: boolean;
  isEncrypted?: boolean;
}

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

export function isAudioFileName(fileName: string): boolean {
  return AUDIO_SET.has(extensionOf(fileName));
}

export function isZipFileName(fileName: string): boolean {
  return extensionOf(fileName) === 'zip';
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: detecting control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above, for replacing them in messages.
const CONTROL_ALL = /[\u0000-\u001f\u007f]/g;

/** Classifies one entry; `path` in the verdict is the normalised relative path ("a/b.wav"). */
export function classifyEntry(facts: EntryFacts): EntryVerdict {
  const raw = facts.name;
  const shown = raw.replace(CONTROL_ALL, '?');
  if (raw.includes('\u0000')) return { kind: 'reject', path: shown, reason: 'its name contains a NUL byte' };
  if (CONTROL.test(raw))
    return { kind: 'reject', path: shown, reason: 'its name contains control characters' };
  // Some Windows tools store backslashes; treat them as separators so `..\` cannot slip through.
  const slashed = raw.replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[A-Za-z]:/.test(slashed)) {
    return { kind: 'reject', path: shown, reason: 'it has an absolute path' };
  }
  const segments = slashed.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..'))
    return { kind: 'reject', path: shown, reason: 'its path climbs out with ".."' };
  const path = segments.join('/');
  if (facts.isSymlink) return { kind: 'reject', path, reason: 'it is a symbolic link' };
  if (facts.isDirectory || slashed.endsWith('/') || segments.length === 0) {
    return { kind: 'skip', path, reason: 'folder' };
  }
  if (segments[0] === '__MACOSX') return { kind: 'skip', path, reason: 'macOS resource fork' };
  if (segments.some((segment) => segment.startsWith('.')))
    return { kind: 'skip', path, reason: 'hidden file' };
  const fileName = segments[segments.length - 1] ?? path;
  if (facts.isEncrypted) return { kind: 'reject', path, reason: 'it is encrypted' };
  const lower = fileName.toLowerCase();
  if (lower === 'metadata.jsonl' || lower === 'metadata.csv') {
    return { kind: 'metadata', path, format: lower.endsWith('.csv') ? 'csv' : 'jsonl' };
  }
  if (!isAudioFileName(fileName)) return { kind: 'skip', path, reason: 'not an audio file' };
  if (fileName.length > 255) return { kind: 'reject', path, reason: 'its name is over 255 characters' };
  if (path.length > 1024) return { kind: 'reject', path, reason: 'its path is over 1024 characters' };
  return { kind: 'audio', path, fileName };
}

/** The folder part of a normalised path ("" at the top). */
export function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

export interface SizedCandidate {
  path: string;
  size: number;
}

export interface LimitProblem {
  path: string;
  reason: string;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;

/**
 * Client-side limit checks, run before anything is hashed or uploaded. Too many files refuses the
 * whole import (the message says how to split it); a file that is too large or empty is refused on
 * its own and the others go ahead.
 */
export function checkImportLimits<T extends SizedCandidate>(
  candidates: readonly T[],
): { accepted: T[]; refused: LimitProblem[]; fatal: string | null } {
  const max = DATASET_LIMITS.maxFilesPerImport;
  if (candidates.length > max) {
    return {
      accepted: [],
      refused: [],
      fatal: `${candidates.length.toLocaleString('en')} audio files: one import takes at most ${max.toLocaleString('en')}. Import them in smaller batches.`,
    };
  }
  const accepted: T[] = [];
  const refused: LimitProblem[] = [];
  for (const candidate of candidates) {
    if (candidate.size > DATASET_LIMITS.maxFileBytes) {
      refused.push({
        path: candidate.path,
        reason: `file too large (${mb(candidate.size)}; the limit is ${mb(DATASET_LIMITS.maxFileBytes)})`,
      });
    } else if (candidate.size === 0) {
      refused.push({ path: candidate.path, reason: 'the file is empty' });
    } else {
      accepted.push(candidate);
    }
  }
  return { accepted, refused, fatal: null };
}

/**
 * Files with the same bytes inside one selection: the first (in path order) is kept and the others
 * are reported as copies of it, so identical bytes are never uploaded twice in one import. Copies
 * of clips already in the dataset are found by the server from the hashes.
 */
export function findBatchDuplicates<T extends { path: string; sha256: string }>(
  items: readonly T[],
): { unique: T[]; duplicates: { item: T; of: T }[] } {
  const sorted = [...items].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const first = new Map<string, T>();
  const duplicates: { item: T; of: T }[] = [];
  for (const item of sorted) {
    const seen = first.get(item.sha256);
    if (seen) duplicates.push({ item, of: seen });
    else first.set(item.sha256, item);
  }
  const dropped = new Set(duplicates.map((entry) => entry.item));
  return { unique: items.filter((item) => !dropped.has(item)), duplicates };
}
