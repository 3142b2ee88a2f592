/** The data layer: visibility and ownership, cascade delete, de-duplication, limits and stats. */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSession } from '@/lib/auth/sessions';
import { type Db, openDatabase } from '@/lib/db';
import { PublicError } from '@/lib/http/errors';
import { fakeSha, seedClip } from '@/tests/support/datasets';
import { makeTempDir } from '@/tests/support/temp-dir';
import { assertOwner, datasetOfClip, ownedDataset, readableDataset } from './access';
import { setClapPreview, updateClip } from './clips-store';
import {
  createDataset,
  deleteDataset,
  findDataset,
  listDatasets,
  summarize,
  updateDataset,
} from './datasets-store';
import { newId } from './ids';
import { findImportJob } from './import-rows';
import { createImportJob } from './imports-store';
import { DATASET_LIMITS } from './model';

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';

let temp: ReturnType<typeof makeTempDir>;
let db: Db;
beforeEach(() => {
  temp = makeTempDir();
  db = openDatabase(path.join(temp.dir, 'genki.sqlite'));
  createSession(db, { address: ALICE, displayName: 'Alice' });
  createSession(db, { address: BOB, displayName: 'Bob' });
});
afterEach(() => {
  db.close();
  temp.cleanup();
});

const status = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof PublicError ? error.status : -1;
  }
  return 200;
};

describe('ids', () => {
  it('are a prefix and 16 base62 characters, all different', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => newId('ds')));
    expect(ids.size).toBe(2000);
    for (const id of ids) expect(id).toMatch(/^ds_[0-9A-Za-z]{16}$/);
  });
});

describe('visibility and ownership', () => {
  it('lists my datasets and other people’s shared ones; anonymous visitors see shared ones only', () => {
    const mine = createDataset(db, ALICE, { name: 'Mine' });
    const bobsPrivate = createDataset(db, BOB, { name: 'Bob private' });
    const bobsShared = updateDataset(db, createDataset(db, BOB, { name: 'Bob shared' }).id, {
      visibility: 'shared',
    });
    const forAlice = listDatasets(db, ALICE);
    expect(forAlice.mine.map((d) => d.id)).toEqual([mine.id]);
    expect(forAlice.shared.map((d) => d.id)).toEqual([bobsShared.id]);
    expect(forAlice.shared[0]).toMatchObject({ isOwner: false, ownerName: 'Bob', visibility: 'shared' });
    expect(listDatasets(db, null)).toMatchObject({ mine: [], shared: [{ id: bobsShared.id }] });
    expect(
      listDatasets(db, BOB)
        .mine.map((d) => d.id)
        .sort(),
    ).toEqual([bobsPrivate.id, bobsShared.id].sort());
  });

  it('hides private datasets behind 404 and lets only the owner change shared ones (403)', () => {
    const hidden = createDataset(db, BOB, { name: 'Hidden' });
    const open = updateDataset(db, createDataset(db, BOB, { name: 'Open' }).id, { visibility: 'shared' });
    expect(status(() => readableDataset(db, hidden.id, ALICE))).toBe(404);
    expect(status(() => readableDataset(db, hidden.id, null))).toBe(404);
    expect(status(() => readableDataset(db, hidden.id, BOB))).toBe(200);
    expect(status(() => readableDataset(db, open.id, null))).toBe(200);
    expect(status(() => ownedDataset(db, hidden.id, ALICE))).toBe(404);
    expect(status(() => ownedDataset(db, open.id, ALICE))).toBe(403);
    expect(status(() => ownedDataset(db, open.id, BOB))).toBe(200);
    expect(status(() => readableDataset(db, 'ds_doesnotexist00', BOB))).toBe(404);
    expect(status(() => readableDataset(db, '../../etc/passwd', BOB))).toBe(404);
    expect(status(() => assertOwner(open, ALICE))).toBe(403);
    // Clips inherit their dataset's visibility.
    const clipId = seedClip(db, hidden, { fileName: 'a.wav' });
    expect(status(() => datasetOfClip(db, clipId, ALICE, false))).toBe(404);
    expect(status(() => datasetOfClip(db, clipId, null, false))).toBe(404);
    expect(status(() => datasetOfClip(db, clipId, BOB, true))).toBe(200);
    const sharedClip = seedClip(db, open, { fileName: 'b.wav' });
    expect(status(() => datasetOfClip(db, sharedClip, null, false))).toBe(200);
    expect(status(() => datasetOfClip(db, sharedClip, ALICE, true))).toBe(403);
    expect(status(() => datasetOfClip(db, sharedClip, null, true))).toBe(404);
  });
});

describe('deleting a dataset', () => {
  it('cascades to clips, embeddings, imports and import items, and leaves other datasets alone', () => {
    const doomed = createDataset(db, ALICE, { name: 'Doomed' });
    const kept = createDataset(db, ALICE, { name: 'Kept' });
    const clipId = seedClip(db, doomed, { fileName: 'a.wav' });
    seedClip(db, kept, { fileName: 'b.wav' });
    const embedding = Array.from({ length: 512 }, (_, i) => (i === 0 ? 1 : 0));
    setClapPreview(db, clipId, {
      score: 0.3,
      model: 'test',
      isTestModel: true,
      variant: 'fp32',
      captionHash: fakeSha(''),
      trim: null,
      windowSeed: 'seed',
      embedding,
    });
    const count = (table: string) =>
      (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect([count('clips'), count('clip_embeddings'), count('imports'), count('import_items')]).toEqual([
      2, 1, 2, 2,
    ]);
    deleteDataset(db, doomed.id);
    expect(findDataset(db, doomed.id)).toBeUndefined();
    expect([count('clips'), count('clip_embeddings'), count('imports'), count('import_items')]).toEqual([
      1, 0, 1, 1,
    ]);
    // Blobs are content-addressed and may be shared: they stay for a later garbage collection.
    expect(findDataset(db, kept.id)).toBeDefined();
  });
});

describe('creating an import', () => {
  it('settles duplicates (in the dataset, in flight, within the import), empty and oversized files at once', () => {
    const dataset = createDataset(db, ALICE, { name: 'Set' });
    const existing = seedClip(db, dataset, { fileName: 'old.wav' });
    const existingSha = fakeSha(`${dataset.id}/old.wav`);
    const running = createImportJob(db, dataset, {
      kind: 'files',
      label: 'first folder',
      items: [{ fileName: 'flying.wav', relativePath: null, size: 10, sha256: fakeSha('flying') }],
    });
    expect(running.state).toBe('running');
    const job = createImportJob(db, dataset, {
      kind: 'zip',
      label: 'songs.zip',
      items: [
        { fileName: 'a.wav', relativePath: 'songs/a.wav', size: 10, sha256: fakeSha('a') },
        { fileName: 'copy-of-old.wav', relativePath: null, size: 10, sha256: existingSha },
        { fileName: 'a-again.wav', relativePath: null, size: 10, sha256: fakeSha('a') },
        { fileName: 'flying-too.wav', relativePath: null, size: 10, sha256: fakeSha('flying') },
        { fileName: 'empty.wav', relativePath: null, size: 0, sha256: fakeSha('') },
        {
          fileName: 'huge.wav',
          relativePath: null,
          size: DATASET_LIMITS.maxFileBytes + 1,
          sha256: fakeSha('h'),
        },
      ],
    });
    expect(job.items.map((item) => [item.fileName, item.state, item.error, item.clipId])).toEqual([
      ['a.wav', 'pending', null, null],
      ['copy-of-old.wav', 'duplicate', 'Already in this dataset as "old.wav" (same content).', existing],
      ['a-again.wav', 'duplicate', 'Same content as "a.wav" earlier in this import.', null],
      [
        'flying-too.wav',
        'duplicate',
        'Already being imported as "flying.wav" by the import "first folder".',
        null,
      ],
      ['empty.wav', 'failed', 'The file is empty (0 bytes).', null],
      ['huge.wav', 'failed', 'The file is 104,857,601 bytes; the limit is 104,857,600 bytes per file.', null],
    ]);
    expect(job).toMatchObject({
      state: 'running',
      total: 6,
      counts: { pending: 1, duplicate: 3, failed: 2 },
    });
  });

  it('is done at once when nothing is left to upload, and failed when every file failed', () => {
    const dataset = createDataset(db, ALICE, { name: 'Set' });
    seedClip(db, dataset, { fileName: 'old.wav' });
    const dupes = createImportJob(db, dataset, {
      kind: 'files',
      label: 'again',
      items: [{ fileName: 'x.wav', relativePath: null, size: 5, sha256: fakeSha(`${dataset.id}/old.wav`) }],
    });
    expect(dupes.state).toBe('done');
    const empty = createImportJob(db, dataset, {
      kind: 'files',
      label: 'empty',
      items: [{ fileName: 'e.wav', relativePath: null, size: 0, sha256: fakeSha('') }],
    });
    expect(empty).toMatchObject({ state: 'failed', error: expect.stringMatching(/No file in this import/) });
  });

  it('refuses an import that would take the dataset past its clip limit', () => {
    const dataset = createDataset(db, ALICE, { name: 'Full' });
    const insert = db.prepare(
      `INSERT INTO clips (id, dataset_id, position, file_name, source_sha256, source_media_type, audio_sha256,
         audio_media_type, peaks_sha256, format, sample_rate, channels, duration_seconds, caption_sha256,
         tags_json, suggestions_json, quality_level, quality_json, created_at, updated_at)
       VALUES (?, ?, ?, 'x.wav', ?, 'audio/wav', ?, 'audio/wav', ?, 'wav', 44100, 2, 30, ?, '{}', '{}', 'pass', '{}', 0, 0)`,
    );
    db.transaction(() => {
      for (let i = 0; i < DATASET_LIMITS.maxClipsPerDataset - 1; i++) {
        const sha = fakeSha(String(i));
        insert.run(newId('clip'), dataset.id, i, sha, sha, sha, sha);
      }
    })();
    const two = [1, 2].map((n) => ({
      fileName: `${n}.wav`,
      relativePath: null,
      size: 9,
      sha256: fakeSha(`new ${n}`),
    }));
    let error: unknown;
    try {
      createImportJob(db, dataset, { kind: 'files', label: 'two', items: two });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PublicError);
    expect((error as PublicError).status).toBe(409);
    expect((error as PublicError).message).toBe(
      'This dataset has 19999 clips; 2 more would pass the limit of 20000 clips per dataset. Import fewer files or start another dataset.',
    );
    expect(createImportJob(db, dataset, { kind: 'files', label: 'one', items: two.slice(0, 1) }).state).toBe(
      'running',
    );
  });

  it('reserves clip positions in import order', () => {
    const dataset = createDataset(db, ALICE, { name: 'Order' });
    const first = seedClip(db, dataset, { fileName: 'first.wav' });
    const second = seedClip(db, dataset, { fileName: 'second.wav' });
    const rows = db.prepare('SELECT id, position FROM clips ORDER BY position').all() as { id: string }[];
    expect(rows.map((r) => r.id)).toEqual([first, second]);
    const job = findImportJob(db, (db.prepare('SELECT id FROM imports LIMIT 1').get() as { id: string }).id);
    expect(job?.state).toBe('done');
  });
});

describe('stats and edits', () => {
  it('summarises clips by status, quality, captions, licences and scores', () => {
    const dataset = createDataset(db, ALICE, { name: 'Stats' });
    const a = seedClip(db, dataset, {
      fileName: 'a.wav',
      durationSeconds: 30,
      caption: 'an upbeat square lead',
    });
    seedClip(db, dataset, { fileName: 'b.wav', durationSeconds: 12.5, quality: 'warn' });
    const c = seedClip(db, dataset, { fileName: 'c.wav', durationSeconds: 2, quality: 'fail' });
    updateClip(db, a, { status: 'accepted', licence: 'CC-BY-4.0' });
    updateClip(db, c, { status: 'reported', reportReason: 'silence' });
    setClapPreview(db, a, {
      score: 0.4,
      model: 'test',
      isTestModel: true,
      variant: 'fp32',
      captionHash: fakeSha('x'),
      trim: null,
      windowSeed: 's',
      embedding: Array.from({ length: 512 }, () => 1 / Math.sqrt(512)),
    });
    expect(summarize(db, dataset, ALICE).stats).toEqual({
      clips: 3,
      byStatus: { new: 1, accepted: 1, skipped: 0, reported: 1 },
      totalSeconds: 44.5,
      captioned: 1,
      licensed: 1,
      scored: 1,
      meanScore: 0.4,
      quality: { pass: 1, warn: 1, fail: 1 },
    });
  });

  it('merges tag edits, tracks caption origin, clears report reasons and checks the trim', () => {
    const dataset = createDataset(db, ALICE, { name: 'Edits' });
    const id = seedClip(db, dataset, {
      fileName: 'a.wav',
      durationSeconds: 40,
      caption: 'imported words here',
    });
    let clip = updateClip(db, id, { tags: { moods: ['Happy', ' happy ', 'Epic'], bpm: 140.04 } });
    expect(clip.tags).toEqual({
      moods: ['happy', 'epic'],
      instruments: [],
      genre: null,
      bpm: 140,
      key: null,
    });
    clip = updateClip(db, id, { tags: { instruments: ['square lead'] } });
    expect(clip.tags.moods).toEqual(['happy', 'epic']);
    expect(clip.captionOrigin).toBe('imported');
    expect(
      updateClip(db, id, { caption: 'a bright chiptune melody over a pulse bass line' }).captionOrigin,
    ).toBe('human');
    expect(updateClip(db, id, { caption: 'machine words', captionOrigin: 'machine' }).captionOrigin).toBe(
      'machine',
    );
    expect(updateClip(db, id, { caption: '' }).captionOrigin).toBe('none');
    expect(updateClip(db, id, { status: 'reported', reportReason: 'noise' }).reportReason).toBe('noise');
    expect(updateClip(db, id, { status: 'accepted' }).reportReason).toBeNull();
    expect(updateClip(db, id, { trim: { start: 1, end: 31 } }).trim).toEqual({ start: 1, end: 31 });
    expect(updateClip(db, id, { licence: 'CC0-1.0' }).trim).toEqual({ start: 1, end: 31 });
    expect(() => updateClip(db, id, { trim: { start: 0, end: 41 } })).toThrowError(
      'The trim ends at 41.00 s, after the end of the clip (40.00 s).',
    );
    expect(updateClip(db, id, { trim: null }).trim).toBeNull();
  });
});
