import { datasetOfClip } from '@/lib/datasets/access';
import { deleteClip, getClip, updateClip } from '@/lib/datasets/clips-store';
import { type IdContext, json } from '@/lib/datasets/http/responses';
import { viewerOf } from '@/lib/datasets/http/viewer';
import { updateClipRequestSchema } from '@/lib/datasets/model';
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
    datasetOfClip(db, id, viewerOf(request), false);
    return json(getClip(db, id));
  } catch (error) {
    return errorResponse(error);
  }
}

/** The review edits: status, caption, tags, licence, attribution, trim. */
export async function PATCH(request: Request, context: IdContext) {
  try {
    const { session } = guardMutation(request);
    const { id } = await context.params;
    const db = getDb();
    datasetOfClip(db, id, session.address, true);
    const patch = await readJson(request, updateClipRequestSchema);
    return json(updateClip(db, id, patch));
  } catch (error) {
    return errorResponse(error);
  }
}

export async function DELETE(request: Request, context: IdContext) {
  try {
    const { session } = guardMutation(request);
    const { id } = await context.params;
    const db = getDb();
    datasetOfClip(db, id, session.address, true);
    deleteClip(db, id);
    scheduleHousekeeping(); // its blobs go once nothing else references them
    return json({ ok: true });
  } catch (error) {
    return errorResponse(error);
  }
}
