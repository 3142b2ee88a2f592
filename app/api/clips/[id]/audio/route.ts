import { viewableClipBlob } from '@/lib/datasets/http/clip-blob';
import { contentDisposition, withExtension } from '@/lib/datasets/http/content-disposition';
import { blobResponse } from '@/lib/datasets/http/range';
import type { IdContext } from '@/lib/datasets/http/responses';
import { errorResponse } from '@/lib/http/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The playable audio (a module's rendered WAV), with Range support for seeking. */
export async function GET(request: Request, context: IdContext) {
  try {
    const { id } = await context.params;
    const { clip, blobs, sha256 } = viewableClipBlob(request, id, 'audio_sha256', 'audio');
    const name = clip.is_rendered_module ? withExtension(clip.file_name, 'wav') : clip.file_name;
    return blobResponse(request, {
      file: blobs.pathFor(sha256),
      size: blobs.info(sha256)?.size ?? 0,
      mediaType: clip.audio_media_type,
      etag: sha256,
      disposition: contentDisposition('inline', name),
    });
  } catch (error) {
    return errorResponse(error);
  }
}
