import { datasetOfImport, notFound } from '@/lib/datasets/access';
import { getBlobStore } from '@/lib/datasets/blob-store';
import { json } from '@/lib/datasets/http/responses';
import { receiveUpload } from '@/lib/datasets/http/upload';
import { findItem, type ItemDbRow, type ItemState } from '@/lib/datasets/import-rows';
import { acceptItemFile } from '@/lib/datasets/pipeline/ingest';
import { getDb } from '@/lib/db';
import { errorResponse, PublicError } from '@/lib/http/errors';
import { guardMutation } from '@/lib/http/guard';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

interface ItemContext {
  params: Promise<{ id: string; itemId: string }>;
}

const NOT_PENDING: Record<Exclude<ItemState, 'pending'>, string> = {
  uploaded: 'This file was already received and is waiting to be processed.',
  processing: 'This file was already received and is being processed.',
  done: 'This file is already imported.',
  duplicate: 'This file is a duplicate, so there is nothing to upload.',
  failed: 'This file failed; retry it first, then upload it again if asked to.',
};

function pendingItem(item: ItemDbRow | undefined, importId: string): ItemDbRow {
  if (!item || item.import_id !== importId) throw notFound('item');
  if (item.state !== 'pending') throw new PublicError('conflict', NOT_PENDING[item.state], 409);
  return item;
}

/** The raw bytes of one announced file (application/octet-stream, Content-Length required). */
export async function PUT(request: Request, context: ItemContext) {
  try {
    const { session } = guardMutation(request);
    const { id, itemId } = await context.params;
    const db = getDb();
    datasetOfImport(db, id, session.address, true);
    const item = pendingItem(findItem(db, itemId), id);
    const blobs = getBlobStore();
    const temp = blobs.incomingPath();
    const received = await receiveUpload(request, { size: item.size, sha256: item.sha256 }, temp);
    // The item may have changed while the bytes streamed in (a second upload, a deleted dataset).
    try {
      pendingItem(findItem(db, itemId), id);
    } catch (error) {
      blobs.adopt(temp, received.sha256);
      throw error;
    }
    return json(acceptItemFile(db, blobs, item, temp, received.sha256));
  } catch (error) {
    return errorResponse(error);
  }
}
