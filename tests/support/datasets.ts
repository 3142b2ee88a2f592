/**
 * Seeding the dataset studio's tables for tests through the same store functions the pipeline uses
 * (create import → bytes received → claimed → completed), with made-up blobs and measurements.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createSession } from '@/lib/auth/sessions';
import type { DatasetRecord } from '@/lib/datasets/datasets-store';
import { claimNextItem, completeItem, markReceived, type ProcessedItem } from '@/lib/datasets/import-items';
import { findItem } from '@/lib/datasets/import-rows';
import { createImportJob } from '@/lib/datasets/imports-store';
import type { QualityLevel } from '@/lib/datasets/model';
import type { Db } from '@/lib/db';

export const fakeSha = (text: string) => createHash('sha256').update(text).digest('hex');

/** An account with a live session; returns the cookie header value. */
export function sessionFor(db: Db, address: string, name?: string): string {
  return `genki_session=${createSession(db, { address, displayName: name }).token}`;
}

export interface SeedClip {
  fileName: string;
  durationSeconds?: number;
  quality?: QualityLevel;
  caption?: string;
  format?: string;
}

/** Adds a processed clip to the dataset and returns its id. */
export function seedClip(db: Db, dataset: DatasetRecord, clip: SeedClip): string {
  const sha = fakeSha(`${dataset.id}/${clip.fileName}`);
  const job = createImportJob(db, dataset, {
    kind: 'files',
    label: `seed ${clip.fileName}`,
    items: [{ fileName: clip.fileName, relativePath: null, size: 1000, sha256: sha, caption: clip.caption }],
  });
  const itemId = job.items[0]?.id ?? '';
  const item = findItem(db, itemId);
  if (!item) throw new Error('seed item missing');
  markReceived(db, item, sha);
  const claimed = claimNextItem(db);
  if (claimed?.id !== itemId) throw new Error('seed item was not the next in the queue');
  const level = clip.quality ?? 'pass';
  const result: ProcessedItem = {
    sourceMediaType: 'audio/wav',
    audioSha256: sha,
    audioMediaType: 'audio/wav',
    peaksSha256: fakeSha(`peaks ${sha}`),
    format: clip.format ?? 'wav',
    isRenderedModule: false,
    sampleRate: 44100,
    channels: 2,
    durationSeconds: clip.durationSeconds ?? 30,
    quality: {
      level,
      checks: [{ id: 'duration', level, value: clip.durationSeconds ?? 30, message: 'seeded' }],
    },
    bpm: 120,
  };
  const clipId = completeItem(db, itemId, result);
  if (!clipId) throw new Error('seed clip was not created');
  return clipId;
}

export const BASE = 'http://localhost:3000';

export interface RequestInit {
  method?: string;
  /** JSON-encoded unless it is bytes. */
  body?: unknown;
  cookie?: string;
  /** Origin header; null leaves it out (a cross-site or non-browser request). */
  origin?: string | null;
  headers?: Record<string, string>;
}

/** A request as the browser would send it to a route handler (same-origin unless told otherwise). */
export function request(pathname: string, init: RequestInit = {}): Request {
  const headers: Record<string, string> = { host: 'localhost:3000', ...init.headers };
  if (init.origin !== null) headers.origin = init.origin ?? BASE;
  if (init.cookie) headers.cookie = init.cookie;
  let body: BodyInit | undefined;
  if (init.body instanceof Uint8Array) {
    body = new Uint8Array(init.body);
    headers['content-type'] ??= 'application/octet-stream';
    headers['content-length'] ??= String(init.body.byteLength);
  } else if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  return new Request(`${BASE}${pathname}`, { method: init.method ?? 'GET', headers, body });
}

/** Route context for a dynamic segment. */
export const params = <T extends Record<string, string>>(values: T) => ({ params: Promise.resolve(values) });

/**
 * Bundles the clip-processor worker from the current sources for a test file. The bundle lives
 * under dist/ (git-ignored) rather than the OS temp folder because its dependencies are resolved
 * from the project's node_modules. Returns its path and a cleanup.
 */
export async function buildTestWorker(): Promise<{ script: string; cleanup: () => void }> {
  const { buildWorkers } = await import('@/scripts/build-workers.mjs');
  const dir = path.resolve(import.meta.dirname, '..', '..', 'dist', 'test-workers');
  const script = path.join(dir, `clip-processor-${process.pid}-${Date.now()}.mjs`);
  await buildWorkers({ outfile: script });
  return {
    script,
    cleanup: () => {
      fs.rmSync(script, { force: true });
      fs.rmSync(`${script}.map`, { force: true });
    },
  };
}
