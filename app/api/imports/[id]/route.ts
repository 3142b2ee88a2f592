import { datasetOfImport, notFound } from '@/lib/datasets/access';
import { type IdContext, json } from '@/lib/datasets/http/responses';
import { viewerOf } from '@/lib/datasets/http/viewer';
import { findImportJob } from '@/lib/datasets/import-rows';
import { getDb } from '@/lib/db';
import { errorResponse } from '@/lib/http/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** One import with every file's state (the browser polls this while it runs). */
export async function GET(request: Request, context: IdContext) {
  try {
    const { id } = await context.params;
    const db = getDb();
    datasetOfImport(db, id, viewerOf(request), false);
    const job = findImportJob(db, id);
    if (!job) throw notFound('import');
    return json(job);
  } catch (error) {
    return errorResponse(error);
  }
}
