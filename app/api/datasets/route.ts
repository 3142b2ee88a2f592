import { createDataset, listDatasets, summarize } from '@/lib/datasets/datasets-store';
import { json } from '@/lib/datasets/http/responses';
import { viewerOf } from '@/lib/datasets/http/viewer';
import { createDatasetRequestSchema, type DatasetSummary } from '@/lib/datasets/model';
import { getDb } from '@/lib/db';
import { readJson } from '@/lib/http/body';
import { errorResponse } from '@/lib/http/errors';
import { guardMutation } from '@/lib/http/guard';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The viewer's datasets and everyone's shared ones (anonymous visitors see only shared ones). */
export async function GET(request: Request) {
  try {
    return json(listDatasets(getDb(), viewerOf(request)));
  } catch (error) {
    return errorResponse(error);
  }
}

/** A new, private, empty dataset owned by the signed-in account. */
export async function POST(request: Request) {
  try {
    const { session } = guardMutation(request);
    const input = await readJson(request, createDatasetRequestSchema);
    const db = getDb();
    const summary: DatasetSummary = summarize(db, createDataset(db, session.address, input), session.address);
    return json(summary, 201);
  } catch (error) {
    return errorResponse(error);
  }
}
