import { datasetOfClip } from '@/lib/datasets/access';
import { getBlobStore } from '@/lib/datasets/blob-store';
import { findClipRow } from '@/lib/datasets/clips-store';
import type { IdContext } from '@/lib/datasets/http/responses';
import { viewerOf } from '@/lib/datasets/http/viewer';
import { getDb } from '@/lib/db';
import { errorResponse, PublicError } from '@/lib/http/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Waveform peaks (computed once at import, stored as a JSON blob). */
export async function GET(request: Request, context: IdContext) {
  try {
    const { id } = await context.params;
    const db = getDb();
    datasetOfClip(db, id, viewerOf(request), false);
    const clip = findClipRow(db, id);
    const blobs = getBlobStore();
    if (!clip || !blobs.has(clip.peaks_sha256))
      throw new PublicError('not_found', "This clip's waveform is missing on the server.", 404);
    const etag = `"${clip.peaks_sha256}"`;
    const headers = { 'content-type': 'application/json', etag, 'cache-control': 'private, no-cache' };
    if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
    return new Response(new Uint8Array(blobs.read(clip.peaks_sha256)), { headers });
  } catch (error) {
    return errorResponse(error);
  }
}
