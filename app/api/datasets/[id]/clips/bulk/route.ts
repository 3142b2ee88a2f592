import { ownedDataset } from '@/lib/datasets/access';
import { bulkUpdateClips } from '@/lib/datasets/clips-store';
import { type IdContext, json } from '@/lib/datasets/http/responses';
import { bulkClipRequestSchema, DATASET_LIMITS } from '@/lib/datasets/model';
import { getDb } from '@/lib/db';
import { readJson } from '@/lib/http/body';
import { errorResponse } from '@/lib/http/errors';
import { guardMutation } from '@/lib/http/guard';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Room for the largest id list the schema allows (ids are at most 37 characters plus quoting). */
const BODY_LIMIT = DATASET_LIMITS.maxClipsPerDataset * 48 + 4096;

/** Sets status, licence or attribution on many clips at once; returns how many changed. */
export async function POST(request: Request, context: IdContext) {
  try {
    const { session } = guardMutation(request);
    const { id } = await context.params;
    const db = getDb();
    const dataset = ownedDataset(db, id, session.address);
    const body = await readJson(request, bulkClipRequestSchema, BODY_LIMIT);
    return json({ updated: bulkUpdateClips(db, dataset.id, body) });
  } catch (error) {
    return errorResponse(error);
  }
}
