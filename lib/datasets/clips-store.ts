/** Clips: reads, the miner's edits (single and bulk), deletion, CLAP previews and embeddings. */
import 'server-only';
import type { z } from 'zod';
import type { Db } from '../db';
import { PublicError } from '../http/errors';
import { notFound } from './access';
import { type ClipDbRow, captionHash, toClip } from './clip-rows';
import { touchDataset } from './datasets-store';
import {
  type bulkClipRequestSchema,
  type Clip,
  type ClipTags,
  type clapPreviewRequestSchema,
  tagsSchema,
  type UpdateClipRequest,
} from './model';

export function findClipRow(db: Db, id: string): ClipDbRow | undefined {
  return db.prepare('SELECT * FROM clips WHERE id = ?').get(id) as ClipDbRow | undefined;
}

export function getClip(db: Db, id: string): Clip {
  const row = findClipRow(db, id);
  if (!row) throw notFound('clip');
  return toClip(row);
}

/** Every clip of a dataset in position order, in full (for exports and server components). */
export function listClips(db: Db, datasetId: string): Clip[] {
  return (
    db.prepare('SELECT * FROM clips WHERE dataset_id = ? ORDER BY position').all(datasetId) as ClipDbRow[]
  ).map(toClip);
}

/** Lower-cased, trimmed, de-duplicated labels in their first-seen order. */
function cleanLabels(labels: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const label of labels) {
    const clean = label.trim().replace(/\s+/g, ' ').toLowerCase();
    if (clean && !seen.has(clean)) {
      seen.add(clean);
      out.push(clean);
    }
  }
  return out;
}

function mergeTags(current: ClipTags, patch: NonNullable<UpdateClipRequest['tags']>): ClipTags {
  const merged: ClipTags = { ...current };
  if (patch.moods !== undefined) merged.moods = cleanLabels(patch.moods);
  if (patch.instruments !== undefined) merged.instruments = cleanLabels(patch.instruments);
  if (patch.genre !== undefined) merged.genre = patch.genre?.trim() || null;
  if (patch.bpm !== undefined) merged.bpm = patch.bpm === null ? null : Math.round(patch.bpm * 10) / 10;
  if (patch.key !== undefined) merged.key = patch.key?.trim() || null;
  return tagsSchema.parse(merged);
}

const optionalText = (value: string | null | undefined, current: string | null) =>
  value === undefined ? current : value === null ? null : value.trim() || null;

export function updateClip(db: Db, id: string, patch: UpdateClipRequest, now = Date.now()): Clip {
  const row = findClipRow(db, id);
  if (!row) throw notFound('clip');
  if (patch.trim && patch.trim.end > row.duration_seconds + 1e-3) {
    throw new PublicError(
      'invalid_request',
      `The trim ends at ${patch.trim.end.toFixed(2)} s, after the end of the clip (${row.duration_seconds.toFixed(2)} s).`,
    );
  }
  const caption = patch.caption === undefined ? row.caption : patch.caption.trim();
  let origin = patch.captionOrigin ?? (caption !== row.caption ? 'human' : row.caption_origin);
  if (caption === '') origin = 'none';
  else if (origin === 'none') origin = 'human';
  const status = patch.status ?? row.status;
  const reportReason = status === 'reported' ? optionalText(patch.reportReason, row.report_reason) : null;
  const tags = patch.tags ? mergeTags(JSON.parse(row.tags_json) as ClipTags, patch.tags) : null;
  const trim = patch.trim === undefined ? undefined : patch.trim;
  db.prepare(
    `UPDATE clips SET status = ?, report_reason = ?, caption = ?, caption_sha256 = ?, caption_origin = ?,
       tags_json = coalesce(?, tags_json), licence = ?, attribution = ?,
       trim_start = CASE WHEN ? THEN ? ELSE trim_start END, trim_end = CASE WHEN ? THEN ? ELSE trim_end END,
       updated_at = ? WHERE id = ?`,
  ).run(
    status,
    reportReason,
    caption,
    captionHash(caption),
    origin,
    tags && JSON.stringify(tags),
    optionalText(patch.licence, row.licence),
    optionalText(patch.attribution, row.attribution),
    trim === undefined ? 0 : 1,
    trim?.start ?? null,
    trim === undefined ? 0 : 1,
    trim?.end ?? null,
    now,
    id,
  );
  touchDataset(db, row.dataset_id, now);
  return getClip(db, id);
}

/** Applies one status/licence/attribution change to many clips of a dataset; ids of other datasets are ignored. */
export function bulkUpdateClips(
  db: Db,
  datasetId: string,
  request: z.infer<typeof bulkClipRequestSchema>,
  now = Date.now(),
): number {
  const { patch } = request;
  const sets: string[] = [];
  const params: (string | number | null)[] = [];
  if (patch.status !== undefined) {
    sets.push('status = ?', "report_reason = CASE WHEN ? = 'reported' THEN report_reason ELSE NULL END");
    params.push(patch.status, patch.status);
  }
  if (patch.licence !== undefined) {
    sets.push('licence = ?');
    params.push(optionalText(patch.licence, null));
  }
  if (patch.attribution !== undefined) {
    sets.push('attribution = ?');
    params.push(optionalText(patch.attribution, null));
  }
  if (sets.length === 0)
    throw new PublicError('invalid_request', 'Nothing to change: give a status, licence or attribution.');
  const result = db
    .prepare(
      `UPDATE clips SET ${sets.join(', ')}, updated_at = ?
       WHERE dataset_id = ? AND id IN (SELECT value FROM json_each(?))`,
    )
    .run(...params, now, datasetId, JSON.stringify(request.ids));
  if (result.changes > 0) touchDataset(db, datasetId, now);
  return result.changes;
}

export function deleteClip(db: Db, id: string, now = Date.now()): void {
  const row = findClipRow(db, id);
  if (!row) throw notFound('clip');
  db.prepare('DELETE FROM clips WHERE id = ?').run(id);
  touchDataset(db, row.dataset_id, now);
}

export const EMBEDDING_DIMENSIONS = 512;

/** Stores the browser's CLAP preview and its unit audio embedding (512 float32s, little-endian). */
export function setClapPreview(
  db: Db,
  id: string,
  request: z.infer<typeof clapPreviewRequestSchema>,
  now = Date.now(),
): Clip {
  const row = findClipRow(db, id);
  if (!row) throw notFound('clip');
  let norm = 0;
  for (const value of request.embedding) {
    if (!Number.isFinite(value))
      throw new PublicError('invalid_request', 'The embedding contains a value that is not a finite number.');
    norm += value * value;
  }
  norm = Math.sqrt(norm);
  if (Math.abs(norm - 1) > 1e-2) {
    throw new PublicError(
      'invalid_request',
      `The embedding must be unit length (its norm is ${norm.toFixed(4)}); send the L2-normalised audio embedding.`,
    );
  }
  const { embedding, ...preview } = request;
  const blob = Buffer.alloc(EMBEDDING_DIMENSIONS * 4);
  embedding.forEach((value, i) => {
    blob.writeFloatLE(value, i * 4);
  });
  db.transaction(() => {
    db.prepare(
      `UPDATE clips SET clap_json = ?, clap_score = ?, clap_caption_sha256 = ?, clap_trim_start = ?,
         clap_trim_end = ?, updated_at = ? WHERE id = ?`,
    ).run(
      JSON.stringify({ ...preview, updatedAt: now }),
      preview.score,
      preview.captionHash,
      preview.trim?.start ?? null,
      preview.trim?.end ?? null,
      now,
      id,
    );
    db.prepare(
      `INSERT INTO clip_embeddings (clip_id, model, embedding, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (clip_id) DO UPDATE SET model = excluded.model, embedding = excluded.embedding,
         updated_at = excluded.updated_at`,
    ).run(id, preview.model, blob, now);
    touchDataset(db, row.dataset_id, now);
  })();
  return getClip(db, id);
}

export interface ClipEmbedding {
  id: string;
  model: string;
  embedding: number[];
}

/** Embeddings of every clip in the dataset that has a CLAP preview, in position order. */
export function listEmbeddings(db: Db, datasetId: string): ClipEmbedding[] {
  const rows = db
    .prepare(
      `SELECT e.clip_id, e.model, e.embedding FROM clip_embeddings e JOIN clips c ON c.id = e.clip_id
       WHERE c.dataset_id = ? ORDER BY c.position`,
    )
    .all(datasetId) as { clip_id: string; model: string; embedding: Buffer }[];
  return rows.map((row) => ({
    id: row.clip_id,
    model: row.model,
    embedding: Array.from({ length: EMBEDDING_DIMENSIONS }, (_, i) => row.embedding.readFloatLE(i * 4)),
  }));
}
