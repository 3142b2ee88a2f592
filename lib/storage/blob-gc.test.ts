/** Blob garbage collection on a real database and blob folder, with clips made by the import steps. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSession } from '@/lib/auth/sessions';
import { BlobStore, sha256Hex } from '@/lib/blobs';
import { createDataset, type DatasetRecord, deleteDataset } from '@/lib/datasets/datasets-store';
import { claimNextItem, completeItem, markReceived } from '@/lib/datasets/import-items';
import { findItem } from '@/lib/datasets/import-rows';
import { createImportJob } from '@/lib/datasets/imports-store';
import { type Db, openDatabase } from '@/lib/db';
import { makeTempDir } from '@/tests/support/temp-dir';
import { collectBlobs } from './blob-gc';
import { GRACE_MS } from './files';

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
/** A collection run this far in the future sees everything stored by the test as old. */
const later = () => Date.now() + 2 * GRACE_MS;

let temp: ReturnType<typeof makeTempDir>;
let db: Db;
let store: BlobStore;
beforeEach(() => {
  temp = makeTempDir();
  db = openDatabase(path.join(temp.dir, 'genki.sqlite'));
  store = new BlobStore(temp.dir, db);
  createSession(db, { address: ALICE, displayName: 'Alice' });
});
afterEach(() => {
  db.close();
  temp.cleanup();
});

const bytes = (text: string) => new TextEncoder().encode(text);
const hasRow = (sha256: string) => store.info(sha256) !== undefined;

/** Imports one file as the pipeline does (upload → queued → processed) and returns its three blobs. */
function importClip(dataset: DatasetRecord, content: string, options: { rendered?: boolean } = {}) {
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
  expect(clipId).not.toBeNull();
  return { source, audio, peaks };
}

/** Sets a file's mtime, as if it was last written `ms` ago. */
function writtenAgo(file: string, ms: number): void {
  const when = new Date(Date.now() - ms);
  fs.utimesSync(file, when, when);
}

describe('blob garbage collection', () => {
  it('keeps every referenced blob and removes old unreferenced ones, row and file', async () => {
    const dataset = createDataset(db, ALICE, { name: 'Kept' });
    const clip = importClip(dataset, 'kept', { rendered: true });
    const loose = store.put(bytes('nothing references me'));

    const report = await collectBlobs(db, store, { now: later() });

    expect(report.unreferenced).toEqual({ count: 1, bytes: loose.size });
    expect(hasRow(loose.sha256)).toBe(false);
    expect(fs.existsSync(store.pathFor(loose.sha256))).toBe(false);
    for (const sha256 of [clip.source, clip.audio, clip.peaks]) {
      expect(hasRow(sha256)).toBe(true);
      expect(store.has(sha256)).toBe(true);
    }
  });

  it('spares unreferenced blobs stored within the grace period, including old bytes stored again', async () => {
    const young = store.put(bytes('just uploaded, row not written yet'));
    expect((await collectBlobs(db, store)).unreferenced.count).toBe(0);
    expect(store.has(young.sha256)).toBe(true);

    // An old unreferenced blob that an import stores again counts as new: the import's row is coming.
    db.prepare('UPDATE blobs SET stored_at = ?').run(Date.now() - 2 * GRACE_MS);
    const incoming = store.incomingPath();
    fs.writeFileSync(incoming, bytes('just uploaded, row not written yet'));
    store.adopt(incoming, young.sha256);
    expect((await collectBlobs(db, store)).unreferenced.count).toBe(0);
    expect(store.has(young.sha256)).toBe(true);
    expect((await collectBlobs(db, store, { now: later() })).unreferenced.count).toBe(1);
  });

  it('frees the blobs of a deleted dataset but keeps those another dataset shares', async () => {
    const doomed = createDataset(db, ALICE, { name: 'Doomed' });
    const other = createDataset(db, ALICE, { name: 'Other' });
    const own = importClip(doomed, 'only in doomed', { rendered: true });
    const shared = importClip(doomed, 'in both');
    expect(importClip(other, 'in both')).toEqual(shared);
    // A file announced but not uploaded yet: its NULL blob_sha256 must not stop the collection.
    createImportJob(db, other, {
      kind: 'files',
      label: 'pending',
      items: [{ fileName: 'pending.wav', relativePath: null, size: 1, sha256: null }],
    });

    deleteDataset(db, doomed.id);
    const report = await collectBlobs(db, store, { now: later() });

    expect(report.unreferenced.count).toBe(3);
    for (const sha256 of [own.source, own.audio, own.peaks]) {
      expect(hasRow(sha256)).toBe(false);
      expect(fs.existsSync(store.pathFor(sha256))).toBe(false);
    }
    for (const sha256 of [shared.source, shared.peaks])
      expect(store.has(sha256) && hasRow(sha256)).toBe(true);
  });

  it('removes interrupted writes older than the grace period, in incoming and beside targets', async () => {
    const target = store.put(bytes('a finished blob'));
    const stale = [
      path.join(store.incomingDir(), 'aaaa.partial'),
      `${store.pathFor(target.sha256)}.0123456789ab.partial`,
    ];
    const fresh = path.join(store.incomingDir(), 'bbbb.partial');
    for (const file of [...stale, fresh]) fs.writeFileSync(file, 'half a file');
    for (const file of stale) writtenAgo(file, 2 * GRACE_MS);

    const report = await collectBlobs(db, store);

    expect(report.partialFiles).toEqual({ count: 2, bytes: 2 * 'half a file'.length });
    for (const file of stale) expect(fs.existsSync(file)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);
    expect(store.has(target.sha256)).toBe(true);
  });

  it('removes old files that have no row, and leaves young ones and files it did not write', async () => {
    const orphan = (content: string) => {
      const file = store.pathFor(sha256Hex(bytes(content)));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
      return file;
    };
    const old = orphan('written before a crash, row never recorded');
    writtenAgo(old, 2 * GRACE_MS);
    const young = orphan('being stored right now');
    const foreign = path.join(path.dirname(old), 'notes.txt');
    fs.writeFileSync(foreign, 'not a blob');
    writtenAgo(foreign, 2 * GRACE_MS);

    const report = await collectBlobs(db, store);

    expect(report.orphanFiles.count).toBe(1);
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.existsSync(young)).toBe(true);
    expect(fs.existsSync(foreign)).toBe(true);
  });

  it('changes nothing in a dry run and reports what a real run then frees', async () => {
    const loose = store.put(bytes('unreferenced'));
    const orphanFile = store.pathFor(sha256Hex(bytes('orphan')));
    fs.mkdirSync(path.dirname(orphanFile), { recursive: true });
    fs.writeFileSync(orphanFile, 'orphan');
    const partial = path.join(store.incomingDir(), 'cccc.partial');
    fs.writeFileSync(partial, 'partial');
    const now = later();
    const listing = () => fs.readdirSync(store.root, { recursive: true }).sort();
    const before = listing();

    const dry = await collectBlobs(db, store, { now, dryRun: true });

    expect(listing()).toEqual(before);
    expect(hasRow(loose.sha256)).toBe(true);
    expect(dry.unreferenced.count + dry.orphanFiles.count + dry.partialFiles.count).toBe(3);
    expect(await collectBlobs(db, store, { now })).toEqual(dry);
    expect(fs.existsSync(orphanFile) || fs.existsSync(partial) || store.has(loose.sha256)).toBe(false);
  });
});
