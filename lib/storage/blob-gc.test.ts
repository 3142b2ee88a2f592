/** Blob garbage collection of unreferenced blobs, on a real database with clips made by the import steps. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BlobStore } from '@/lib/blobs';
import { deleteClip } from '@/lib/datasets/clips-store';
import { createDataset, deleteDataset } from '@/lib/datasets/datasets-store';
import { createImportJob } from '@/lib/datasets/imports-store';
import type { Db } from '@/lib/db';
import { collectBlobs } from './blob-gc';
import { GRACE_MS } from './files';
import {
  ALICE,
  bytes,
  importClip,
  later,
  unreferencedFor,
  unreferencedSince,
  useBlobStore,
} from './test-fixtures';

let db: Db;
let store: BlobStore;
useBlobStore((opened) => {
  ({ db, store } = opened);
});

const hasRow = (sha256: string) => store.info(sha256) !== undefined;
const gone = (sha256: string) => !hasRow(sha256) && !fs.existsSync(store.pathFor(sha256));

describe('blob garbage collection', () => {
  it('keeps every referenced blob and removes one unreferenced for the grace period, row and file', async () => {
    const dataset = createDataset(db, ALICE, { name: 'Kept' });
    const clip = importClip(db, store, dataset, 'kept', { rendered: true });
    const loose = store.put(bytes('nothing references me'));
    unreferencedFor(db, 2 * GRACE_MS);

    const report = await collectBlobs(db, store);

    expect(report.unreferenced).toEqual({ count: 1, bytes: loose.size });
    expect(gone(loose.sha256)).toBe(true);
    for (const sha256 of [clip.source, clip.audio, clip.peaks]) {
      expect(hasRow(sha256) && store.has(sha256)).toBe(true);
      expect(unreferencedSince(db, sha256)).toBeNull();
    }
  });

  it('first marks a newly unreferenced blob, and deletes it only once unreferenced for the grace period', async () => {
    const loose = store.put(bytes('a dataset that was just deleted'));
    const found = Date.now() + GRACE_MS; // long after it was stored: only the mark protects it
    const first = await collectBlobs(db, store, { now: found });
    expect(first.unreferenced.count).toBe(0);
    expect(first.awaitingGrace).toEqual({ count: 1, bytes: loose.size });
    expect(unreferencedSince(db, loose.sha256)).toBe(found);

    const withinGrace = await collectBlobs(db, store, { now: found + GRACE_MS - 1 });
    expect(withinGrace.unreferenced.count).toBe(0);
    expect(unreferencedSince(db, loose.sha256)).toBe(found); // the first sighting counts
    expect(store.has(loose.sha256)).toBe(true);

    expect((await collectBlobs(db, store, { now: found + GRACE_MS + 1 })).unreferenced.count).toBe(1);
    expect(gone(loose.sha256)).toBe(true);
  });

  it('only marks in a marking run, however long the blob has been unreferenced', async () => {
    const loose = store.put(bytes('unreferenced for days'));
    const fresh = store.put(bytes('unreferenced since now'));
    unreferencedFor(db, 48 * GRACE_MS, loose.sha256);
    const report = await collectBlobs(db, store, { markOnly: true });
    expect(report.unreferenced.count).toBe(0);
    expect(report.awaitingGrace.count).toBe(2);
    expect(unreferencedSince(db, fresh.sha256)).not.toBeNull();
    expect(store.has(loose.sha256) && hasRow(loose.sha256)).toBe(true);
  });

  it('clears the mark of a blob referenced again, so its grace period starts over', async () => {
    const dataset = createDataset(db, ALICE, { name: 'Again' });
    const loose = store.put(bytes('imported again'));
    unreferencedFor(db, 2 * GRACE_MS);
    // Imported before the run: referenced again, so kept and no longer marked.
    const clip = importClip(db, store, dataset, 'imported again');
    expect(clip.source).toBe(loose.sha256);
    await collectBlobs(db, store);
    expect(unreferencedSince(db, loose.sha256)).toBeNull();

    deleteClip(db, clip.clipId);
    db.prepare('UPDATE blobs SET stored_at = 0').run();
    const marking = await collectBlobs(db, store);
    expect(marking.unreferenced.count).toBe(0);
    expect(store.has(loose.sha256)).toBe(true);
  });

  it('spares an unreferenced blob stored again within the grace period (an import’s row is coming)', async () => {
    const young = store.put(bytes('just uploaded, row not written yet'));
    unreferencedFor(db, 2 * GRACE_MS);
    const incoming = store.incomingPath();
    fs.writeFileSync(incoming, bytes('just uploaded, row not written yet'));
    store.adopt(incoming, young.sha256);
    expect((await collectBlobs(db, store)).unreferenced.count).toBe(0);
    expect(store.has(young.sha256)).toBe(true);
    expect((await collectBlobs(db, store, { now: later() })).unreferenced.count).toBe(1);
  });

  it('frees the blobs of a deleted dataset an hour on, but keeps those another dataset shares', async () => {
    const doomed = createDataset(db, ALICE, { name: 'Doomed' });
    const other = createDataset(db, ALICE, { name: 'Other' });
    const own = importClip(db, store, doomed, 'only in doomed', { rendered: true });
    const shared = importClip(db, store, doomed, 'in both');
    expect(importClip(db, store, other, 'in both')).toMatchObject({
      source: shared.source,
      peaks: shared.peaks,
    });
    // A file announced but not uploaded yet: its NULL blob_sha256 must not stop the collection.
    createImportJob(db, other, {
      kind: 'files',
      label: 'pending',
      items: [{ fileName: 'pending.wav', relativePath: null, size: 1, sha256: null }],
    });

    deleteDataset(db, doomed.id);
    const marking = await collectBlobs(db, store, { now: Date.now() + GRACE_MS });
    expect(marking.awaitingGrace.count).toBe(3);
    expect(marking.unreferenced.count).toBe(0);
    const report = await collectBlobs(db, store, { now: Date.now() + 2 * GRACE_MS + 1 });

    expect(report.unreferenced.count).toBe(3);
    for (const sha256 of [own.source, own.audio, own.peaks]) expect(gone(sha256)).toBe(true);
    for (const sha256 of [shared.source, shared.peaks])
      expect(store.has(sha256) && hasRow(sha256)).toBe(true);
  });

  it('frees the source of a deleted clip: a finished import item no longer holds its bytes', async () => {
    const dataset = createDataset(db, ALICE, { name: 'Clips' });
    const clip = importClip(db, store, dataset, 'deleted later');
    const item = db.prepare('SELECT state, blob_sha256 FROM import_items WHERE id = ?').get(clip.itemId);
    expect(item).toEqual({ state: 'done', blob_sha256: null });

    deleteClip(db, clip.clipId);
    await collectBlobs(db, store, { markOnly: true });
    unreferencedFor(db, 2 * GRACE_MS);
    expect((await collectBlobs(db, store)).unreferenced.count).toBe(2); // source (= audio) and peaks
    expect(gone(clip.source)).toBe(true);
  });
});
