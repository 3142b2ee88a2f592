/**
 * The dataset studio's domain model and HTTP contract, shared by the server (routes, data access,
 * import pipeline), the browser (import client, review UI, CLAP preview, publishing) and tests.
 * Everything that crosses a boundary is a zod schema here; types are inferred from them.
 *
 * Routes (all JSON unless noted; every mutation checks Origin + session and that the signed-in
 * account owns the dataset; reads of a `shared` dataset are open to anyone, of a `private` one only
 * to its owner — others get 404, never 403, so private dataset ids do not leak):
 *
 *   GET    /api/datasets                              → DatasetListResponse (mine + shared by others)
 *   POST   /api/datasets                              CreateDatasetRequest → DatasetSummary
 *   GET    /api/datasets/:id                          → DatasetSummary (with stats)
 *   PATCH  /api/datasets/:id                          UpdateDatasetRequest → DatasetSummary
 *   DELETE /api/datasets/:id                          → { ok: true }
 *   GET    /api/datasets/:id/clips?<ClipQuery>        → ClipListResponse (compact rows, filtered/sorted)
 *   GET    /api/clips/:id                             → Clip
 *   PATCH  /api/clips/:id                             UpdateClipRequest → Clip
 *   POST   /api/datasets/:id/clips/bulk               BulkClipRequest → { updated: number }
 *   DELETE /api/clips/:id                             → { ok: true }
 *   GET    /api/clips/:id/audio                       → audio bytes (Range supported; rendered WAV for modules)
 *   GET    /api/clips/:id/source                      → the file as imported (e.g. the .mod)
 *   GET    /api/clips/:id/peaks                       → Peaks
 *   PUT    /api/clips/:id/clap                        ClapPreviewRequest → Clip (stores a browser CLAP preview)
 *   PUT    /api/clips/:id/suggestions                 ClipSuggestions → Clip (machine suggestions; never touches caption/tags)
 *   POST   /api/datasets/:id/imports                  CreateImportRequest → ImportJob (files or zip entries)
 *   POST   /api/datasets/:id/imports/hub              HubImportRequest → ImportJob (server downloads)
 *   GET    /api/datasets/:id/imports                  → { imports: ImportJob[] } (most recent first)
 *   GET    /api/imports/:id                           → ImportJob (poll with react-query refetchInterval)
 *   PUT    /api/imports/:id/items/:itemId             raw bytes (application/octet-stream) → ImportItem
 *   POST   /api/imports/:id/items/:itemId/retry       → ImportItem
 *   GET    /api/datasets/:id/export?format=audiofolder|audiocraft  → application/zip (409 ExportBlocked)
 *   GET    /api/datasets/:id/export/manifest          → ExportManifest (for the browser's Hub push; 409 ExportBlocked)
 *                                                       (?format=audiocraft optional; audiofolder by default)
 *   GET    /api/datasets/:id/export/files/<path>      → one exported audio file as it ships (trimmed / converted
 *                                                       to WAV, rendered once and cached; Range supported)
 *   GET    /api/datasets/:id/embeddings               → DatasetEmbeddingsResponse (CLAP audio embeddings of previewed clips)
 *   GET    /api/clap/vocabulary                       → VocabularyEmbeddings (zero-shot tagging)
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Limits (one place, quoted in error messages).

export const DATASET_LIMITS = {
  nameMaxLength: 80,
  descriptionMaxLength: 2000,
  /** Largest single file accepted by an import. */
  maxFileBytes: 100 * 1024 * 1024,
  /** Most files in one import. */
  maxFilesPerImport: 5000,
  /** Most clips in one dataset. */
  maxClipsPerDataset: 20000,
  /** Longest audio (after rendering a module) kept for a clip. */
  maxClipSeconds: 15 * 60,
  captionMinWords: 8,
  captionMaxChars: 512,
  attributionMaxLength: 500,
} as const;

// ---------------------------------------------------------------------------------------------
// Vocabulary the forms offer.

export const CLIP_STATUSES = ['new', 'accepted', 'skipped', 'reported'] as const;
export type ClipStatus = (typeof CLIP_STATUSES)[number];

/** Reasons a reviewer can report a clip for (free text allowed too). */
export const REPORT_REASONS = [
  'silence',
  'noise',
  'not chiptune',
  'duplicate',
  'licence problem',
  'other',
] as const;

/** Where a caption came from: machine-made text stays marked until a person accepts or edits it. */
export const CAPTION_ORIGINS = ['none', 'imported', 'machine', 'human'] as const;
export type CaptionOrigin = (typeof CAPTION_ORIGINS)[number];

/** Common licences offered in the picker (SPDX ids); any other text is accepted as a custom licence. */
export const COMMON_LICENCES = [
  'CC0-1.0',
  'CC-BY-4.0',
  'CC-BY-SA-4.0',
  'CC-BY-NC-4.0',
  'CC-BY-NC-SA-4.0',
  'MIT',
  'GPL-3.0-or-later',
  'LicenseRef-own-work',
] as const;

export const QUALITY_LEVELS = ['pass', 'warn', 'fail'] as const;
export type QualityLevel = (typeof QUALITY_LEVELS)[number];

// ---------------------------------------------------------------------------------------------
// Entities.

const id = z.string().regex(/^[a-z]{2,4}_[A-Za-z0-9]{10,32}$/);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const timestamp = z.number().int();

export const tagsSchema = z.object({
  moods: z.array(z.string().min(1).max(40)).max(12).default([]),
  instruments: z.array(z.string().min(1).max(40)).max(12).default([]),
  genre: z.string().max(60).nullable().default(null),
  bpm: z.number().min(20).max(400).nullable().default(null),
  key: z.string().max(20).nullable().default(null),
});
export type ClipTags = z.infer<typeof tagsSchema>;

/** Machine suggestions stay separate from what the miner accepted. */
export const suggestionsSchema = z.object({
  moods: z.array(z.object({ label: z.string(), score: z.number() })).default([]),
  instruments: z.array(z.object({ label: z.string(), score: z.number() })).default([]),
  /** Tempo estimated at import (MIT detector), with its confidence when available. */
  bpm: z.number().nullable().default(null),
  caption: z.string().nullable().default(null),
  model: z.string().nullable().default(null),
});
export type ClipSuggestions = z.infer<typeof suggestionsSchema>;

export const qualityCheckSchema = z.object({
  id: z.enum([
    'duration',
    'sample_rate',
    'channels',
    'silence',
    'clipping',
    'loudness',
    'dc_offset',
    'decode',
  ]),
  level: z.enum(QUALITY_LEVELS),
  /** The measured value in its unit (seconds, Hz, channels, ratio, LUFS, …). */
  value: z.number().nullable(),
  /** One sentence a miner can act on, e.g. "21.4 s: validators generate 30 s clips". */
  message: z.string(),
});
export const qualityReportSchema = z.object({
  level: z.enum(QUALITY_LEVELS),
  checks: z.array(qualityCheckSchema),
});
export type QualityReport = z.infer<typeof qualityReportSchema>;

export const clapPreviewSchema = z.object({
  score: z.number().min(-1).max(1),
  /** repo@revision of the model; test models are flagged so the UI can say so. */
  model: z.string(),
  isTestModel: z.boolean(),
  variant: z.string(),
  /** SHA-256 (lowercase hex) of the UTF-8 caption scored (a preview is stale once the caption changes). */
  captionHash: sha256,
  trim: z.object({ start: z.number(), end: z.number() }).nullable(),
  windowSeed: z.string(),
  updatedAt: timestamp,
});
export type ClapPreview = z.infer<typeof clapPreviewSchema>;

export const clipSchema = z.object({
  id,
  datasetId: id,
  position: z.number().int(),
  /** Display name only (sanitised); never used as a path. */
  fileName: z.string(),
  /** Relative path inside the imported folder or zip, for display. */
  sourcePath: z.string().nullable(),
  sourceSha256: sha256,
  audioSha256: sha256,
  format: z.string(),
  /** The module a tracker clip was rendered from is kept as its source. */
  isRenderedModule: z.boolean(),
  sampleRate: z.number().int(),
  channels: z.number().int(),
  durationSeconds: z.number(),
  status: z.enum(CLIP_STATUSES),
  reportReason: z.string().nullable(),
  caption: z.string(),
  captionOrigin: z.enum(CAPTION_ORIGINS),
  tags: tagsSchema,
  suggestions: suggestionsSchema,
  licence: z.string().nullable(),
  attribution: z.string().nullable(),
  trim: z.object({ start: z.number().min(0), end: z.number().positive() }).nullable(),
  quality: qualityReportSchema,
  clap: clapPreviewSchema.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Clip = z.infer<typeof clipSchema>;

/** What the clip list needs for thousands of rows: no suggestions or check details. */
export const clipRowSchema = clipSchema
  .pick({
    id: true,
    position: true,
    fileName: true,
    format: true,
    isRenderedModule: true,
    durationSeconds: true,
    status: true,
    caption: true,
    captionOrigin: true,
    licence: true,
    tags: true,
  })
  .extend({
    qualityLevel: z.enum(QUALITY_LEVELS),
    clapScore: z.number().nullable(),
    clapStale: z.boolean(),
  });
export type ClipRow = z.infer<typeof clipRowSchema>;

export const datasetStatsSchema = z.object({
  clips: z.number().int(),
  byStatus: z.record(z.enum(CLIP_STATUSES), z.number().int()),
  totalSeconds: z.number(),
  captioned: z.number().int(),
  licensed: z.number().int(),
  scored: z.number().int(),
  meanScore: z.number().nullable(),
  quality: z.record(z.enum(QUALITY_LEVELS), z.number().int()),
});

export const datasetSummarySchema = z.object({
  id,
  owner: z.string(),
  ownerName: z.string().nullable(),
  name: z.string(),
  description: z.string(),
  visibility: z.enum(['private', 'shared']),
  isOwner: z.boolean(),
  stats: datasetStatsSchema,
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type DatasetSummary = z.infer<typeof datasetSummarySchema>;

export const importItemSchema = z.object({
  id,
  position: z.number().int(),
  fileName: z.string(),
  relativePath: z.string().nullable(),
  size: z.number().int().nonnegative(),
  sha256: sha256.nullable(),
  state: z.enum(['pending', 'uploaded', 'processing', 'done', 'duplicate', 'failed']),
  error: z.string().nullable(),
  clipId: id.nullable(),
});
export type ImportItem = z.infer<typeof importItemSchema>;

export const importJobSchema = z.object({
  id,
  datasetId: id,
  kind: z.enum(['files', 'zip', 'hub']),
  label: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  error: z.string().nullable(),
  counts: z.record(importItemSchema.shape.state, z.number().int()),
  total: z.number().int(),
  items: z.array(importItemSchema),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type ImportJob = z.infer<typeof importJobSchema>;

/** Waveform peaks computed once at import: min/max pairs per bucket, mono mix, for wavesurfer. */
export const peaksSchema = z.object({
  sampleRate: z.number().int(),
  durationSeconds: z.number(),
  /** Buckets per second of audio. */
  resolution: z.number().positive(),
  /** Interleaved [min, max] per bucket, in [-1, 1]. */
  data: z.array(z.number()),
});
export type Peaks = z.infer<typeof peaksSchema>;

// ---------------------------------------------------------------------------------------------
// Requests and responses.

const cleanText = (max: number) =>
  z
    .string()
    .max(max)
    // Control characters have no business in names or captions (they break terminals and logs).
    .refine(
      (text) => ![...text].some((c) => c.charCodeAt(0) < 0x20 && c !== '\n' && c !== '\t'),
      'contains control characters',
    );

export const createDatasetRequestSchema = z.object({
  name: cleanText(DATASET_LIMITS.nameMaxLength).trim().min(1, 'a name is required'),
  description: cleanText(DATASET_LIMITS.descriptionMaxLength).optional(),
});
export const updateDatasetRequestSchema = z.object({
  name: cleanText(DATASET_LIMITS.nameMaxLength).trim().min(1).optional(),
  description: cleanText(DATASET_LIMITS.descriptionMaxLength).optional(),
  visibility: z.enum(['private', 'shared']).optional(),
});
export const datasetListResponseSchema = z.object({
  mine: z.array(datasetSummarySchema),
  shared: z.array(datasetSummarySchema),
});

export const clipQuerySchema = z.object({
  status: z.enum([...CLIP_STATUSES, 'all']).default('all'),
  quality: z.enum([...QUALITY_LEVELS, 'all']).default('all'),
  licence: z.enum(['known', 'unknown', 'all']).default('all'),
  /** Minimum and maximum duration in seconds. */
  minDuration: z.coerce.number().min(0).optional(),
  maxDuration: z.coerce.number().min(0).optional(),
  minScore: z.coerce.number().min(-1).max(1).optional(),
  tag: z.string().max(40).optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(['position', 'name', 'duration', 'score', 'quality', 'status']).default('position'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type ClipQuery = z.infer<typeof clipQuerySchema>;
/** `total` counts every clip in the dataset; `clips` are the ones matching the query (all of them, no paging). */
export const clipListResponseSchema = z.object({ total: z.number().int(), clips: z.array(clipRowSchema) });

/**
 * A partial tags update: keys that are absent stay as they are. (Not `tagsSchema.partial()`: its
 * defaults would fill every absent key with [] or null and wipe the stored tags.)
 */
export const tagsPatchSchema = z.object({
  moods: z.array(z.string().min(1).max(40)).max(12).optional(),
  instruments: z.array(z.string().min(1).max(40)).max(12).optional(),
  genre: z.string().max(60).nullable().optional(),
  bpm: z.number().min(20).max(400).nullable().optional(),
  key: z.string().max(20).nullable().optional(),
});

export const updateClipRequestSchema = z.object({
  status: z.enum(CLIP_STATUSES).optional(),
  reportReason: cleanText(200).nullable().optional(),
  caption: cleanText(DATASET_LIMITS.captionMaxChars).optional(),
  captionOrigin: z.enum(CAPTION_ORIGINS).optional(),
  tags: tagsPatchSchema.optional(),
  licence: cleanText(100).trim().min(1).nullable().optional(),
  attribution: cleanText(DATASET_LIMITS.attributionMaxLength).nullable().optional(),
  trim: z
    .object({ start: z.number().min(0), end: z.number().positive() })
    .refine((trim) => trim.end > trim.start, 'the trim must end after it starts')
    .nullable()
    .optional(),
});
export type UpdateClipRequest = z.infer<typeof updateClipRequestSchema>;

export const bulkClipRequestSchema = z.object({
  ids: z.array(id).min(1).max(DATASET_LIMITS.maxClipsPerDataset),
  patch: updateClipRequestSchema.pick({ status: true, licence: true, attribution: true }),
});

export const clapPreviewRequestSchema = z.object({
  score: z.number().min(-1).max(1),
  model: z.string().max(200),
  isTestModel: z.boolean(),
  variant: z.string().max(20),
  captionHash: sha256,
  trim: z.object({ start: z.number(), end: z.number() }).nullable(),
  windowSeed: z.string().max(200),
  /** The clip's unit audio embedding (512 floats): feeds the diversity view. */
  embedding: z.array(z.number()).length(512),
});

/** The unit CLAP audio embedding of each clip with a preview, and the model that made it. */
export const datasetEmbeddingsResponseSchema = z.object({
  clips: z.array(z.object({ id, model: z.string(), embedding: z.array(z.number()).length(512) })),
});
export type DatasetEmbeddingsResponse = z.infer<typeof datasetEmbeddingsResponseSchema>;

export const createImportRequestSchema = z.object({
  kind: z.enum(['files', 'zip']),
  /** E.g. the folder or zip name, for the import list. */
  label: cleanText(200).trim().min(1),
  items: z
    .array(
      z.object({
        fileName: cleanText(255).trim().min(1),
        relativePath: cleanText(1024).nullable(),
        size: z.number().int().nonnegative(),
        /** SHA-256 computed in the browser: duplicates are found before any upload. */
        sha256,
        /** Caption found beside the file (e.g. metadata.jsonl in a zip), imported as such. */
        caption: cleanText(DATASET_LIMITS.captionMaxChars).optional(),
      }),
    )
    .min(1)
    .max(DATASET_LIMITS.maxFilesPerImport),
});
export const hubImportRequestSchema = z.object({
  repo: z.string().max(96),
  revision: z.string().max(128).default('main'),
});

/** 409 body when an export or push is not allowed yet. */
export const exportBlockedSchema = z.object({
  error: z.object({
    code: z.literal('export_blocked'),
    message: z.string(),
    clips: z.array(z.object({ id, fileName: z.string(), reason: z.string() })),
  }),
});

/** What the browser needs to push the dataset to the Hub itself (the token never reaches our server). */
export const exportManifestSchema = z.object({
  datasetName: z.string(),
  /** Suggested repo name (slug of the dataset name). */
  suggestedRepo: z.string(),
  files: z.array(
    z.object({
      /** Path in the repo, e.g. "data/0001-square-lead.wav" or "metadata.jsonl". */
      path: z.string(),
      /** Same-origin URL to fetch the bytes from, or inline text. */
      url: z.string().nullable(),
      text: z.string().nullable(),
      size: z.number().int().nonnegative(),
    }),
  ),
});
export type ExportManifest = z.infer<typeof exportManifestSchema>;

/** Text embeddings of the validator vocabulary, for zero-shot tagging in the browser. */
export const vocabularyEmbeddingsSchema = z.object({
  model: z.string(),
  isTestModel: z.boolean(),
  /** The prompt template each label was embedded with, e.g. "chiptune music, {label}". */
  template: z.string(),
  moods: z.array(z.object({ label: z.string(), embedding: z.array(z.number()).length(512) })),
  instruments: z.array(z.object({ label: z.string(), embedding: z.array(z.number()).length(512) })),
});
export type VocabularyEmbeddings = z.infer<typeof vocabularyEmbeddingsSchema>;

/** One line of an exported metadata.jsonl (Hugging Face audiofolder). */
export interface AudiofolderRow {
  file_name: string;
  caption: string;
  moods: string[];
  instruments: string[];
  genre: string | null;
  bpm: number | null;
  key: string | null;
  licence: string;
  attribution: string | null;
  source: string;
  duration: number;
}

/** One egs/train/<clip>.json of the audiocraft training layout the Genki-Dama trainer reads. */
export interface AudiocraftClipInfo {
  description: string;
  moods: string[];
  instruments: string[];
  bpm: number | null;
  key: string | null;
  duration: number;
  sample_rate: number;
}
