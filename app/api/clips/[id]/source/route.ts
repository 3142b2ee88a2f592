import { datasetOfClip } from '@/lib/datasets/access';
import { getBlobStore } from '@/lib/datasets/blob-store';
import { findClipRow } from '@/lib/datasets/clips-store';
import { contentDisposition } from '@/lib/datasets/http/content-disposition';
import { blobResponse } from '@/lib/datasets/http/range';
import type { IdContext } from '@/lib/datasets/http/responses';
import { viewerOf } from '@/lib/datasets/http/viewer';
import { getDb } from '@/lib/db';
import { errorResponse, PublicError } from '@/lib/http/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The file exactly as imported (e.g. the .mod a clip was rendered from), as a download. */
export async function GET(request: Request, context: IdContext) {
  try {
    const { id } = await context.params;
    const db = getDb();
    datasetOfClip(db, id, viewerOf(request), false);
    const clip = findClipRow(db, id);
    const blobs = getBlobStore();
    if (!clip || !blobs.has(clip.source_sha256))
      throw new PublicError('not_found', "This clip's source file is missing on the server.", 404);
    return blobResponse(request, {
      file: blobs.pathFor(clip.source_sha256),
      size: blobs.info(clip.source_sha256)?.size ?? 0,
      mediaType: clip.source_media_type,
      etag: clip.source_sha256,
      disposition: contentDisposition('attachment', clip.file_name),
    });
  } catch (error) {
    return errorResponse(error);
  }
}
