/**
 * Bounds the export render cache (`<dataDir>/export-cache`, lib/datasets/export/export-audio.ts).
 * Each entry is `<aa>/<key>.wav` plus `<key>.json`; a render can always be made again, so when the
 * cache is over its budget the least recently used entries go first. Use is the newest mtime of an
 * entry's files: export-audio.ts touches the WAV on every cache hit, because atime is unreliable
 * (noatime and relatime mounts).
 *
 * Never evicted, even over budget: an entry being written (a fresh `.partial` beside it, or a
 * render in flight in this process) and an entry used within RECENT_USE_MS, which a download may
 * be about to open. Unfinished writes older than the grace period are removed.
 */
import fs from 'node:fs';
import { isSha256Hex } from '../blobs';
import {
  addFreed,
  type FreedFiles,
  GRACE_MS,
  isStalePartial,
  type ListedFile,
  listShardedFiles,
  noFailures,
  nothingFreed,
  PARTIAL_SUFFIX,
  type RemovalFailures,
  removeFiles,
  tryRemoveFile,
} from './files';

/** Longer than a resolved file waits before it is opened for a response. */
export const RECENT_USE_MS = 10 * 60_000;

export interface ExportCacheGcOptions {
  /** The budget in bytes for the whole cache. */
  maxBytes: number;
  /** True for a render key this process is writing now. */
  isWriting?: (key: string) => boolean;
  dryRun?: boolean;
  now?: number;
  graceMs?: number;
  /** Where files that could not be deleted are noted (one summary per run). */
  failures?: RemovalFailures;
}

export interface ExportCacheGcReport {
  /** Bytes of finished entries before eviction. */
  bytesBefore: number;
  /** Bytes of finished entries left (may exceed the budget when what is left is in use). */
  bytesAfter: number;
  evicted: FreedFiles;
  partialFiles: FreedFiles;
}

interface Entry {
  key: string;
  files: ListedFile[];
  bytes: number;
  lastUsedMs: number;
  writing: boolean;
}

/** Groups the cache's files by render key (the name up to the first dot). */
function readEntries(cacheDir: string, cutoff: number, stalePartials: ListedFile[]): Entry[] {
  const entries = new Map<string, Entry>();
  for (const file of listShardedFiles(cacheDir)) {
    const key = file.name.slice(0, file.name.indexOf('.'));
    if (!isSha256Hex(key)) continue; // not a file the cache writes
    if (isStalePartial(file, cutoff)) {
      stalePartials.push(file);
      continue;
    }
    let entry = entries.get(key);
    if (!entry) {
      entry = { key, files: [], bytes: 0, lastUsedMs: 0, writing: false };
      entries.set(key, entry);
    }
    if (file.name.endsWith(PARTIAL_SUFFIX)) {
      entry.writing = true;
      continue;
    }
    entry.files.push(file);
    entry.bytes += file.size;
    entry.lastUsedMs = Math.max(entry.lastUsedMs, file.mtimeMs);
  }
  return [...entries.values()];
}

/**
 * Used since it was listed (export-audio.ts touches an entry it is about to serve; the server may
 * do so while a `genki storage gc` in another process works through its list): it stays.
 */
const usedSinceListed = (entry: Entry) =>
  entry.files.some(
    (file) => (fs.statSync(file.file, { throwIfNoEntry: false })?.mtimeMs ?? 0) > file.mtimeMs,
  );

/** Evicts least recently used entries until the cache fits `maxBytes` (see the file comment). */
export function evictExportCache(cacheDir: string, options: ExportCacheGcOptions): ExportCacheGcReport {
  const now = options.now ?? Date.now();
  const dryRun = options.dryRun ?? false;
  const stalePartials: ListedFile[] = [];
  const entries = readEntries(cacheDir, now - (options.graceMs ?? GRACE_MS), stalePartials);

  const failures = options.failures ?? noFailures();
  const partialFiles = removeFiles(stalePartials, dryRun, failures);
  const bytesBefore = entries.reduce((sum, entry) => sum + entry.bytes, 0);
  let bytes = bytesBefore;
  const evicted = nothingFreed();
  const oldestFirst = entries.sort((a, b) => a.lastUsedMs - b.lastUsedMs || a.key.localeCompare(b.key));
  for (const entry of oldestFirst) {
    if (bytes <= options.maxBytes) break;
    if (entry.writing || options.isWriting?.(entry.key) || now - entry.lastUsedMs < RECENT_USE_MS) continue;
    // Facts first: a reader that finds no facts renders again instead of trusting a WAV being removed.
    const ordered = [...entry.files].sort(
      (a, b) => Number(b.name.endsWith('.json')) - Number(a.name.endsWith('.json')),
    );
    // Stops at the first file that cannot go: the entry then stays (and counts) as it is.
    if (!dryRun && (usedSinceListed(entry) || !ordered.every((file) => tryRemoveFile(file.file, failures))))
      continue;
    addFreed(evicted, entry.bytes);
    bytes -= entry.bytes;
  }
  return { bytesBefore, bytesAfter: bytes, evicted, partialFiles };
}
