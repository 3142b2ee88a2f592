/**
 * Reads an uploaded zip for import: classifies every entry (lib/datasets/client/import-entries.ts),
 * refuses unsafe or oversized ones without inflating them, reads captions from metadata files, and
 * hands each good audio entry (bytes + SHA-256) to `onEntry` one at a time. A damaged entry is
 * refused on its own; only an unreadable directory fails the whole zip.
 */
import { checkImportLimits, classifyEntry } from './import-entries';
import { type MetadataCaptions, readMetadataCaptions } from './import-metadata';
import { sha256Hex } from './sha256';
import { type ReadRange, readZipDirectory, readZipEntry, type ZipEntry } from './zip-reader';

/** Metadata files are small text; anything bigger is not a caption table we should parse. */
const MAX_METADATA_BYTES = 32 * 1024 * 1024;

export interface ZipScanHandlers {
  onEntry(entry: { path: string; fileName: string; sha256: string; bytes: Uint8Array<ArrayBuffer> }): void;
  onRefused(path: string, reason: string): void;
  onProgress(done: number, total: number): void;
}

export interface ZipScanResult {
  captions: Map<string, string>;
  warnings: string[];
  skipped: number;
}

export class ZipImportError extends Error {
  override name = 'ZipImportError';
}

export async function scanZip(
  read: ReadRange,
  size: number,
  handlers: ZipScanHandlers,
): Promise<ZipScanResult> {
  const entries = await readZipDirectory(read, size);
  const audio: { entry: ZipEntry; path: string; fileName: string; size: number }[] = [];
  const metadata: { entry: ZipEntry; path: string; format: 'jsonl' | 'csv' }[] = [];
  let skipped = 0;
  for (const entry of entries) {
    const verdict = classifyEntry(entry);
    if (verdict.kind === 'audio')
      audio.push({ entry, path: verdict.path, fileName: verdict.fileName, size: entry.size });
    else if (verdict.kind === 'metadata')
      metadata.push({ entry, path: verdict.path, format: verdict.format });
    else if (verdict.kind === 'reject') handlers.onRefused(verdict.path, verdict.reason);
    else skipped++;
  }
  const limits = checkImportLimits(audio);
  if (limits.fatal) throw new ZipImportError(limits.fatal);
  for (const problem of limits.refused) handlers.onRefused(problem.path, problem.reason);

  const found: MetadataCaptions = { captions: new Map(), warnings: [] };
  for (const { entry, path, format } of metadata) {
    if (entry.size > MAX_METADATA_BYTES) {
      found.warnings.push(`${path} is over 32 MB, so its captions were not read.`);
      continue;
    }
    try {
      const text = new TextDecoder('utf-8').decode(await readZipEntry(read, entry));
      readMetadataCaptions(path, text, format, found);
    } catch (error) {
      found.warnings.push(`${path} could not be read: ${(error as Error).message}.`);
    }
  }

  const total = limits.accepted.length;
  handlers.onProgress(0, total);
  let done = 0;
  for (const { entry, path, fileName } of limits.accepted) {
    try {
      const bytes = await readZipEntry(read, entry);
      // A fresh, exactly-sized buffer: it is transferred to the page, and hashing needs an ArrayBuffer.
      const own =
        bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
      const exact = new Uint8Array(own.buffer as ArrayBuffer, 0, own.byteLength);
      handlers.onEntry({ path, fileName, sha256: await sha256Hex(exact), bytes: exact });
    } catch (error) {
      handlers.onRefused(path, `it could not be read: ${(error as Error).message}`);
    }
    handlers.onProgress(++done, total);
  }
  return { captions: found.captions, warnings: found.warnings, skipped };
}
