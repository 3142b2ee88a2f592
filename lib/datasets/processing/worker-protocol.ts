/**
 * Messages between the server and the clip-processor worker threads. Both sides parse what they
 * receive: the worker is our code, but a message crossing a thread is still a boundary.
 */
import { z } from 'zod';
import { AUDIO_FORMATS } from '../../audio/types';
import { peaksSchema, qualityReportSchema } from '../model';

export const clipTaskSchema = z.object({
  id: z.number().int(),
  /** The blob holding the uploaded bytes (a content-addressed path, never a client name). */
  sourcePath: z.string(),
  /** The file name as imported: only a hint for format sniffing. */
  fileName: z.string(),
  /** Where a rendered WAV is written (inside the blob store, so adopting it is a rename). */
  incomingDir: z.string(),
});
export type ClipTask = z.infer<typeof clipTaskSchema>;

const okSchema = z.object({
  id: z.number().int(),
  ok: z.literal(true),
  threadId: z.number().int(),
  result: z.object({
    info: z.object({
      format: z.enum(AUDIO_FORMATS),
      sampleRate: z.number().int().positive(),
      channels: z.number().int().positive(),
      frames: z.number().int().nonnegative(),
      durationSeconds: z.number().nonnegative(),
      title: z.string().nullable(),
    }),
    /** For a rendered module, the WAV the worker wrote and its hash; otherwise the source is played. */
    rendered: z.object({ file: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).nullable(),
    audioMediaType: z.string(),
    sourceMediaType: z.string(),
    quality: qualityReportSchema,
    peaks: peaksSchema,
    bpm: z.number().nullable(),
  }),
});

const failedSchema = z.object({
  id: z.number().int(),
  ok: z.literal(false),
  threadId: z.number().int(),
  /** `expected`: an AudioDecodeError whose message is for the miner; otherwise a bug to log. */
  error: z.object({ code: z.string(), message: z.string(), expected: z.boolean() }),
});

export const clipTaskReplySchema = z.discriminatedUnion('ok', [okSchema, failedSchema]);
export type ClipTaskReply = z.infer<typeof clipTaskReplySchema>;
export type ClipTaskOutput = z.infer<typeof okSchema>['result'];
