import { describe, expect, it } from 'vitest';
import type { ImportItem, ImportJob } from '../model';
import { itemView, overallProgress } from './import-progress';
import type { LocalImport, LocalItem } from './import-store';

const item = (id: string, state: ImportItem['state'], error: string | null = null): ImportItem => ({
  id: `imi_${id.padEnd(10, '0')}`,
  position: 0,
  fileName: `${id}.wav`,
  relativePath: `album/${id}.wav`,
  size: 1000,
  sha256: 'a'.repeat(64),
  state,
  error,
  clipId: null,
});

function job(items: ImportItem[], kind: ImportJob['kind'] = 'files'): ImportJob {
  return {
    id: 'imp_0000000000',
    datasetId: 'ds_0000000000',
    kind,
    label: 'album',
    state: 'running',
    error: null,
    counts: { pending: 0, uploaded: 0, processing: 0, done: 0, duplicate: 0, failed: 0 },
    total: items.length,
    items,
    createdAt: 0,
    updatedAt: 0,
  };
}

function local(entries: [ImportItem, Partial<LocalItem>][]): LocalImport {
  return {
    key: 'imp_0000000000',
    importId: 'imp_0000000000',
    datasetId: 'ds_0000000000',
    label: 'album',
    phase: 'uploading',
    prepared: null,
    error: null,
    refused: [],
    warnings: [],
    skipped: 0,
    resumable: true,
    stashing: false,
    resumed: false,
    items: new Map(
      entries.map(([server, patch]) => [
        server.id,
        {
          itemId: server.id,
          fileName: server.fileName,
          size: server.size,
          loaded: 0,
          state: 'waiting',
          error: null,
          ...patch,
        },
      ]),
    ),
  };
}

describe('import rows', () => {
  it('shows local upload progress and errors while the server still waits for the bytes', () => {
    const a = item('a', 'pending');
    const b = item('b', 'pending');
    const c = item('c', 'pending');
    const mine = local([
      [a, { state: 'uploading', loaded: 450 }],
      [b, { state: 'error', error: 'The upload was interrupted.' }],
      [c, {}],
    ]);
    expect(itemView(a, mine, 'files')).toMatchObject({
      state: 'uploading',
      label: 'Uploading 45%',
      fraction: 0.45,
    });
    expect(itemView(b, mine, 'files')).toMatchObject({
      state: 'upload-failed',
      label: 'Upload failed: The upload was interrupted.',
      canRetry: true,
    });
    expect(itemView(c, mine, 'files')).toMatchObject({ state: 'waiting', label: 'Waiting to upload' });
  });

  it('lets the server win once it has moved an item on', () => {
    const failed = item('f', 'failed', 'not an audio file');
    const mine = local([[failed, { state: 'sent', loaded: 1000 }]]);
    expect(itemView(failed, mine, 'files')).toMatchObject({
      label: 'Failed: not an audio file',
      canRetry: true,
    });
    expect(itemView(item('d', 'duplicate'), mine, 'files').label).toBe('Duplicate: already in the dataset');
    expect(itemView(item('p', 'pending'), undefined, 'hub')).toMatchObject({
      label: 'Queued',
      canRetry: false,
    });
  });
});

describe('overall import progress', () => {
  it('counts settled items fully, uploads as three quarters, and bytes in flight pro rata', () => {
    const items = [
      item('a', 'done'),
      item('b', 'duplicate'),
      item('c', 'failed'),
      item('d', 'processing'),
      item('e', 'pending'),
    ];
    const mine = local([[items[4] as ImportItem, { state: 'uploading', loaded: 500 }]]);
    const progress = overallProgress(job(items), mine);
    expect(progress.max).toBe(5);
    expect(progress.value).toBeCloseTo(3 + 0.75 + 0.375);
    expect(progress.text).toBe('3 of 5 files settled: 1 imported, 1 duplicate, 1 failed');
  });
});
