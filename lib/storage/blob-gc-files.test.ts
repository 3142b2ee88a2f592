/** Blob garbage collection of files: rowless blobs, interrupted writes, dry runs and files that will not go. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { type BlobStore, sha256Hex } from '@/lib/blobs';
import { createDataset } from '@/lib/datasets/datasets-store';
import type { Db } from '@/lib/db';
import { collectBlobs } from './blob-gc';
import { GRACE_MS, noFailures } from './files';
import { ALICE, bytes, importClip, later, unreferencedFor, useBlobStore, writtenAgo } from './test-fixtures';

let db: Db;
let store: BlobStore;
useBlobStore((opened) => {
  ({ db, store } = opened);
});

const hasRow = (sha256: string) => store.info(sha256) !== undefined;

/** A blob file written without its row (a crash between the two in an older build). */
function orphan(content: string): string {
  const file = store.pathFor(sha256Hex(bytes(content)));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

describe('blob garbage collection of files', () => {
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

  it('keeps a file with no row that a clip references, and records its row again', async () => {
    const clip = importClip(db, store, createDataset(db, ALICE, { name: 'Lost rows' }), 'row lost');
    db.prepare('DELETE FROM blobs WHERE sha256 = ?').run(clip.source);
    writtenAgo(store.pathFor(clip.source), 2 * GRACE_MS);

    const dry = await collectBlobs(db, store, { dryRun: true });
    expect(dry).toMatchObject({ rowsRestored: 1, orphanFiles: { count: 0 } });
    expect(hasRow(clip.source)).toBe(false);

    const report = await collectBlobs(db, store);
    expect(report).toMatchObject({ rowsRestored: 1, orphanFiles: { count: 0 } });
    expect(store.has(clip.source)).toBe(true);
    expect(store.info(clip.source)?.size).toBe('row lost'.length);
  });

  it('keeps going past a file it may not delete, and keeps that blob’s row', async () => {
    const stuck = store.put(bytes('on a read-only mount'));
    const freed = store.put(bytes('deletable'));
    const stuckPartial = path.join(store.incomingDir(), 'stuck.partial');
    fs.writeFileSync(stuckPartial, 'half');
    writtenAgo(stuckPartial, 2 * GRACE_MS);
    unreferencedFor(db, 2 * GRACE_MS);
    const refused = new Set([store.pathFor(stuck.sha256), stuckPartial]);
    const unlink = fs.unlinkSync;
    vi.spyOn(fs, 'unlinkSync').mockImplementation((file) => {
      if (refused.has(String(file))) throw Object.assign(new Error('EPERM'), { code: 'EPERM' });
      unlink(file);
    });
    const failures = noFailures();

    const report = await collectBlobs(db, store, { failures });

    expect(report.unreferenced).toEqual({ count: 1, bytes: freed.size });
    expect(report.partialFiles.count).toBe(0);
    expect(failures.count).toBe(2);
    expect(failures.first).toMatch(/EPERM/);
    expect(hasRow(stuck.sha256) && store.has(stuck.sha256)).toBe(true);
    expect(hasRow(freed.sha256) || fs.existsSync(store.pathFor(freed.sha256))).toBe(false);
  });

  it('changes nothing in a dry run and reports what a real run then frees', async () => {
    const loose = store.put(bytes('unreferenced'));
    unreferencedFor(db, 2 * GRACE_MS);
    const orphanFile = orphan('orphan');
    const partial = path.join(store.incomingDir(), 'cccc.partial');
    fs.writeFileSync(partial, 'partial');
    const now = later();
    const listing = () => fs.readdirSync(store.root, { recursive: true }).sort();
    const rows = () => db.prepare('SELECT * FROM blobs ORDER BY sha256').all();
    const before = { files: listing(), rows: rows() };

    const dry = await collectBlobs(db, store, { now, dryRun: true });

    expect({ files: listing(), rows: rows() }).toEqual(before);
    expect(dry.unreferenced.count + dry.orphanFiles.count + dry.partialFiles.count).toBe(3);
    expect(await collectBlobs(db, store, { now })).toEqual(dry);
    expect(fs.existsSync(orphanFile) || fs.existsSync(partial) || store.has(loose.sha256)).toBe(false);
  });
});
