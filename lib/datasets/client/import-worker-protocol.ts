/**
 * Messages between the import client and workers/import.worker.ts (hashing files, reading zips).
 * Checked with zod in both directions, like the CLAP worker's protocol.
 */
import { z } from 'zod';

const file = z.custom<File>(
  (value) => typeof File !== 'undefined' && value instanceof File,
  'expected a File',
);

export const importWorkerRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hash'), id: z.number(), files: z.array(file) }),
  z.object({ type: z.literal('zip'), id: z.number(), file }),
]);
export type ImportWorkerRequest = z.infer<typeof importWorkerRequestSchema>;

export const importWorkerResponseSchema = z.discriminatedUnion('type', [
  /** One file hashed (or not: `error` says why, and that file alone is dropped). */
  z.object({
    type: z.literal('hashed'),
    id: z.number(),
    index: z.number().int(),
    sha256: z.string().nullable(),
    error: z.string().nullable(),
  }),
  /** One audio entry of a zip, read, checked and hashed; its bytes are transferred. */
  z.object({
    type: z.literal('zip-entry'),
    id: z.number(),
    path: z.string(),
    fileName: z.string(),
    sha256: z.string(),
    bytes: z.instanceof(ArrayBuffer),
  }),
  /** An entry the import refuses, with the reason (unsafe path, symlink, too large, damaged). */
  z.object({ type: z.literal('zip-refused'), id: z.number(), path: z.string(), reason: z.string() }),
  z.object({
    type: z.literal('zip-progress'),
    id: z.number(),
    done: z.number().int(),
    total: z.number().int(),
  }),
  z.object({
    type: z.literal('done'),
    id: z.number(),
    /** Zip only: captions from metadata.jsonl/csv, keyed by entry path. */
    captions: z.array(z.tuple([z.string(), z.string()])),
    warnings: z.array(z.string()),
    /** Entries skipped quietly (folders, __MACOSX, dotfiles, non-audio). */
    skipped: z.number().int(),
  }),
  z.object({ type: z.literal('error'), id: z.number(), message: z.string() }),
]);
export type ImportWorkerResponse = z.infer<typeof importWorkerResponseSchema>;
