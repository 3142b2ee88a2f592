/**
 * Content-addressed storage for binary blobs (audio, rendered modules, peaks). Files live under
 * `<dataDir>/blobs/<first two hex>/<sha256>`; the path is derived only from the hash we computed,
 * never from a name a client sent, so a hostile file name cannot escape the data directory.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './db';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export class BlobStoreError extends Error {
  override name = 'BlobStoreError';
}

export interface BlobInfo {
  sha256: string;
  size: number;
  mediaType: string;
}

export function isSha256Hex(value: string): boolean {
  return SHA256_HEX.test(value);
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class BlobStore {
  private readonly root: string;

  constructor(
    dataDir: string,
    private readonly db: Db,
  ) {
    this.root = path.resolve(dataDir, 'blobs');
  }

  /** Absolute path for a hash; throws on anything that is not 64 lowercase hex characters. */
  pathFor(sha256: string): string {
    if (!isSha256Hex(sha256)) throw new BlobStoreError('Blob ids are 64 lowercase hex characters.');
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  /** Stores bytes once; storing the same content again is a cheap no-op that returns the same id. */
  put(bytes: Uint8Array, mediaType = 'application/octet-stream'): BlobInfo {
    const sha256 = sha256Hex(bytes);
    const target = this.pathFor(sha256);
    if (!fs.existsSync(target)) {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      // Write beside the target and rename: readers never see a half-written blob.
      const temp = `${target}.${randomBytes(6).toString('hex')}.partial`;
      fs.writeFileSync(temp, bytes);
      fs.renameSync(temp, target);
    }
    this.db
      .prepare('INSERT OR IGNORE INTO blobs (sha256, size, media_type, created_at) VALUES (?, ?, ?, ?)')
      .run(sha256, bytes.byteLength, mediaType, Date.now());
    return { sha256, size: bytes.byteLength, mediaType };
  }

  info(sha256: string): BlobInfo | undefined {
    if (!isSha256Hex(sha256)) return undefined;
    const row = this.db.prepare('SELECT sha256, size, media_type FROM blobs WHERE sha256 = ?').get(sha256) as
      | { sha256: string; size: number; media_type: string }
      | undefined;
    return row && { sha256: row.sha256, size: row.size, mediaType: row.media_type };
  }

  read(sha256: string): Buffer {
    const file = this.pathFor(sha256);
    if (!fs.existsSync(file)) throw new BlobStoreError(`No blob ${sha256}.`);
    return fs.readFileSync(file);
  }
}
