/**
 * Garbage collection of the content-addressed blob store. Deleting a dataset or a clip removes
 * rows only (blobs are shared by content hash), so this removes what nothing references any more:
 *
 * - blobs no column in BLOB_REFERENCES names, in two phases: a pass records when it first finds a
 *   blob unreferenced (`unreferenced_since`, cleared if it is referenced again), and a blob goes
 *   (row and file) only once it has been unreferenced for the grace period. A download that
 *   started just before its dataset was deleted (a zip export, another viewer's player) finishes;
 * - files under `blobs/<aa>/` with no row (a crash between writing a file and its row), unless a
 *   referencing column names them: then their row is recorded again;
 * - unfinished `*.partial` writes in `blobs/incoming/` and beside targets (interrupted uploads,
 *   renders and puts).
 *
 * Nothing stored, modified or written within the grace period is touched either: an import stores
 * its bytes a moment before the row that references them, and that must never look like garbage.
 * That also covers a blob referenced again and dropped again between two passes (its mark is then
 * older than its latest use): every new reference comes from an import that stored the bytes.
 *
 * Safety against the server writing concurrently (same process or another one): a blob row is
 * deleted and its file unlinked inside one short IMMEDIATE transaction that re-checks "unreferenced
 * and old", and BlobStore records a put in the row before it looks at the file. So a referencing
 * row is never left without its file. A file that cannot be unlinked keeps its row (noted in the
 * run's failures; the run goes on).
 */
import path from 'node:path';
import { type BlobStore, isSha256Hex } from '../blobs';
import type { Db } from '../db';
import { BLOB_GC_SQL } from './blob-gc-sql';
import {
  addFreed,
  chunks,
  type FreedFiles,
  GRACE_MS,
  isStalePartial,
  type ListedFile,
  listFiles,
  listShardedFiles,
  noFailures,
  nothingFreed,
  type RemovalFailures,
  removeFiles,
  tryRemoveFile,
  yieldToRequests,
} from './files';

export interface BlobGcOptions {
  /** Report what would be freed and change nothing. */
  dryRun?: boolean;
  /** Only record which blobs are unreferenced (or referenced again) and since when; delete nothing. */
  markOnly?: boolean;
  now?: number;
  graceMs?: number;
  /** Where files that could not be deleted are noted (one summary per run). */
  failures?: RemovalFailures;
}

export interface BlobGcReport {
  /** Blobs unreferenced for the grace period: rows and files. */
  unreferenced: FreedFiles;
  /** Blobs nothing references that are kept until they have been unreferenced for the grace period. */
  awaitingGrace: FreedFiles;
  /** Files in the store with no row and no reference. */
  orphanFiles: FreedFiles;
  /** Files in the store with no row that a referencing column names: their rows were recorded again. */
  rowsRestored: number;
  /** Interrupted writes. */
  partialFiles: FreedFiles;
}

/**
 * Blobs per page, and so at most per write transaction: each costs a few index lookups and perhaps
 * an unlink, so the write lock is held for milliseconds and uploads never wait long for it.
 */
const PAGE = 250;

interface PageRow {
  sha256: string;
  size: number;
  storedAt: number;
  unreferencedSince: number | null;
  referenced: 0 | 1;
}

interface PagePlan {
  unmark: string[];
  mark: string[];
  remove: PageRow[];
}

const idsParam = (ids: readonly string[]) => JSON.stringify(ids);

interface PassOptions {
  now: number;
  cutoff: number;
  dryRun: boolean;
  markOnly: boolean;
  failures: RemovalFailures;
}

/** What one page of rows needs: marks set or cleared, and the blobs old enough to delete. */
function planPage(rows: readonly PageRow[], options: PassOptions, awaitingGrace: FreedFiles): PagePlan {
  const plan: PagePlan = { unmark: [], mark: [], remove: [] };
  for (const row of rows) {
    if (!isSha256Hex(row.sha256)) continue; // not a name the store writes; its file is not ours
    if (row.referenced) {
      if (row.unreferencedSince !== null) plan.unmark.push(row.sha256);
      continue;
    }
    if (row.unreferencedSince === null) plan.mark.push(row.sha256);
    const old =
      row.unreferencedSince !== null &&
      row.unreferencedSince < options.cutoff &&
      row.storedAt < options.cutoff;
    if (old && !options.markOnly) plan.remove.push(row);
    else addFreed(awaitingGrace, row.size);
  }
  return plan;
}

/** The two-phase pass over every row, a page at a time with requests served in between. */
async function collectUnreferenced(db: Db, store: BlobStore, options: PassOptions) {
  const unreferenced = nothingFreed();
  const awaitingGrace = nothingFreed();
  const page = db.prepare(BLOB_GC_SQL.page);
  const unmark = db.prepare(BLOB_GC_SQL.unmark);
  const mark = db.prepare(BLOB_GC_SQL.mark);
  const deletable = db.prepare(BLOB_GC_SQL.deletable);
  const remove = db.prepare(BLOB_GC_SQL.remove);
  const writePage = db.transaction((plan: PagePlan) => {
    if (plan.unmark.length > 0) unmark.run({ ids: idsParam(plan.unmark) });
    if (plan.mark.length > 0) mark.run({ ids: idsParam(plan.mark), now: options.now });
    if (plan.remove.length === 0) return [];
    const rows = deletable.all({
      ids: idsParam(plan.remove.map((row) => row.sha256)),
      cutoff: options.cutoff,
    }) as PageRow[];
    // Unlinked before the rows go, under the write lock: a file that stays keeps its row.
    const removed = rows.filter((row) => tryRemoveFile(store.pathFor(row.sha256), options.failures));
    remove.run({ ids: idsParam(removed.map((row) => row.sha256)) });
    return removed;
  });
  let after = '';
  for (;;) {
    const rows = page.all({ after, limit: PAGE }) as PageRow[];
    const last = rows.at(-1);
    if (!last) break;
    after = last.sha256;
    const plan = planPage(rows, options, awaitingGrace);
    const removed = options.dryRun ? plan.remove : writePage.immediate(plan);
    for (const row of removed) addFreed(unreferenced, row.size);
    await yieldToRequests();
  }
  return { unreferenced, awaitingGrace };
}

async function collectOrphans(db: Db, store: BlobStore, orphans: ListedFile[], options: PassOptions) {
  const orphanFiles = nothingFreed();
  let rowsRestored = 0;
  const hasRow = db.prepare(BLOB_GC_SQL.hasRow).pluck();
  const isReferenced = db.prepare(BLOB_GC_SQL.isReferenced).pluck();
  // Checked and unlinked under the write lock, so a put recording its row cannot slip in between.
  const checkBatch = db.transaction((files: ListedFile[]) => {
    for (const file of files) {
      if (hasRow.get({ sha256: file.name }) !== undefined) continue;
      if (isReferenced.get({ sha256: file.name })) {
        // A row names these bytes though the store lost their row (a crash in an older build, a
        // restored backup): they are needed, and served sizes come from the row.
        if (!options.dryRun) store.record(file.name, file.size);
        rowsRestored++;
      } else if (options.dryRun || tryRemoveFile(file.file, options.failures)) {
        addFreed(orphanFiles, file.size);
      }
    }
  });
  for (const batch of chunks(orphans, PAGE)) {
    (options.dryRun ? checkBatch : checkBatch.immediate)(batch);
    await yieldToRequests();
  }
  return { orphanFiles, rowsRestored };
}

/** Collects the blob store of `store` (see the file comment for what goes and what stays). */
export async function collectBlobs(
  db: Db,
  store: BlobStore,
  options: BlobGcOptions = {},
): Promise<BlobGcReport> {
  const now = options.now ?? Date.now();
  const pass: PassOptions = {
    now,
    cutoff: now - (options.graceMs ?? GRACE_MS),
    dryRun: options.dryRun ?? false,
    markOnly: options.markOnly ?? false,
    failures: options.failures ?? noFailures(),
  };
  const { unreferenced, awaitingGrace } = await collectUnreferenced(db, store, pass);
  if (pass.markOnly) {
    return {
      unreferenced,
      awaitingGrace,
      orphanFiles: nothingFreed(),
      rowsRestored: 0,
      partialFiles: nothingFreed(),
    };
  }

  const partials = listFiles(path.join(store.root, 'incoming')).filter((file) =>
    isStalePartial(file, pass.cutoff),
  );
  const orphans: ListedFile[] = [];
  for (const file of listShardedFiles(store.root)) {
    if (isStalePartial(file, pass.cutoff)) partials.push(file);
    // Only names the store itself writes there; anything else in the folder is not ours to delete.
    else if (isSha256Hex(file.name) && file.name.startsWith(file.shard) && file.mtimeMs < pass.cutoff)
      orphans.push(file);
  }
  const { orphanFiles, rowsRestored } = await collectOrphans(db, store, orphans, pass);
  const partialFiles = removeFiles(partials, pass.dryRun, pass.failures);
  return { unreferenced, awaitingGrace, orphanFiles, rowsRestored, partialFiles };
}
