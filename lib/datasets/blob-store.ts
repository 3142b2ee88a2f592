/** The content-addressed blob store of the configured data directory (audio, renders, peaks). */
import 'server-only';
import { BlobStore } from '../blobs';
import { getDb } from '../db';
import { getConfig } from '../env';

export function getBlobStore(): BlobStore {
  return new BlobStore(getConfig().dataDir, getDb());
}
