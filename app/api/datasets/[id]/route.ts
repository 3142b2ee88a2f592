import { ownedDataset, readableDataset } from '@/lib/datasets/access';
import { deleteDataset, summarize, updateDataset } from '@/lib/datasets/datasets-store';
import { type IdContext, json } from '@/lib/datasets/http/responses';
import { viewerOf } from '@/lib/datasets/http/viewer';
import { updateDatasetRequestSchema } from '@/lib/datasets/model';
import { getDb } from '@/lib/db';
import { readJson } from '@/lib/http/body';
import { errorResponse } from '@/lib/http/errors';
import { guardMutation } from '@/lib/http/guard';
import { scheduleHousekeeping } from '@/lib/storage/housekeeping-schedule';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(request: Request, context: IdContext) {
  try {
    const { id } = await context.params;
    const db = getDb();
    const viewer = viewerOf(request);
    return json(summarize(db, readableDataset(db, id, viewer), viewer));
  } catch (error) {
    return errorResponse(error);
  }
}

/** Rename, describe, or share/unshare. */
export async function PATCH(request: Request, context: IdContext) {
  try {
    const { session } = guardMutation(request);
    const { id } = await context.params;
    const db = getDb();
    ownedDataset(db, id, session.address);
    const patch = await readJson(request, updateDatasetRequestSchema);
    return json(summarize(db, updateDataset(db, id, patch), session.address));
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * Deletes the dataset with its clips and imports. Its blobs may be shared with other datasets, so
 * they are left to storage housekeeping: a run shortly after (not in this request) marks the ones
 * nothing references any more, and a later hourly run deletes those still unreferenced an hour on
 * (an export or download streaming them meanwhile keeps its files).
 */
export async function DELETE(request: Request, context: IdContext) {
  try {
    const { session } = guardMutation(request);
    const { id } = await context.params;
    const db = getDb();
    ownedDataset(db, id, session.address);
    deleteDataset(db, id);
    scheduleHousekeeping();
    return json({ ok: true });
  } catch (error) {
    return errorResponse(error);
  }
}
