/**
 * One storage housekeeping pass over a data directory: blob garbage collection (blob-gc.ts), then
 * the export cache budget (export-cache-gc.ts). Plain inputs (no config or global connection), so
 * the server's scheduler, tests and a command-line tool can all run it on any data directory.
 */
import { BlobStore } from '../blobs';
import type { Db } from '../db';
import { type BlobGcReport, collectBlobs } from './blob-gc';
import { type ExportCacheGcReport, evictExportCache } from './export-cache-gc';
import type { FreedFiles } from './files';
import { exportCacheDir } from './paths';

export interface HousekeepingOptions {
  dataDir: string;
  db: Db;
  exportCacheMaxBytes: number;
  /** True for an export render key this process is writing now. */
  isRendering?: (key: string) => boolean;
  dryRun?: boolean;
  now?: number;
  graceMs?: number;
}

export interface HousekeepingReport {
  dryRun: boolean;
  blobs: BlobGcReport;
  exportCache: ExportCacheGcReport;
  /** Bytes freed (or, in a dry run, that would be freed) in all. */
  freedBytes: number;
}

export async function runHousekeeping(options: HousekeepingOptions): Promise<HousekeepingReport> {
  const shared = { dryRun: options.dryRun, now: options.now, graceMs: options.graceMs };
  const blobs = await collectBlobs(options.db, new BlobStore(options.dataDir, options.db), shared);
  const exportCache = evictExportCache(exportCacheDir(options.dataDir), {
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
  };
}

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
  const cache = `export cache ${sizeText(exportCache.bytesAfter)}`;
  if (freed.length === 0) return `nothing to free; ${cache}`;
  return `${report.dryRun ? 'would free' : 'freed'} ${sizeText(report.freedBytes)}: ${freed.join(', ')}; ${cache}`;
}
