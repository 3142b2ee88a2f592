/** Import jobs and items: row shapes, conversion to the contract, and the job's derived state. */
import 'server-only';
import type { Db } from '../db';
import type { ImportItem, ImportJob } from './model';

export type ItemState = ImportItem['state'];
export const ITEM_STATES: readonly ItemState[] = [
  'pending',
  'uploaded',
  'processing',
  'done',
  'duplicate',
  'failed',
];
export const IN_FLIGHT_SQL = "('pending', 'uploaded', 'processing')";

export interface ImportDbRow {
  id: string;
  dataset_id: string;
  kind: ImportJob['kind'];
  label: string;
  state: ImportJob['state'];
  error: string | null;
  created_at: number;
  updated_at: number;
}

export interface ItemDbRow {
  id: string;
  import_id: string;
  dataset_id: string;
  position: number;
  file_name: string;
  relative_path: string | null;
  size: number;
  sha256: string | null;
  caption: string | null;
  state: ItemState;
  error: string | null;
  clip_id: string | null;
  clip_position: number | null;
  blob_sha256: string | null;
  attempts: number;
  updated_at: number;
}

export function toImportItem(row: ItemDbRow): ImportItem {
  return {
    id: row.id,
    position: row.position,
    fileName: row.file_name,
    relativePath: row.relative_path,
    size: row.size,
    sha256: row.sha256,
    state: row.state,
    error: row.error,
    clipId: row.clip_id,
  };
}

export function findItem(db: Db, itemId: string): ItemDbRow | undefined {
  return db.prepare('SELECT * FROM import_items WHERE id = ?').get(itemId) as ItemDbRow | undefined;
}

function toJob(row: ImportDbRow, items: ItemDbRow[]): ImportJob {
  const counts = Object.fromEntries(ITEM_STATES.map((state) => [state, 0])) as Record<ItemState, number>;
  for (const item of items) counts[item.state]++;
  return {
    id: row.id,
    datasetId: row.dataset_id,
    kind: row.kind,
    label: row.label,
    state: row.state,
    error: row.error,
    counts,
    total: items.length,
    items: items.map(toImportItem),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function findImportJob(db: Db, importId: string): ImportJob | undefined {
  const row = db.prepare('SELECT * FROM imports WHERE id = ?').get(importId) as ImportDbRow | undefined;
  if (!row) return undefined;
  const items = db
    .prepare('SELECT * FROM import_items WHERE import_id = ? ORDER BY position')
    .all(importId) as ItemDbRow[];
  return toJob(row, items);
}

/** A dataset's imports, most recent first, with their items (one query each for jobs and items). */
export function listImportJobs(db: Db, datasetId: string): ImportJob[] {
  const jobs = db
    .prepare('SELECT * FROM imports WHERE dataset_id = ? ORDER BY created_at DESC, rowid DESC')
    .all(datasetId) as ImportDbRow[];
  const items = db
    .prepare('SELECT * FROM import_items WHERE dataset_id = ? ORDER BY import_id, position')
    .all(datasetId) as ItemDbRow[];
  const byJob = new Map<string, ItemDbRow[]>();
  for (const item of items) {
    const list = byJob.get(item.import_id) ?? [];
    list.push(item);
    byJob.set(item.import_id, list);
  }
  return jobs.map((job) => toJob(job, byJob.get(job.id) ?? []));
}

/**
 * A job is running while any item is pending, uploaded or processing; then done, or failed when
 * every single item failed (duplicates count as handled, not as failures).
 */
export function refreshImportState(db: Db, importId: string, now = Date.now()): void {
  const row = db
    .prepare(
      `SELECT count(*) AS total, sum(state IN ${IN_FLIGHT_SQL}) AS active, sum(state = 'failed') AS failed
       FROM import_items WHERE import_id = ?`,
    )
    .get(importId) as { total: number; active: number | null; failed: number | null };
  const active = row.active ?? 0;
  const failed = row.failed ?? 0;
  const state = active > 0 ? 'running' : row.total > 0 && failed === row.total ? 'failed' : 'done';
  const error =
    state === 'failed' ? 'No file in this import could be imported; see each file for the reason.' : null;
  db.prepare('UPDATE imports SET state = ?, error = ?, updated_at = ? WHERE id = ?').run(
    state,
    error,
    now,
    importId,
  );
}
