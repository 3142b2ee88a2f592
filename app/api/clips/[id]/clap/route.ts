import { datasetOfClip } from '@/lib/datasets/access';
import { setClapPreview } from '@/lib/datasets/clips-store';
import { type IdContext, json } from '@/lib/datasets/http/responses';
import { clapPreviewRequestSchema } from '@/lib/datasets/model';
import { getDb } from '@/lib/db';
import { readJson } from '@/lib/http/body';
import { errorResponse } from '@/lib/http/errors';
import { guardMutation } from '@/lib/http/guard';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** 512 numbers as JSON text: well under this with any formatting. */
const BODY_LIMIT = 256 * 1024;

/** Stores the browser's CLAP preview of this clip (score, model, caption hash, trim) and its embedding. */
export async function PUT(request: Request, context: IdContext) {
  try {
    const { session } = guardMutation(request);
    const { id } = await context.params;
    const db = getDb();
    datasetOfClip(db, id, session.address, true);
    const preview = await readJson(request, clapPreviewRequestSchema, BODY_LIMIT);
    return json(setClapPreview(db, id, preview));
  } catch (error) {
    return errorResponse(error);
  }
}
