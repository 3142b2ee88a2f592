/**
 * The message protocol between the page and the CLAP Web Worker. Both directions are checked with
 * zod: a worker is a boundary like any other, and a malformed message must fail loudly with the
 * request it belongs to, not corrupt a score.
 */
import { z } from 'zod';

export const BACKENDS = ['webgpu', 'wasm'] as const;

// Typed arrays may sit on a SharedArrayBuffer (threaded WASM), so accept any backing buffer.
const float32Array = z.custom<Float32Array>(
  (value) => value instanceof Float32Array,
  'expected a Float32Array',
);
export type Backend = (typeof BACKENDS)[number];

/** What the server says about the model it serves at /api/models (see lib/engine/model-registry.ts). */
export const modelManifestSchema = z.object({
  /** Stable key used in file URLs, e.g. "xenova-larger-clap-music-and-speech-e9fd5ac1". */
  key: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,127}$/),
  repo: z.string(),
  revision: z.string(),
  label: z.string(),
  isTestModel: z.boolean(),
  /** Same-origin URL prefix the files are served under, ending in "/". */
  baseUrl: z.string().startsWith('/').endsWith('/'),
  files: z.array(
    z.object({
      path: z.string().regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/),
      size: z.number().int().nonnegative(),
      /** Content id (sha256, or the git blob id of small Hub files): makes the URL immutable. */
      etag: z.string().regex(/^[0-9a-f]{40,64}$/),
    }),
  ),
});
export type ModelManifest = z.infer<typeof modelManifestSchema>;

const windowsSchema = z.object({
  seed: z.string().max(200),
  count: z.number().int().min(1).max(16).optional(),
});

const trimSchema = z
  .object({ startSeconds: z.number().min(0), endSeconds: z.number().positive() })
  .refine((trim) => trim.endSeconds > trim.startSeconds, 'the trim must end after it starts');

export const workerRequestSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('load'),
    id: z.number(),
    backend: z.enum(BACKENDS),
    manifest: modelManifestSchema,
    /** Force a precision (e.g. fp32 on WASM to match the validator exactly); default per backend. */
    variant: z.enum(['fp32', 'fp16', 'quantized']).optional(),
  }),
  z.object({
    type: z.literal('embed-audio'),
    id: z.number(),
    /** The encoded file (WAV, FLAC, Ogg Vorbis, MP3 or a tracker module), transferred, not copied. */
    bytes: z.instanceof(ArrayBuffer),
    fileName: z.string().max(1024).optional(),
    windows: windowsSchema,
    trim: trimSchema.optional(),
  }),
  z.object({
    type: z.literal('embed-text'),
    id: z.number(),
    texts: z.array(z.string().max(2000)).min(1).max(256),
  }),
]);
export type WorkerRequest = z.infer<typeof workerRequestSchema>;

export const modelInfoSchema = z.object({
  repo: z.string(),
  revision: z.string(),
  label: z.string(),
  isTestModel: z.boolean(),
  backend: z.enum(BACKENDS),
  variant: z.string(),
  threads: z.number().int(),
});
export type ModelInfo = z.infer<typeof modelInfoSchema>;

export const audioEmbeddingSchema = z.object({
  embedding: float32Array,
  /** Offsets (samples at 48 kHz, relative to the trimmed clip) of the windows that were embedded. */
  windowOffsets: z.array(z.number().int().nonnegative()),
  durationSeconds: z.number().nonnegative(),
  source: z.object({
    format: z.string(),
    sampleRate: z.number(),
    channels: z.number().int(),
    durationSeconds: z.number(),
  }),
});
export type AudioEmbedding = z.infer<typeof audioEmbeddingSchema>;

export const PROGRESS_STAGES = ['download', 'compile', 'decode', 'features', 'embed'] as const;

export const workerResponseSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('progress'),
    id: z.number(),
    stage: z.enum(PROGRESS_STAGES),
    loaded: z.number().nonnegative(),
    total: z.number().nonnegative(),
    file: z.string().optional(),
  }),
  z.object({ type: z.literal('ready'), id: z.number(), info: modelInfoSchema }),
  z.object({ type: z.literal('audio-embedding'), id: z.number(), result: audioEmbeddingSchema }),
  z.object({
    type: z.literal('text-embeddings'),
    id: z.number(),
    embeddings: z.array(float32Array),
  }),
  z.object({
    type: z.literal('error'),
    id: z.number(),
    code: z.enum(['backend_failed', 'model_unavailable', 'bad_audio', 'bad_request', 'internal']),
    message: z.string(),
  }),
]);
export type WorkerResponse = z.infer<typeof workerResponseSchema>;
export type ProgressEvent = Extract<WorkerResponse, { type: 'progress' }>;
