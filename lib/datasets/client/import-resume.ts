/**
 * After a reload: pick up every import whose pending files are still stashed in OPFS, and tidy up
 * what the server no longer needs. Also guards the one window where leaving the page loses work
 * (files being read or hashed, or uploads with nothing stashed).
 */
import { ApiError, apiRequest } from '../../http/api-client';
import { datasetKeys } from '../../queries/datasets';
import { getQueryClient } from '../../queries/query-client';
import { importJobSchema } from '../model';
import { resumeJob } from './import-retry';
import { hasUnsavedWork } from './import-store';
import { dropImport, dropStashed, listStashed, readStashed } from './opfs-stash';

/** Bytes of a failed item are kept this long so Retry can send them again without the file. */
const KEEP_FAILED_MS = 7 * 24 * 3600 * 1000;

let started = false;

/** Idempotent: the first call per page load does the work. */
export function resumeImports(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  window.addEventListener('beforeunload', (event) => {
    if (hasUnsavedWork()) event.preventDefault();
  });
  void resumeAll().catch((error: unknown) => console.warn('[genki] could not resume imports', error));
}

async function resumeAll() {
  const stashed = await listStashed();
  for (const [importId, itemIds] of stashed) {
    let job: Awaited<ReturnType<typeof fetchJob>>;
    try {
      job = await fetchJob(importId);
    } catch (error) {
      // Gone (deleted dataset, another account's import): nothing will ever want these bytes.
      if (error instanceof ApiError && error.status === 404) await dropImport(importId);
      continue;
    }
    getQueryClient().setQueryData(datasetKeys.importJob(importId), job);
    const items = new Map(job.items.map((item) => [item.id, item]));
    const resumable: string[] = [];
    let kept = 0;
    for (const itemId of itemIds) {
      const item = items.get(itemId);
      if (job.state === 'running' && item?.state === 'pending') {
        // Bytes of another size than the import announced would be refused by the server: they are
        // not this file (a torn write). The item then waits for the file to be added again.
        const file = await readStashed(importId, itemId);
        if (file && file.size === item.size) {
          resumable.push(itemId);
          kept++;
        } else {
          await dropStashed(importId, itemId);
        }
      } else if (item?.state === 'failed' && (await isRecent(importId, itemId))) {
        kept++;
      } else {
        await dropStashed(importId, itemId);
      }
    }
    if (kept === 0) await dropImport(importId);
    resumeJob(job, resumable);
  }
}

function fetchJob(importId: string) {
  return apiRequest(`/api/imports/${encodeURIComponent(importId)}`, importJobSchema);
}

async function isRecent(importId: string, itemId: string): Promise<boolean> {
  const file = await readStashed(importId, itemId);
  return file !== null && Date.now() - file.lastModified < KEEP_FAILED_MS;
}
