/**
 * One storage housekeeping pass over a data directory: blob garbage collection (blob-gc.ts), then
 * the export cache budget (export-cache-gc.ts); or, with `markOnly`, only the first phase of blob
 * collection (recording which blobs became unreferenced), which is all a run right after a delete
 * needs to do. Plain inputs (no config or global connection), so
 * the server's scheduler, tests and a command-line tool can all run it on any data directory.
 */
import { BlobStore } from '../blobs';
import type { Db } from '../db';
import { type BlobGcReport, collectBlobs } from './blob-gc';
import { type ExportCacheGcReport, evictExportCache } from './export-cache-gc';
import { type FreedFiles, noFailures, nothingFreed, type RemovalFailures } from './files';
import { exportCacheDir } from './paths';

export interface HousekeepingOptions {
  dataDir: string;
  db: Db;
  exportCacheMaxBytes: number;
  /** True for an export render key this process is writing now. */
  isRendering?: (key: string) => boolean;
  dryRun?: boolean;
  /** Only mark blobs that became unreferenced (see blob-gc.ts); free nothing. */
  markOnly?: boolean;
  now?: number;
  graceMs?: number;
}

export interface HousekeepingReport {
  dryRun: boolean;
  blobs: BlobGcReport;
  exportCache: ExportCacheGcReport;
  /** Bytes freed (or, in a dry run, that would be freed) in all. */
  freedBytes: number;
  /** Files that could not be deleted (they, and their rows, stay for the next run). */
  failedRemovals: RemovalFailures;
}

export async function runHousekeeping(options: HousekeepingOptions): Promise<HousekeepingReport> {
  const failures = noFailures();
  const shared = { dryRun: options.dryRun, now: options.now, graceMs: options.graceMs, failures };
  const store = new BlobStore(options.dataDir, options.db);
  const blobs = await collectBlobs(options.db, store, { ...shared, markOnly: options.markOnly });
  const exportCache = options.markOnly
    ? { bytesBefore: 0, bytesAfter: 0, evicted: nothingFreed(), partialFiles: nothingFreed() }
    : evictExportCache(exportCacheDir(options.dataDir), {
        ...shared,
        maxBytes: options.exportCacheMaxBytes,
        isWriting: options.isRendering,
      });
  const freed = [
    blobs.unreferenced,
    blobs.orphanFiles,
    blobs.partialFiles,
    exportCache.evicted,
    exportCache.partialFiles,
  ];
  return {
    dryRun: options.dryRun ?? false,
    blobs,
    exportCache,
    freedBytes: freed.reduce((sum, part) => sum + part.bytes, 0),
    failedRemovals: failures,
  };
}

/** Whether a run has anything for the server log: space freed, rows restored or files it could not delete. */
export const isWorthLogging = (report: HousekeepingReport) =>
  report.freedBytes > 0 || report.blobs.rowsRestored > 0 || report.failedRemovals.count > 0;

const UNITS = [
  ['GiB', 1024 ** 3],
  ['MiB', 1024 ** 2],
  ['KiB', 1024],
] as const;

/** Bytes for a log line: exact below 1 KiB, else KiB/MiB/GiB with one decimal. */
export function sizeText(bytes: number): string {
  const unit = UNITS.find(([, size]) => bytes >= size);
  return unit ? `${(bytes / unit[1]).toFixed(1)} ${unit[0]}` : `${bytes} bytes`;
}

/** One line for the server log: what was (or would be) freed, part by part. */
export function describeHousekeeping(report: HousekeepingReport): string {
  const { blobs, exportCache } = report;
  const parts: [string, FreedFiles][] = [
    ['unreferenced blob(s)', blobs.unreferenced],
    ['blob file(s) without a row', blobs.orphanFiles],
    ['unfinished blob write(s)', blobs.partialFiles],
    ['export render(s) over budget', exportCache.evicted],
    ['unfinished export render(s)', exportCache.partialFiles],
  ];
  const freed = parts
    .filter(([, part]) => part.count > 0)
    .map(([label, part]) => `${part.count} ${label} (${sizeText(part.bytes)})`);
  const notes = [`export cache ${sizeText(exportCache.bytesAfter)}`];
  if (blobs.awaitingGrace.count > 0)
    notes.push(
      `${blobs.awaitingGrace.count} unreferenced blob(s) (${sizeText(blobs.awaitingGrace.bytes)}) kept until unreferenced for an hour`,
    );
  if (blobs.rowsRestored > 0)
    notes.push(
      `${report.dryRun ? 'would restore' : 'restored'} the row of ${blobs.rowsRestored} referenced blob file(s)`,
    );
  const { failedRemovals } = report;
  if (failedRemovals.count > 0)
    notes.push(`could not delete ${failedRemovals.count} file(s), first ${failedRemovals.first}`);
  const tail = notes.join('; ');
  if (freed.length === 0) return `nothing to free; ${tail}`;
  return `${report.dryRun ? 'would free' : 'freed'} ${sizeText(report.freedBytes)}: ${freed.join(', ')}; ${tail}`;
}
