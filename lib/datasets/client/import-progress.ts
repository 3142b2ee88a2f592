/**
 * What each import row and the overall bar show, merged from the server's view of the job (item
 * states, from react-query) and this browser's view (bytes sent, upload errors). Pure, so the rules
 * are tested without a DOM: the server wins once it has moved an item past `pending`.
 */
import type { ImportItem, ImportJob } from '../model';
import type { LocalImport } from './import-store';

export type ItemViewState = 'waiting' | 'uploading' | 'upload-failed' | ImportItem['state'];

export interface ItemView {
  id: string;
  fileName: string;
  path: string;
  size: number;
  state: ItemViewState;
  /** One short phrase for the row, e.g. "Uploading 45%", "Failed: not an audio file". */
  label: string;
  /** Upload progress in [0, 1] while bytes are being sent, else null. */
  fraction: number | null;
  error: string | null;
  canRetry: boolean;
}

const SETTLED = new Set<ImportItem['state']>(['done', 'duplicate', 'failed']);
/** Share of an item's progress that is the upload; the rest is the server's processing. */
const UPLOAD_SHARE = 0.75;

export function itemView(
  item: ImportItem,
  local: LocalImport | undefined,
  kind: ImportJob['kind'],
): ItemView {
  const mine = local?.items.get(item.id);
  const base = {
    id: item.id,
    fileName: item.fileName,
    path: item.relativePath ?? item.fileName,
    size: item.size,
  };
  if (item.state === 'pending' && mine && mine.state !== 'sent') {
    if (mine.state === 'uploading') {
      const fraction = mine.size > 0 ? Math.min(1, mine.loaded / mine.size) : 0;
      return {
        ...base,
        state: 'uploading',
        label: `Uploading ${Math.floor(fraction * 100)}%`,
        fraction,
        error: null,
        canRetry: false,
      };
    }
    if (mine.state === 'error') {
      return {
        ...base,
        state: 'upload-failed',
        label: `Upload failed: ${mine.error ?? 'unknown error'}`,
        fraction: null,
        error: mine.error,
        canRetry: true,
      };
    }
    return {
      ...base,
      state: 'waiting',
      label: 'Waiting to upload',
      fraction: 0,
      error: null,
      canRetry: false,
    };
  }
  switch (item.state) {
    case 'pending':
      return {
        ...base,
        state: 'pending',
        label: kind === 'hub' ? 'Queued' : 'Waiting for its bytes',
        fraction: null,
        error: null,
        // A files import with nothing uploading here: Retry tries the bytes kept in this browser.
        canRetry: kind !== 'hub',
      };
    case 'uploaded':
      return {
        ...base,
        state: 'uploaded',
        label: kind === 'hub' ? 'Downloaded' : 'Uploaded',
        fraction: null,
        error: null,
        canRetry: false,
      };
    case 'processing':
      return {
        ...base,
        state: 'processing',
        label: 'Processing',
        fraction: null,
        error: null,
        canRetry: false,
      };
    case 'done':
      return { ...base, state: 'done', label: 'Imported', fraction: null, error: null, canRetry: false };
    case 'duplicate':
      return {
        ...base,
        state: 'duplicate',
        label: 'Duplicate: already in the dataset',
        fraction: null,
        error: null,
        canRetry: false,
      };
    case 'failed': {
      const error = item.error ?? mine?.error ?? 'unknown error';
      return { ...base, state: 'failed', label: `Failed: ${error}`, fraction: null, error, canRetry: true };
    }
  }
}

export interface OverallProgress {
  value: number;
  max: number;
  settled: number;
  /** E.g. "12 of 40 files settled: 10 imported, 1 duplicate, 1 failed". */
  text: string;
}

export function overallProgress(job: ImportJob, local: LocalImport | undefined): OverallProgress {
  let value = 0;
  const counts = { done: 0, duplicate: 0, failed: 0 };
  for (const item of job.items) {
    if (SETTLED.has(item.state)) {
      value += 1;
      counts[item.state as keyof typeof counts]++;
    } else if (item.state === 'uploaded' || item.state === 'processing') value += UPLOAD_SHARE;
    else {
      const mine = local?.items.get(item.id);
      if (mine?.state === 'sent') value += UPLOAD_SHARE;
      else if (mine && mine.size > 0) value += UPLOAD_SHARE * Math.min(1, mine.loaded / mine.size);
    }
  }
  const settled = counts.done + counts.duplicate + counts.failed;
  const total = Math.max(job.total, job.items.length);
  const parts = [`${counts.done} imported`];
  if (counts.duplicate) parts.push(`${counts.duplicate} duplicate${counts.duplicate === 1 ? '' : 's'}`);
  if (counts.failed) parts.push(`${counts.failed} failed`);
  return {
    value: Math.min(value, total),
    max: Math.max(total, 1),
    settled,
    text: `${settled} of ${total} file${total === 1 ? '' : 's'} settled: ${parts.join(', ')}`,
  };
}
