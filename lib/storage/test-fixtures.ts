/** Test helpers for blob garbage collection: clips imported as the pipeline does, and aged rows and files. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import { createSession } from '@/lib/auth/sessions';
import { BlobStore } from '@/lib/blobs';
import type { DatasetRecord } from '@/lib/datasets/datasets-store';
import { claimNextItem, completeItem, markReceived } from '@/lib/datasets/import-items';
import { findItem } from '@/lib/datasets/import-rows';
import { createImportJob } from '@/lib/datasets/imports-store';
import { type Db, openDatabase } from '@/lib/db';
import { makeTempDir } from '@/tests/support/temp-dir';
import { GRACE_MS } from './files';

export const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

/** Per test: a fresh data directory with a migrated database, its blob store and ALICE's account. */
export function useBlobStore(onOpen: (opened: { db: Db; store: BlobStore }) => void): void {
  let temp: ReturnType<typeof makeTempDir>;
  let db: Db;
  beforeEach(() => {
    temp = makeTempDir();
    db = openDatabase(path.join(temp.dir, 'genki.sqlite'));
    createSession(db, { address: ALICE, displayName: 'Alice' });
    onOpen({ db, store: new BlobStore(temp.dir, db) });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    db.close();
    temp.cleanup();
  });
}

/** A collection run this far in the future sees everything stored or marked by the test as old. */
export const later = () => Date.now() + 2 * GRACE_MS;

export const bytes = (text: string) => new TextEncoder().encode(text);

/**
 * Imports one file as the pipeline does (upload → queued → processed) and returns its three blobs
 * and the clip.
 */
export function importClip(
  db: Db,
  store: BlobStore,
  dataset: DatasetRecord,
  content: string,
  options: { rendered?: boolean } = {},
) {
  const source = store.put(bytes(content)).sha256;
  const job = createImportJob(db, dataset, {
    kind: 'files',
    label: content,
    items: [{ fileName: `${content}.wav`, relativePath: null, size: content.length, sha256: source }],
  });
  const item = findItem(db, job.items[0]?.id ?? '');
  if (!item) throw new Error('no import item');
  markReceived(db, item, source);
  expect(claimNextItem(db)?.id).toBe(item.id);
  const audio = options.rendered ? store.put(bytes(`render of ${content}`)).sha256 : source;
  const peaks = store.put(bytes(`peaks of ${content}`)).sha256;
  const clipId = completeItem(db, item.id, {
    sourceMediaType: 'audio/wav',
    audioSha256: audio,
    audioMediaType: 'audio/wav',
    peaksSha256: peaks,
    format: 'wav',
    isRenderedModule: options.rendered ?? false,
    sampleRate: 48000,
    channels: 2,
    durationSeconds: 30,
    quality: { level: 'pass', checks: [] },
    bpm: null,
  });
  if (!clipId) throw new Error('no clip');
  return { source, audio, peaks, clipId, itemId: item.id };
}

/** Sets a file's mtime, as if it was last written `ms` ago. */
export function writtenAgo(file: string, ms: number): void {
  const when = new Date(Date.now() - ms);
  fs.utimesSync(file, when, when);
}

/** The blob's `unreferenced_since` (null while no collection pass has found it unreferenced). */
export const unreferencedSince = (db: Db, sha256: string) =>
  db.prepare('SELECT unreferenced_since FROM blobs WHERE sha256 = ?').pluck().get(sha256) as number | null;

/** As if the blob was stored, and found unreferenced, `ms` ago (all blobs without `sha256`). */
export function unreferencedFor(db: Db, ms: number, sha256?: string): void {
  const when = Date.now() - ms;
  db.prepare(
    'UPDATE blobs SET stored_at = @when, unreferenced_since = @when WHERE @sha256 IS NULL OR sha256 = @sha256',
  ).run({ when, sha256: sha256 ?? null });
}
