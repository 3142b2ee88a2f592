import { readableDataset } from '@/lib/datasets/access';
import { listClipRows, parseClipQuery } from '@/lib/datasets/clip-query';
import { type IdContext, json } from '@/lib/datasets/http/responses';
import { viewerOf } from '@/lib/datasets/http/viewer';
import { getDb } from '@/lib/db';
import { errorResponse } from '@/lib/http/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The review list: compact rows filtered and sorted per ClipQuery (all matches in one response). */
export async function GET(request: Request, context: IdContext) {
  try {
    const { id } = await context.params;
    const db = getDb();
    const dataset = readableDataset(db, id, viewerOf(request));
    const query = parseClipQuery(new URL(request.url).searchParams);
    return json(listClipRows(db, dataset.id, query));
  } catch (error) {
    return errorResponse(error);
  }
}
