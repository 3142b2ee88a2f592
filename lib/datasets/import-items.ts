/**
 * An import item's life after creation: bytes received → queued (uploaded) → processing → done /
 * duplicate / failed, and back through retry. The processing queue *is* the import_items table
 * (state 'uploaded'), so it survives a restart: recoverInterrupted() puts items that were being
 * processed when the server stopped back in the queue.
 */
import 'server-only';
import type { Db } from '../db';
import { captionHash } from './clip-rows';
import { touchDataset } from './datasets-store';
import { newId } from './ids';
import { findItem, type ItemDbRow, refreshImportState } from './import-rows';
import { type ClipSuggestions, type QualityReport, suggestionsSchema, tagsSchema } from './model';

function duplicateOf(
  db: Db,
  datasetId: string,
  sha256: string,
): { id: string; file_name: string } | undefined {
  return db
    .prepare('SELECT id, file_name FROM clips WHERE dataset_id = ? AND source_sha256 = ?')
    .get(datasetId, sha256) as { id: string; file_name: string } | undefined;
}

const duplicateMessage = (fileName: string) => `Already in this dataset as "${fileName}" (same content).`;

/**
 * The bytes are stored (blob `blobSha256`): queue the item, or settle it as a duplicate. An item
 * keeps `blob_sha256` only while something may still read it (processing, and a retry of a failed
 * item); once settled done or duplicate it is cleared, because the bytes belong to a clip (its
 * source) and the item's reference would keep them in storage after that clip is deleted.
 */
export function markReceived(db: Db, item: ItemDbRow, blobSha256: string, now = Date.now()): void {
  db.transaction(() => {
    const clip = duplicateOf(db, item.dataset_id, blobSha256);
    if (clip) {
      db.prepare(
        `UPDATE import_items SET state = 'duplicate', error = ?, clip_id = ?, sha256 = ?, blob_sha256 = NULL,
           updated_at = ? WHERE id = ?`,
      ).run(duplicateMessage(clip.file_name), clip.id, blobSha256, now, item.id);
    } else {
      db.prepare(
        `UPDATE import_items SET state = 'uploaded', error = NULL, sha256 = ?, blob_sha256 = ?, updated_at = ?
         WHERE id = ?`,
      ).run(blobSha256, blobSha256, now, item.id);
    }
    refreshImportState(db, item.import_id, now);
  })();
}

/** Takes the oldest queued item for processing, or undefined when the queue is empty. */
export function claimNextItem(db: Db, now = Date.now()): ItemDbRow | undefined {
  return db
    .prepare(
      `UPDATE import_items SET state = 'processing', attempts = attempts + 1, updated_at = ?
       WHERE id = (SELECT id FROM import_items WHERE state = 'uploaded' ORDER BY updated_at, rowid LIMIT 1)
       RETURNING *`,
    )
    .get(now) as ItemDbRow | undefined;
}

export interface ProcessedItem {
  sourceMediaType: string;
  audioSha256: string;
  audioMediaType: string;
  peaksSha256: string;
  format: string;
  isRenderedModule: boolean;
  sampleRate: number;
  channels: number;
  durationSeconds: number;
  quality: QualityReport;
  bpm: number | null;
}

/**
 * Creates the clip for a processed item, or settles it as a duplicate when the same content became
 * a clip meanwhile (two imports racing). Returns the clip id, or null when the item is gone (its
 * dataset was deleted while it was processing) or settled as a duplicate.
 */
export function completeItem(db: Db, itemId: string, result: ProcessedItem, now = Date.now()): string | null {
  return db.transaction(() => {
    const item = findItem(db, itemId);
    if (item?.state !== 'processing' || !item.blob_sha256) return null;
    const clip = duplicateOf(db, item.dataset_id, item.blob_sha256);
    if (clip) {
      db.prepare(
        `UPDATE import_items SET state = 'duplicate', error = ?, clip_id = ?, blob_sha256 = NULL, updated_at = ?
         WHERE id = ?`,
      ).run(duplicateMessage(clip.file_name), clip.id, now, itemId);
      refreshImportState(db, item.import_id, now);
      return null;
    }
    const clipId = newId('clip');
    const caption = item.caption ?? '';
    const suggestions: ClipSuggestions = suggestionsSchema.parse({ bpm: result.bpm });
    db.prepare(
      `INSERT INTO clips (id, dataset_id, position, file_name, source_path, source_sha256, source_media_type,
         audio_sha256, audio_media_type, peaks_sha256, format, is_rendered_module, sample_rate, channels,
         duration_seconds, caption, caption_sha256, caption_origin, tags_json, suggestions_json,
         quality_level, quality_json, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      clipId,
      item.dataset_id,
      item.clip_position ?? item.position,
      item.file_name,
      item.relative_path,
      item.blob_sha256,
      result.sourceMediaType,
      result.audioSha256,
      result.audioMediaType,
      result.peaksSha256,
      result.format,
      result.isRenderedModule ? 1 : 0,
      result.sampleRate,
      result.channels,
      result.durationSeconds,
      caption,
      captionHash(caption),
      caption ? 'imported' : 'none',
      JSON.stringify(tagsSchema.parse({})),
      JSON.stringify(suggestions),
      result.quality.level,
      JSON.stringify(result.quality),
      now,
      now,
    );
    db.prepare(
      `UPDATE import_items SET state = 'done', error = NULL, clip_id = ?, blob_sha256 = NULL, updated_at = ?
       WHERE id = ?`,
    ).run(clipId, now, itemId);
    refreshImportState(db, item.import_id, now);
    touchDataset(db, item.dataset_id, now);
    return clipId;
  })();
}

/** Marks an item failed with a sentence for the miner; `dropBytes` forgets the stored upload (retry re-uploads). */
export function failItem(
  db: Db,
  itemId: string,
  message: string,
  options: { dropBytes?: boolean } = {},
  now = Date.now(),
): void {
  db.transaction(() => {
    const item = findItem(db, itemId);
    if (!item) return;
    db.prepare(
      `UPDATE import_items SET state = 'failed', error = ?, blob_sha256 = CASE WHEN ? THEN NULL ELSE blob_sha256 END,
         updated_at = ? WHERE id = ?`,
    ).run(message, options.dropBytes ? 1 : 0, now, itemId);
    refreshImportState(db, item.import_id, now);
  })();
}

/**
 * Re-queues a failed item from its stored bytes, or returns it to 'pending' (for the browser to
 * upload again) when none were received or they are gone. Returns the new state.
 */
export function retryItem(
  db: Db,
  item: ItemDbRow,
  bytesAvailable: boolean,
  now = Date.now(),
): 'uploaded' | 'pending' {
  const state = item.blob_sha256 && bytesAvailable ? 'uploaded' : 'pending';
  db.transaction(() => {
    db.prepare(
      `UPDATE import_items SET state = ?, error = NULL, attempts = 0,
         blob_sha256 = CASE WHEN ? = 'pending' THEN NULL ELSE blob_sha256 END, updated_at = ? WHERE id = ?`,
    ).run(state, state, now, item.id);
    refreshImportState(db, item.import_id, now);
  })();
  return state;
}

/** After this many interrupted attempts an item is failed rather than re-queued (it may be what stops the server). */
export const MAX_ATTEMPTS = 3;

/** At start-up: items caught mid-processing by a stop go back in the queue. Returns how many are queued. */
export function recoverInterrupted(db: Db, now = Date.now()): number {
  return db.transaction(() => {
    const stuck = db
      .prepare(`SELECT id, import_id FROM import_items WHERE state = 'processing' AND attempts >= ?`)
      .all(MAX_ATTEMPTS) as { id: string; import_id: string }[];
    for (const item of stuck) {
      db.prepare(`UPDATE import_items SET state = 'failed', error = ?, updated_at = ? WHERE id = ?`).run(
        `Processing this file was interrupted ${MAX_ATTEMPTS} times; retry it, and if it keeps failing, re-export the file.`,
        now,
        item.id,
      );
      refreshImportState(db, item.import_id, now);
    }
    db.prepare(`UPDATE import_items SET state = 'uploaded', updated_at = ? WHERE state = 'processing'`).run(
      now,
    );
    const { queued } = db
      .prepare(`SELECT count(*) AS queued FROM import_items WHERE state = 'uploaded'`)
      .get() as { queued: number };
    return queued;
  })();
}
