/**
 * The three clip-file routes (audio, peaks, source) start the same way: the viewer must be allowed
 * to see the clip's dataset, and the blob must be on disk, or the answer is a 404 that says which
 * file is missing.
 */
import 'server-only';
import { getDb } from '../../db';
import { PublicError } from '../../http/errors';
import { datasetOfClip } from '../access';
import { getBlobStore } from '../blob-store';

import { findClipRow } from '../clips-store';
import { viewerOf } from './viewer';

export function viewableClipBlob(
  request: Request,
  clipId: string,
  column: 'audio_sha256' | 'peaks_sha256' | 'source_sha256',
  what: string,
) {
  const db = getDb();
  datasetOfClip(db, clipId, viewerOf(request), false);
  const clip = findClipRow(db, clipId);
  const blobs = getBlobStore();
  if (!clip || !blobs.has(clip[column])) {
    throw new PublicError('not_found', `This clip's ${what} is missing on the server.`, 404);
  }
  return { clip, blobs, sha256: clip[column] };
}
