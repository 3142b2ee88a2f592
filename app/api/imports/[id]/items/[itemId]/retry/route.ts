import { datasetOfImport, notFound } from '@/lib/datasets/access';
import { getBlobStore } from '@/lib/datasets/blob-store';
import { json } from '@/lib/datasets/http/responses';
import { resumeHubImport } from '@/lib/datasets/hub-import/default-deps';
import { retryItem } from '@/lib/datasets/import-items';
import { findItem, toImportItem } from '@/lib/datasets/import-rows';
import { kickPipeline } from '@/lib/datasets/pipeline/clip-pipeline';
import { type Db, getDb } from '@/lib/db';
import { errorResponse, PublicError } from '@/lib/http/errors';
import { guardMutation } from '@/lib/http/guard';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

function isHubImport(db: Db, importId: string): boolean {
  const row = db.prepare('SELECT kind FROM imports WHERE id = ?').get(importId) as
    | { kind: string }
    | undefined;
  return row?.kind === 'hub';
}

interface ItemContext {
  params: Promise<{ id: string; itemId: string }>;
}

/**
 * Retries a failed file: processed again from the bytes already received, or back to 'pending'
 * (the browser uploads it again) when no bytes were received.
 */
export async function POST(request: Request, context: ItemContext) {
  try {
    const { session } = guardMutation(request);
    const { id, itemId } = await context.params;
    const db = getDb();
    datasetOfImport(db, id, session.address, true);
    const item = findItem(db, itemId);
    if (!item || item.import_id !== id) throw notFound('item');
    if (item.state !== 'failed')
      throw new PublicError('conflict', `Only a failed file can be retried; this one is ${item.state}.`, 409);
    const hasBytes = item.blob_sha256 !== null && getBlobStore().has(item.blob_sha256);
    const next = retryItem(db, item, hasBytes);
    if (next === 'uploaded') kickPipeline();
    else if (isHubImport(db, id)) resumeHubImport(id); // Hub files are downloaded again by the server.
    const updated = findItem(db, itemId);
    if (!updated) throw notFound('item');
    return json(toImportItem(updated));
  } catch (error) {
    return errorResponse(error);
  }
}
