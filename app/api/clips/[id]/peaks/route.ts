import { viewableClipBlob } from '@/lib/datasets/http/clip-blob';
import type { IdContext } from '@/lib/datasets/http/responses';
import { errorResponse } from '@/lib/http/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Waveform peaks (computed once at import, stored as a JSON blob). */
export async function GET(request: Request, context: IdContext) {
  try {
    const { id } = await context.params;
    const { blobs, sha256 } = viewableClipBlob(request, id, 'peaks_sha256', 'waveform');
    const etag = `"${sha256}"`;
    const headers = { 'content-type': 'application/json', etag, 'cache-control': 'private, no-cache' };
    if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
    return new Response(new Uint8Array(blobs.read(sha256)), { headers });
  } catch (error) {
    return errorResponse(error);
  }
}
