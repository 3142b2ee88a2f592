/**
 * Garbage collection of the content-addressed blob store. Deleting a dataset or a clip removes
 * rows only (blobs are shared by content hash), so this removes what nothing references any more:
 *
 * - blobs no column in BLOB_REFERENCES names: row and file;
 * - files under `blobs/<aa>/` with no row (a crash between writing a file and its row);
 * - unfinished `*.partial` writes in `blobs/incoming/` and beside targets (interrupted uploads,
 *   renders and puts).
 *
 * Nothing stored, modified or written within GRACE_MS is touched: an import stores its bytes a
 * moment before the row that references them, and that moment must never look like garbage.
 *
 * Safety against the server writing concurrently (same process or another one): a blob row is
 * deleted and its file unlinked inside one IMMEDIATE transaction that re-checks "unreferenced and
 * old", and BlobStore records a put in the row before it looks at the file. So a referencing row is
 * never left without its file; a crash mid-batch can only leave an unreferenced row without a file,
 * which the next run deletes.
 */
import path from 'node:path';
import { type BlobStore, isSha256Hex } from '../blobs';
import type { Db } from '../db';
import { REFERENCED_BLOBS_SQL } from './blob-references';
import {
  addFreed,
  chunks,
  type FreedFiles,
  GRACE_MS,
  isStalePartial,
  type ListedFile,
  listFiles,
  listShardedFiles,
  nothingFreed,
  removeFile,
  removeFiles,
  yieldToRequests,
} from './files';

export interface BlobGcOptions {
  /** Report what would be freed and change nothing. */
  dryRun?: boolean;
  now?: number;
  graceMs?: number;
}

export interface BlobGcReport {
  /** Blobs nothing references: rows and files. */
  unreferenced: FreedFiles;
  /** Files in the store with no row. */
  orphanFiles: FreedFiles;
  /** Interrupted writes. */
  partialFiles: FreedFiles;
}

/** Rows per write transaction: short enough that uploads never wait long for the write lock. */
const BATCH = 500;

interface BlobRow {
  sha256: string;
  size: number;
}

async function collectUnreferenced(db: Db, store: BlobStore, cutoff: number, dryRun: boolean) {
  const freed = nothingFreed();
  const candidates = (
    db
      .prepare(
        `SELECT sha256, size FROM blobs WHERE stored_at < ? AND sha256 NOT IN (${REFERENCED_BLOBS_SQL})`,
      )
      .all(cutoff) as BlobRow[]
  ).filter((row) => isSha256Hex(row.sha256));
  if (dryRun) {
    for (const row of candidates) addFreed(freed, row.size);
    return freed;
  }
  // Re-checked inside the transaction: a blob may have been stored again or referenced since.
  const remove = db.prepare(
    `DELETE FROM blobs WHERE sha256 IN (SELECT value FROM json_each(?)) AND stored_at < ?
       AND sha256 NOT IN (${REFERENCED_BLOBS_SQL}) RETURNING sha256, size`,
  );
  const removeBatch = db.transaction((ids: string[]) => {
    const rows = remove.all(JSON.stringify(ids), cutoff) as BlobRow[];
    // Inside the transaction: an unlink that fails (other than "already gone") rolls the rows back.
    for (const row of rows) removeFile(store.pathFor(row.sha256));
    return rows;
  });
  for (const batch of chunks(candidates, BATCH)) {
    for (const row of removeBatch.immediate(batch.map((candidate) => candidate.sha256))) {
      addFreed(freed, row.size);
    }
    await yieldToRequests();
  }
  return freed;
}

async function collectOrphans(db: Db, orphans: ListedFile[], dryRun: boolean) {
  const freed = nothingFreed();
  const hasRow = db.prepare('SELECT 1 FROM blobs WHERE sha256 = ?').pluck();
  // Checked and unlinked under the write lock, so a put recording its row cannot slip in between.
  const removeBatch = db.transaction((files: ListedFile[]) => {
    const removed = files.filter((file) => hasRow.get(file.name) === undefined);
    if (!dryRun) for (const file of removed) removeFile(file.file);
    return removed;
  });
  for (const batch of chunks(orphans, BATCH)) {
    for (const file of (dryRun ? removeBatch : removeBatch.immediate)(batch)) addFreed(freed, file.size);
    await yieldToRequests();
  }
  return freed;
}

/** Collects the blob store of `store` (see the file comment for what goes and what stays). */
export async function collectBlobs(
  db: Db,
  store: BlobStore,
  options: BlobGcOptions = {},
): Promise<BlobGcReport> {
  const dryRun = options.dryRun ?? false;
  const cutoff = (options.now ?? Date.now()) - (options.graceMs ?? GRACE_MS);
  const unreferenced = await collectUnreferenced(db, store, cutoff, dryRun);

  const partials = listFiles(path.join(store.root, 'incoming')).filter((file) =>
    isStalePartial(file, cutoff),
  );
  const orphans: ListedFile[] = [];
  for (const file of listShardedFiles(store.root)) {
    if (isStalePartial(file, cutoff)) partials.push(file);
    // Only names the store itself writes there; anything else in the folder is not ours to delete.
    else if (isSha256Hex(file.name) && file.name.startsWith(file.shard) && file.mtimeMs < cutoff)
      orphans.push(file);
  }
  const orphanFiles = await collectOrphans(db, orphans, dryRun);

  return { unreferenced, orphanFiles, partialFiles: removeFiles(partials, dryRun) };
}
