import { readableDataset } from '@/lib/datasets/access';
import { listEmbeddings } from '@/lib/datasets/clips-store';
import { type IdContext, json } from '@/lib/datasets/http/responses';
import { viewerOf } from '@/lib/datasets/http/viewer';
import type { DatasetEmbeddingsResponse } from '@/lib/datasets/model';
import { getDb } from '@/lib/db';
import { errorResponse } from '@/lib/http/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The CLAP audio embeddings of the clips that have a preview (for the diversity view). */
export async function GET(request: Request, context: IdContext) {
  try {
    const { id } = await context.params;
    const db = getDb();
    const dataset = readableDataset(db, id, viewerOf(request));
    const body: DatasetEmbeddingsResponse = { clips: listEmbeddings(db, dataset.id) };
    return json(body);
  } catch (error) {
    return errorResponse(error);
  }
}
