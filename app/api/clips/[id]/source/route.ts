import { viewableClipBlob } from '@/lib/datasets/http/clip-blob';
import { contentDisposition } from '@/lib/datasets/http/content-disposition';
import { blobResponse } from '@/lib/datasets/http/range';
import type { IdContext } from '@/lib/datasets/http/responses';
import { errorResponse } from '@/lib/http/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The file exactly as imported (e.g. the .mod a clip was rendered from), as a download. */
export async function GET(request: Request, context: IdContext) {
  try {
    const { id } = await context.params;
    const { clip, blobs, sha256 } = viewableClipBlob(request, id, 'source_sha256', 'source file');
    return blobResponse(request, {
      file: blobs.pathFor(sha256),
      size: blobs.info(sha256)?.size ?? 0,
      mediaType: clip.source_media_type,
      etag: sha256,
      disposition: contentDisposition('attachment', clip.file_name),
    });
  } catch (error) {
    return errorResponse(error);
  }
}
