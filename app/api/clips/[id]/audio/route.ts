import { datasetOfClip } from '@/lib/datasets/access';
import { getBlobStore } from '@/lib/datasets/blob-store';
import { findClipRow } from '@/lib/datasets/clips-store';
import { contentDisposition, withExtension } from '@/lib/datasets/http/content-disposition';
import { blobResponse } from '@/lib/datasets/http/range';
import type { IdContext } from '@/lib/datasets/http/responses';
import { viewerOf } from '@/lib/datasets/http/viewer';
import { getDb } from '@/lib/db';
import { errorResponse, PublicError } from '@/lib/http/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The playable audio (a module's rendered WAV), with Range support for seeking. */
export async function GET(request: Request, context: IdContext) {
  try {
    const { id } = await context.params;
    const db = getDb();
    datasetOfClip(db, id, viewerOf(request), false);
    const clip = findClipRow(db, id);
    const blobs = getBlobStore();
    if (!clip || !blobs.has(clip.audio_sha256))
      throw new PublicError('not_found', "This clip's audio is missing on the server.", 404);
    const name = clip.is_rendered_module ? withExtension(clip.file_name, 'wav') : clip.file_name;
    return blobResponse(request, {
      file: blobs.pathFor(clip.audio_sha256),
      size: blobs.info(clip.audio_sha256)?.size ?? 0,
      mediaType: clip.audio_media_type,
      etag: clip.audio_sha256,
      disposition: contentDisposition('inline', name),
    });
  } catch (error) {
    return errorResponse(error);
  }
}
