/**
 * Imports this page did not start or that need a second go: Retry on one item, and picking up an
 * import after a reload (lib/datasets/client/import-resume.ts) from the bytes stashed in OPFS.
 */
import type { ImportItem, ImportJob } from '../model';
import { retryImportItem } from './import-api';
import { getImport, type LocalImport, putImport, updateImport, updateItem } from './import-store';
import { enqueueUpload, finishWhenIdle, invalidateImport } from './import-uploads';

/**
 * Retry one item. A server-side failure is retried with POST …/retry; when the server then asks for
 * the bytes again (state pending), or when only our upload failed, the bytes go up again from OPFS.
 */
export async function retryItem(datasetId: string, importId: string, item: ImportItem): Promise<void> {
  let state = item.state;
  if (state === 'failed') {
    const retried = await retryImportItem(importId, item.id);
    state = retried.state;
  }
  if (state === 'pending') {
    const entry = getImport(importId) ?? adoptImport(datasetId, importId, item.fileName, true);
    if (!entry.items.has(item.id)) {
      entry.items.set(item.id, {
        itemId: item.id,
        fileName: item.fileName,
        size: item.size,
        loaded: 0,
        state: 'waiting',
        error: null,
      });
    }
    updateItem(importId, item.id, { state: 'waiting', error: null, loaded: 0 });
    if (entry.phase !== 'uploading') updateImport(importId, { phase: 'uploading' });
    enqueueUpload(datasetId, importId, item.id);
    void finishWhenIdle(importId);
  }
  invalidateImport(datasetId, importId);
}

/** Registers an import this page did not start (resumed after a reload, or retried later). */
export function adoptImport(
  datasetId: string,
  importId: string,
  label: string,
  resumable: boolean,
): LocalImport {
  const existing = getImport(importId);
  if (existing) return existing;
  const entry: LocalImport = {
    key: importId,
    importId,
    datasetId,
    label,
    phase: 'uploading',
    prepared: null,
    error: null,
    refused: [],
    warnings: [],
    skipped: 0,
    items: new Map(),
    resumable,
    stashing: false,
    resumed: true,
  };
  putImport(entry);
  return entry;
}

/** Resumes the pending items of `job` whose bytes are stashed (called after a reload). */
export function resumeJob(job: ImportJob, stashedItemIds: readonly string[]) {
  const stashed = new Set(stashedItemIds);
  const pending = job.items.filter((item) => item.state === 'pending' && stashed.has(item.id));
  if (pending.length === 0) return;
  const entry = adoptImport(job.datasetId, job.id, job.label, true);
  for (const item of pending) {
    if (!entry.items.has(item.id)) {
      entry.items.set(item.id, {
        itemId: item.id,
        fileName: item.fileName,
        size: item.size,
        loaded: 0,
        state: 'waiting',
        error: null,
      });
    }
  }
  updateImport(job.id, { phase: 'uploading' });
  for (const item of pending) enqueueUpload(job.datasetId, job.id, item.id);
  void finishWhenIdle(job.id);
}
