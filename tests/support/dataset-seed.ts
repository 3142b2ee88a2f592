/**
 * Rows for route tests: a clip inserted straight into the dataset-studio tables (migration 3) with
 * its audio in the blob store, as the import pipeline would leave it, without running the pipeline.
 */
import { createHash } from 'node:crypto';
import type { BlobStore } from '@/lib/blobs';
import { newId } from '@/lib/datasets/ids';
import type { Clip } from '@/lib/datasets/model';
import type { Db } from '@/lib/db';

export interface SeedClip {
  audio: Uint8Array;
  fileName: string;
  format?: string;
  isRenderedModule?: boolean;
  sampleRate: number;
  channels: number;
  durationSeconds: number;
  status?: Clip['status'];
  caption?: string;
  licence?: string | null;
  attribution?: string | null;
  trim?: { start: number; end: number } | null;
  tags?: Partial<Clip['tags']>;
}

let position = 0;

export function seedClip(db: Db, blobs: BlobStore, datasetId: string, clip: SeedClip): string {
  const id = newId('clip');
  const audio = blobs.put(clip.audio, 'audio/wav');
  const caption = clip.caption ?? 'A cheerful square-wave melody with a bouncing bass line';
  const now = Date.now();
  position++;
  db.prepare(
    `INSERT INTO clips (id, dataset_id, position, file_name, source_path, source_sha256, source_media_type,
       audio_sha256, audio_media_type, peaks_sha256, format, is_rendered_module, sample_rate, channels,
       duration_seconds, status, caption, caption_sha256, caption_origin, tags_json, suggestions_json,
       licence, attribution, trim_start, trim_end, quality_level, quality_json, created_at, updated_at)
     VALUES (?, ?, ?, ?, NULL, ?, 'application/octet-stream', ?, 'audio/wav', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}',
       ?, ?, ?, ?, 'pass', '{"level":"pass","checks":[]}', ?, ?)`,
  ).run(
    id,
    datasetId,
    position,
    clip.fileName,
    createHash('sha256').update(`${id}:source`).digest('hex'),
    audio.sha256,
    '0'.repeat(64),
    clip.format ?? 'wav',
    clip.isRenderedModule ? 1 : 0,
    clip.sampleRate,
    clip.channels,
    clip.durationSeconds,
    clip.status ?? 'accepted',
    caption,
    createHash('sha256').update(caption).digest('hex'),
    caption ? 'human' : 'none',
    JSON.stringify({ moods: [], instruments: [], genre: null, bpm: null, key: null, ...clip.tags }),
    clip.licence === undefined ? 'CC-BY-4.0' : clip.licence,
    clip.attribution ?? null,
    clip.trim?.start ?? null,
    clip.trim?.end ?? null,
    now,
    now,
  );
  return id;
}
