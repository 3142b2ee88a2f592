import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '@/tests/support/temp-dir';
import { BlobStore, BlobStoreError } from './blobs';
import { type Db, openDatabase } from './db';

let temp: ReturnType<typeof makeTempDir>;
let db: Db;
beforeEach(() => {
  temp = makeTempDir();
  db = openDatabase(path.join(temp.dir, 'genki.sqlite'));
});
afterEach(() => {
  db.close();
  temp.cleanup();
});

describe('BlobStore', () => {
  it('stores content under its SHA-256 and deduplicates identical bytes', () => {
    const store = new BlobStore(temp.dir, db);
    const bytes = new TextEncoder().encode('RIFF fake wave');
    const first = store.put(bytes, 'audio/wav');
    const second = store.put(bytes, 'audio/wav');
    expect(first.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(second).toEqual(first);
    const file = store.pathFor(first.sha256);
    expect(file.startsWith(path.join(temp.dir, 'blobs', first.sha256.slice(0, 2)))).toBe(true);
    expect(fs.readFileSync(file)).toEqual(Buffer.from(bytes));
    expect(store.info(first.sha256)).toEqual({
      sha256: first.sha256,
      size: bytes.byteLength,
      mediaType: 'audio/wav',
    });
    expect(fs.readdirSync(path.dirname(file))).toEqual([first.sha256]);
  });

  it('never turns an id into a path unless it is 64 lowercase hex characters', () => {
    const store = new BlobStore(temp.dir, db);
    for (const hostile of [
      '../../etc/passwd',
      `${'a'.repeat(63)}/`,
      'A'.repeat(64),
      '',
      `${'0'.repeat(64)}/..`,
    ]) {
      expect(() => store.pathFor(hostile)).toThrowError(BlobStoreError);
      expect(store.info(hostile)).toBeUndefined();
    }
  });

  it('adopts a file written and hashed elsewhere, once, by renaming it into place', () => {
    const store = new BlobStore(temp.dir, db);
    const bytes = new TextEncoder().encode('streamed upload');
    const sha = createHash('sha256').update(bytes).digest('hex');
    for (let copy = 0; copy < 2; copy++) {
      const incoming = store.incomingPath();
      expect(path.dirname(incoming)).toBe(path.join(temp.dir, 'blobs', 'incoming'));
      fs.writeFileSync(incoming, bytes);
      expect(store.adopt(incoming, sha, 'audio/ogg')).toEqual({
        sha256: sha,
        size: bytes.byteLength,
        mediaType: 'audio/ogg',
      });
      expect(fs.existsSync(incoming)).toBe(false);
    }
    expect(store.has(sha)).toBe(true);
    expect(store.read(sha)).toEqual(Buffer.from(bytes));
    expect(fs.readdirSync(store.incomingDir())).toEqual([]);
    expect(store.has('../../etc/passwd')).toBe(false);
  });

  it('reports a missing blob clearly', () => {
    const store = new BlobStore(temp.dir, db);
    expect(() => store.read('0'.repeat(64))).toThrowError(/No blob/);
  });
});
