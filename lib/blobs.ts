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
  /** The store's folder, `<dataDir>/blobs` (garbage collection walks it). */
  readonly root: string;

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
    this.record(sha256, bytes.byteLength, mediaType);
    if (!fs.existsSync(target)) {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      // Write beside the target and rename: readers never see a half-written blob.
      const temp = `${target}.${randomBytes(6).toString('hex')}.partial`;
      fs.writeFileSync(temp, bytes);
      fs.renameSync(temp, target);
    }
    return { sha256, size: bytes.byteLength, mediaType };
  }

  /**
   * Records the blob as stored now, before its file is checked or written. Garbage collection
   * (lib/storage/blob-gc.ts) deletes a row and unlinks its file inside one write transaction and
   * spares recently stored rows, so whichever of the two runs first, a blob stored here keeps its
   * file: either the collection already ran and the file is written again, or it sees this row.
   * Also used by the collection itself to restore the row of a referenced file that lost it.
   */
  record(sha256: string, size: number, mediaType = 'application/octet-stream'): void {
    const now = Date.now();
    this.db
      .prepare(
        `INSERT INTO blobs (sha256, size, media_type, created_at, stored_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (sha256) DO UPDATE SET stored_at = max(stored_at, excluded.stored_at)`,
      )
      .run(sha256, size, mediaType, now, now);
  }

  /** The folder for files being written into the store (same filesystem, so adopting is a rename). */
  incomingDir(): string {
    const dir = path.join(this.root, 'incoming');
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** A fresh path under incomingDir() for a writer that streams and hashes as it goes. */
  incomingPath(): string {
    return path.join(this.incomingDir(), `${randomBytes(8).toString('hex')}.partial`);
  }

  /**
   * Moves a file written under incomingDir() into the store under the hash its writer computed while
   * writing it (large uploads and rendered audio are never held in memory or hashed twice). The
   * caller vouches for the hash; if the blob already exists the new copy is simply dropped.
   */
  adopt(file: string, sha256: string, mediaType = 'application/octet-stream'): BlobInfo {
    const target = this.pathFor(sha256);
    const size = fs.statSync(file).size;
    this.record(sha256, size, mediaType);
    if (fs.existsSync(target)) {
      fs.rmSync(file, { force: true });
    } else {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.renameSync(file, target);
    }
    return { sha256, size, mediaType };
  }

  /** True when the blob's bytes are on disk (a row alone is not enough to serve it). */
  has(sha256: string): boolean {
    return isSha256Hex(sha256) && fs.existsSync(this.pathFor(sha256));
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
