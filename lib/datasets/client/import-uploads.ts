/**
 * The upload half of the import client: one queue for the page (2 uploads at a time), bytes read
 * from OPFS (or memory where OPFS is unavailable), byte progress into the import store, and the
 * react-query invalidations that make the rows catch up with the server.
 */
import { ApiError } from '../../http/api-client';
import { datasetKeys } from '../../queries/datasets';
import { getQueryClient } from '../../queries/query-client';
import { uploadImportItem } from './import-api';
import { getImport, updateImport, updateItem } from './import-store';
import { dropStashed, readStashed } from './opfs-stash';
import { UploadQueue } from './upload-queue';

const queue = new UploadQueue(2, (key, error) => console.warn('[genki] upload task failed', key, error));
/** Bytes not (yet) in OPFS, by `${importId}/${itemId}`; dropped once stashed or sent. */
const memory = new Map<string, Blob>();

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Keeps an item's bytes in memory (OPFS missing or full): they are lost on reload. */
export function keepInMemory(importId: string, itemId: string, data: Blob) {
  memory.set(`${importId}/${itemId}`, data);
}

export function invalidateImport(datasetId: string, importId?: string) {
  const client = getQueryClient();
  void client.invalidateQueries({ queryKey: datasetKeys.imports(datasetId) });
  if (importId) void client.invalidateQueries({ queryKey: datasetKeys.importJob(importId) });
}

export async function finishWhenIdle(importId: string) {
  await queue.idle();
  const entry = getImport(importId);
  if (entry?.phase === 'uploading') updateImport(importId, { phase: 'finished' });
}

async function bytesFor(importId: string, itemId: string): Promise<Blob | null> {
  return memory.get(`${importId}/${itemId}`) ?? (await readStashed(importId, itemId));
}

/** Web Locks keep two tabs (say, both resuming after a restart) from sending the same item. */
async function withItemLock(itemId: string, task: () => Promise<void>): Promise<void> {
  const locks = globalThis.navigator?.locks;
  if (!locks) return task();
  await locks.request(`genki-import-item:${itemId}`, { ifAvailable: true }, async (lock) => {
    if (lock) await task();
  });
}

export function enqueueUpload(datasetId: string, importId: string, itemId: string) {
  const entry = getImport(importId);
  if (entry && !entry.items.has(itemId)) return;
  queue.enqueue({
    key: `${importId}/${itemId}`,
    run: (signal) =>
      withItemLock(itemId, async () => {
        const data = await bytesFor(importId, itemId);
        if (!data) {
          updateItem(importId, itemId, {
            state: 'error',
            error: 'This browser no longer has the file. Import it again to upload it.',
          });
          return;
        }
        updateItem(importId, itemId, { state: 'uploading', loaded: 0, error: null, size: data.size });
        try {
          const item = await uploadImportItem(
            importId,
            itemId,
            data,
            (loaded) => updateItem(importId, itemId, { loaded }, 'progress'),
            signal,
          );
          updateItem(importId, itemId, { state: 'sent', loaded: data.size });
          if (item.state !== 'pending') {
            memory.delete(`${importId}/${itemId}`);
            await dropStashed(importId, itemId);
          }
        } catch (error) {
          if (error instanceof ApiError && error.status === 409) {
            // The server no longer waits for these bytes (another tab sent them, or the item moved
            // on): its own state is what the row shows now. The next load tidies the stash.
            updateItem(importId, itemId, { state: 'sent' });
          } else {
            // Keep the bytes: Retry sends them again without asking for the file.
            updateItem(importId, itemId, { state: 'error', error: message(error) });
            if (error instanceof ApiError && error.status === 404) await dropStashed(importId, itemId);
          }
        } finally {
          invalidateImport(datasetId, importId);
        }
      }),
  });
}
