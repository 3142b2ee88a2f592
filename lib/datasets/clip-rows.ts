/** The clips table's row shape and its conversion to the contract's Clip and ClipRow. */
import 'server-only';
import { createHash } from 'node:crypto';
import {
  type Clip,
  type ClipRow,
  clapPreviewSchema,
  qualityReportSchema,
  suggestionsSchema,
  tagsSchema,
} from './model';

export interface ClipDbRow {
  id: string;
  dataset_id: string;
  position: number;
  file_name: string;
  source_path: string | null;
  source_sha256: string;
  source_media_type: string;
  audio_sha256: string;
  audio_media_type: string;
  peaks_sha256: string;
  format: string;
  is_rendered_module: number;
  sample_rate: number;
  channels: number;
  duration_seconds: number;
  status: Clip['status'];
  report_reason: string | null;
  caption: string;
  caption_sha256: string;
  caption_origin: Clip['captionOrigin'];
  tags_json: string;
  suggestions_json: string;
  licence: string | null;
  attribution: string | null;
  trim_start: number | null;
  trim_end: number | null;
  quality_level: Clip['quality']['level'];
  quality_json: string;
  clap_json: string | null;
  clap_score: number | null;
  clap_caption_sha256: string | null;
  clap_trim_start: number | null;
  clap_trim_end: number | null;
  created_at: number;
  updated_at: number;
}

/** What a preview's captionHash is compared with: SHA-256 (hex) of the caption's UTF-8 bytes. */
export function captionHash(caption: string): string {
  return createHash('sha256').update(caption, 'utf8').digest('hex');
}

/** SQL for "the preview no longer matches the caption or trim" (IS NOT: NULL-safe comparison). */
export const CLAP_STALE_SQL = `(clap_json IS NOT NULL AND (clap_caption_sha256 IS NOT caption_sha256
  OR clap_trim_start IS NOT trim_start OR clap_trim_end IS NOT trim_end))`;

export function isClapStale(row: ClipDbRow): boolean {
  return (
    row.clap_json !== null &&
    (row.clap_caption_sha256 !== row.caption_sha256 ||
      row.clap_trim_start !== row.trim_start ||
      row.clap_trim_end !== row.trim_end)
  );
}

const trimOf = (start: number | null, end: number | null) =>
  start === null || end === null ? null : { start, end };

export function toClip(row: ClipDbRow): Clip {
  return {
    id: row.id,
    datasetId: row.dataset_id,
    position: row.position,
    fileName: row.file_name,
    sourcePath: row.source_path,
    sourceSha256: row.source_sha256,
    audioSha256: row.audio_sha256,
    format: row.format,
    isRenderedModule: row.is_rendered_module === 1,
    sampleRate: row.sample_rate,
    channels: row.channels,
    durationSeconds: row.duration_seconds,
    status: row.status,
    reportReason: row.report_reason,
    caption: row.caption,
    captionOrigin: row.caption_origin,
    tags: tagsSchema.parse(JSON.parse(row.tags_json)),
    suggestions: suggestionsSchema.parse(JSON.parse(row.suggestions_json)),
    licence: row.licence,
    attribution: row.attribution,
    trim: trimOf(row.trim_start, row.trim_end),
    quality: qualityReportSchema.parse(JSON.parse(row.quality_json)),
    clap: row.clap_json === null ? null : clapPreviewSchema.parse(JSON.parse(row.clap_json)),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The list's compact row: the columns it needs, with the stale flag computed in SQL. */
export interface ClipListDbRow {
  id: string;
  position: number;
  file_name: string;
  format: string;
  is_rendered_module: number;
  duration_seconds: number;
  status: Clip['status'];
  caption: string;
  caption_origin: Clip['captionOrigin'];
  licence: string | null;
  tags_json: string;
  quality_level: Clip['quality']['level'];
  clap_score: number | null;
  clap_stale: number;
}

export const CLIP_LIST_COLUMNS = `id, position, file_name, format, is_rendered_module, duration_seconds, status,
  caption, caption_origin, licence, tags_json, quality_level, clap_score, ${CLAP_STALE_SQL} AS clap_stale`;

export function toClipRow(row: ClipListDbRow): ClipRow {
  // Tags were validated on the way in; a plain parse keeps thousands of rows cheap.
  const tags = JSON.parse(row.tags_json) as ClipRow['tags'];
  return {
    id: row.id,
    position: row.position,
    fileName: row.file_name,
    format: row.format,
    isRenderedModule: row.is_rendered_module === 1,
    durationSeconds: row.duration_seconds,
    status: row.status,
    caption: row.caption,
    captionOrigin: row.caption_origin,
    licence: row.licence,
    tags,
    qualityLevel: row.quality_level,
    clapScore: row.clap_score,
    clapStale: row.clap_stale === 1,
  };
}
