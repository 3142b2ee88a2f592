import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { Clip, ClipRow } from '@/lib/datasets/model';
import { datasetKeys } from '@/lib/queries/datasets';
import { applyClipPatch, applyOptimistic, restoreSnapshot, snapshotClip, storeClip } from './clip-cache';

const DATASET = 'ds_abcdefghij12';
const hash = 'a'.repeat(64);

function clip(overrides: Partial<Clip> = {}): Clip {
  return {
    id: 'clip_abcdefghij12',
    datasetId: DATASET,
    position: 1,
    fileName: 'boss.wav',
    sourcePath: null,
    sourceSha256: hash,
    audioSha256: hash,
    format: 'wav',
    isRenderedModule: false,
    sampleRate: 48000,
    channels: 1,
    durationSeconds: 30,
    status: 'new',
    reportReason: null,
    caption: 'old caption',
    captionOrigin: 'imported',
    tags: { moods: ['dark'], instruments: [], genre: null, bpm: null, key: null },
    suggestions: { moods: [], instruments: [], bpm: null, caption: null, model: null },
    licence: null,
    attribution: null,
    trim: null,
    quality: { level: 'pass', checks: [] },
    clap: null,
    createdAt: 1,
    updatedAt: 1,
    ...overrides,
  };
}

function row(base: Clip, overrides: Partial<ClipRow> = {}): ClipRow {
  return {
    id: base.id,
    position: base.position,
    fileName: base.fileName,
    format: base.format,
    isRenderedModule: base.isRenderedModule,
    durationSeconds: base.durationSeconds,
    status: base.status,
    caption: base.caption,
    captionOrigin: base.captionOrigin,
    licence: base.licence,
    tags: base.tags,
    qualityLevel: base.quality.level,
    clapScore: 0.3,
    clapStale: false,
    ...overrides,
  };
}

function seeded() {
  const client = new QueryClient();
  const base = clip();
  const other = clip({ id: 'clip_zzzzzzzzzz99', fileName: 'other.wav' });
  client.setQueryData(datasetKeys.clip(base.id), base);
  const all = datasetKeys.clips(DATASET, {});
  const fresh = datasetKeys.clips(DATASET, { status: 'new' });
  client.setQueryData(all, { total: 2, clips: [row(base), row(other)] });
  client.setQueryData(fresh, { total: 1, clips: [row(base)] });
  return { client, base, all, fresh };
}

describe('clip cache', () => {
  it('applies a patch like the server, merging tags', () => {
    const next = applyClipPatch(clip(), {
      status: 'accepted',
      tags: { bpm: 120 },
      trim: { start: 1, end: 2 },
    });
    expect(next.status).toBe('accepted');
    expect(next.tags).toEqual({ moods: ['dark'], instruments: [], genre: null, bpm: 120, key: null });
    expect(next.trim).toEqual({ start: 1, end: 2 });
    expect(next.caption).toBe('old caption');
  });

  it('updates the clip and its row in every cached list, and rolls back', () => {
    const { client, base, all, fresh } = seeded();
    const snapshot = snapshotClip(client, DATASET, base.id);
    applyOptimistic(client, DATASET, base.id, { status: 'accepted', caption: 'new words' });
    type List = { clips: ClipRow[] };
    expect(client.getQueryData<Clip>(datasetKeys.clip(base.id))?.status).toBe('accepted');
    expect(client.getQueryData<List>(all)?.clips[0]).toMatchObject({
      status: 'accepted',
      caption: 'new words',
      clapStale: true,
    });
    expect(client.getQueryData<List>(all)?.clips[1]?.status).toBe('new');
    expect(client.getQueryData<List>(fresh)?.clips[0]?.status).toBe('accepted');
    restoreSnapshot(client, snapshot);
    expect(client.getQueryData<Clip>(datasetKeys.clip(base.id))?.status).toBe('new');
    expect(client.getQueryData<List>(all)?.clips[0]).toMatchObject({
      status: 'new',
      caption: 'old caption',
      clapStale: false,
    });
  });

  it('stores a server answer everywhere, keeping the row’s staleness', () => {
    const { client, base, all } = seeded();
    applyOptimistic(client, DATASET, base.id, { caption: 'edited' });
    storeClip(client, clip({ caption: 'edited', licence: 'CC0-1.0', clap: null }));
    const list = client.getQueryData<{ clips: ClipRow[] }>(all);
    expect(list?.clips[0]).toMatchObject({
      caption: 'edited',
      licence: 'CC0-1.0',
      clapScore: null,
      clapStale: false,
    });
    expect(client.getQueryData<Clip>(datasetKeys.clip(base.id))?.licence).toBe('CC0-1.0');
  });
});
