import { ownedDataset } from '@/lib/datasets/access';
import { json } from '@/lib/datasets/http/responses';
import { defaultHubImportDeps } from '@/lib/datasets/hub-import/default-deps';
import { startHubImport } from '@/lib/datasets/hub-import/hub-import';
import { hubImportRequestSchema } from '@/lib/datasets/model';
import { getDb } from '@/lib/db';
import { readJson } from '@/lib/http/body';
import { errorResponse } from '@/lib/http/errors';
import { guardMutation } from '@/lib/http/guard';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * POST /api/datasets/:id/imports/hub (HubImportRequest) → ImportJob. The repo, revision and
 * metadata are checked before the job exists (bad ids 400, missing repo or revision 404, no or
 * unreadable metadata 422, Hub unreachable 502); the audio then downloads in the background and
 * the job is polled like any other import.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { session } = guardMutation(request);
    const { id } = await params;
    const db = getDb();
    const dataset = ownedDataset(db, id, session.address);
    const body = await readJson(request, hubImportRequestSchema);
    const { job } = await startHubImport(defaultHubImportDeps(), db, dataset, body);
    return json(job, 201);
  } catch (error) {
    return errorResponse(error);
  }
}
