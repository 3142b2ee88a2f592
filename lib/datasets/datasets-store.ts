/**
 * Datasets: rows → DatasetSummary (with stats), and the list/create/update/delete operations the
 * routes and server components use. Visibility and ownership are decided in access.ts; functions
 * here trust their caller to have checked.
 */
import 'server-only';
import type { z } from 'zod';
import type { Db } from '../db';
import { newId } from './ids';
import {
  CLIP_STATUSES,
  type ClipStatus,
  type createDatasetRequestSchema,
  type DatasetSummary,
  QUALITY_LEVELS,
  type QualityLevel,
  type updateDatasetRequestSchema,
} from './model';

export interface DatasetRecord {
  id: string;
  owner: string;
  ownerName: string | null;
  name: string;
  description: string;
  visibility: 'private' | 'shared';
  createdAt: number;
  updatedAt: number;
}

interface DatasetDbRow {
  id: string;
  owner: string;
  owner_name: string | null;
  name: string;
  description: string;
  visibility: 'private' | 'shared';
  created_at: number;
  updated_at: number;
}

const SELECT_DATASET = `SELECT d.id, d.owner, a.display_name AS owner_name, d.name, d.description, d.visibility,
  d.created_at, d.updated_at FROM datasets d JOIN accounts a ON a.address = d.owner`;

function toRecord(row: DatasetDbRow): DatasetRecord {
  return {
    id: row.id,
    owner: row.owner,
    ownerName: row.owner_name,
    name: row.name,
    description: row.description,
    visibility: row.visibility,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function findDataset(db: Db, id: string): DatasetRecord | undefined {
  const row = db.prepare(`${SELECT_DATASET} WHERE d.id = ?`).get(id) as DatasetDbRow | undefined;
  return row && toRecord(row);
}

type DatasetStats = DatasetSummary['stats'];

interface StatsDbRow {
  dataset_id: string;
  clips: number;
  total_seconds: number | null;
  captioned: number;
  licensed: number;
  scored: number;
  mean_score: number | null;
  status_new: number;
  status_accepted: number;
  status_skipped: number;
  status_reported: number;
  quality_pass: number;
  quality_warn: number;
  quality_fail: number;
}

export function emptyStats(): DatasetStats {
  return {
    clips: 0,
    byStatus: Object.fromEntries(CLIP_STATUSES.map((s) => [s, 0])) as Record<ClipStatus, number>,
    totalSeconds: 0,
    captioned: 0,
    licensed: 0,
    scored: 0,
    meanScore: null,
    quality: Object.fromEntries(QUALITY_LEVELS.map((q) => [q, 0])) as Record<QualityLevel, number>,
  };
}

/** One aggregate pass over the clips of the given datasets (uses the dataset_id indexes). */
export function datasetStats(db: Db, ids: readonly string[]): Map<string, DatasetStats> {
  const out = new Map<string, DatasetStats>(ids.map((id) => [id, emptyStats()]));
  if (ids.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT dataset_id, count(*) AS clips, sum(duration_seconds) AS total_seconds,
        sum(caption <> '') AS captioned, sum(licence IS NOT NULL) AS licensed,
        count(clap_score) AS scored, avg(clap_score) AS mean_score,
        sum(status = 'new') AS status_new, sum(status = 'accepted') AS status_accepted,
        sum(status = 'skipped') AS status_skipped, sum(status = 'reported') AS status_reported,
        sum(quality_level = 'pass') AS quality_pass, sum(quality_level = 'warn') AS quality_warn,
        sum(quality_level = 'fail') AS quality_fail
       FROM clips WHERE dataset_id IN (SELECT value FROM json_each(?)) GROUP BY dataset_id`,
    )
    .all(JSON.stringify(ids)) as StatsDbRow[];
  for (const row of rows) {
    out.set(row.dataset_id, {
      clips: row.clips,
      byStatus: {
        new: row.status_new,
        accepted: row.status_accepted,
        skipped: row.status_skipped,
        reported: row.status_reported,
      },
      totalSeconds: Math.round((row.total_seconds ?? 0) * 1000) / 1000,
      captioned: row.captioned,
      licensed: row.licensed,
      scored: row.scored,
      meanScore: row.mean_score,
      quality: { pass: row.quality_pass, warn: row.quality_warn, fail: row.quality_fail },
    });
  }
  return out;
}

export function toSummary(record: DatasetRecord, stats: DatasetStats, viewer: string | null): DatasetSummary {
  return {
    id: record.id,
    owner: record.owner,
    ownerName: record.ownerName,
    name: record.name,
    description: record.description,
    visibility: record.visibility,
    isOwner: viewer !== null && viewer === record.owner,
    stats,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

export function summarize(db: Db, record: DatasetRecord, viewer: string | null): DatasetSummary {
  return toSummary(record, datasetStats(db, [record.id]).get(record.id) ?? emptyStats(), viewer);
}

/** The viewer's own datasets and everyone else's shared ones, most recently changed first. */
export function listDatasets(
  db: Db,
  viewer: string | null,
): { mine: DatasetSummary[]; shared: DatasetSummary[] } {
  const mine = viewer
    ? (db
        .prepare(`${SELECT_DATASET} WHERE d.owner = ? ORDER BY d.updated_at DESC`)
        .all(viewer) as DatasetDbRow[])
    : [];
  const shared = db
    .prepare(
      `${SELECT_DATASET} WHERE d.visibility = 'shared' AND d.owner IS NOT ? ORDER BY d.updated_at DESC`,
    )
    .all(viewer) as DatasetDbRow[];
  const records = [...mine, ...shared].map(toRecord);
  const stats = datasetStats(
    db,
    records.map((r) => r.id),
  );
  const summary = (record: DatasetRecord) => toSummary(record, stats.get(record.id) ?? emptyStats(), viewer);
  return {
    mine: records.slice(0, mine.length).map(summary),
    shared: records.slice(mine.length).map(summary),
  };
}

export function createDataset(
  db: Db,
  owner: string,
  input: z.infer<typeof createDatasetRequestSchema>,
  now = Date.now(),
): DatasetRecord {
  const id = newId('ds');
  db.prepare(
    `INSERT INTO datasets (id, owner, name, description, visibility, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'private', ?, ?)`,
  ).run(id, owner, input.name, input.description ?? '', now, now);
  const record = findDataset(db, id);
  if (!record) throw new Error(`Dataset ${id} vanished right after it was created.`);
  return record;
}

export function updateDataset(
  db: Db,
  id: string,
  patch: z.infer<typeof updateDatasetRequestSchema>,
  now = Date.now(),
): DatasetRecord {
  db.prepare(
    `UPDATE datasets SET name = coalesce(?, name), description = coalesce(?, description),
       visibility = coalesce(?, visibility), updated_at = ? WHERE id = ?`,
  ).run(patch.name ?? null, patch.description ?? null, patch.visibility ?? null, now, id);
  const record = findDataset(db, id);
  if (!record) throw new Error(`Dataset ${id} vanished during an update.`);
  return record;
}

/**
 * Deletes the dataset; its clips, embeddings, imports and import items go with it (ON DELETE
 * CASCADE). Blobs are content-addressed and may be shared with other datasets, so they stay until
 * storage housekeeping (lib/storage/blob-gc.ts) finds them referenced by nothing.
 */
export function deleteDataset(db: Db, id: string): void {
  db.prepare('DELETE FROM datasets WHERE id = ?').run(id);
}

/** Marks the dataset as changed (the list is ordered by it). */
export function touchDataset(db: Db, id: string, now = Date.now()): void {
  db.prepare('UPDATE datasets SET updated_at = max(updated_at, ?) WHERE id = ?').run(now, id);
}
