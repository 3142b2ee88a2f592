import { datasetOfClip } from '@/lib/datasets/access';
import { type IdContext, json } from '@/lib/datasets/http/responses';
import { clipSuggestionsRequestSchema, setClipSuggestions } from '@/lib/datasets/suggestions-store';
import { getDb } from '@/lib/db';
import { readJson } from '@/lib/http/body';
import { errorResponse } from '@/lib/http/errors';
import { guardMutation } from '@/lib/http/guard';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Stores a clip's machine suggestions (ClipSuggestions → Clip). Separate from PATCH /api/clips/:id,
 * which carries only what the miner decided; suggestions stay machine-made until they accept them.
 */
export async function PUT(request: Request, context: IdContext) {
  try {
    const { session } = guardMutation(request);
    const { id } = await context.params;
    const db = getDb();
    datasetOfClip(db, id, session.address, true);
    const body = await readJson(request, clipSuggestionsRequestSchema);
    return json(setClipSuggestions(db, id, body));
  } catch (error) {
    return errorResponse(error);
  }
}
