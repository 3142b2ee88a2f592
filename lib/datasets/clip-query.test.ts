/** The review list's filters and sorts, done in SQL, and the CLAP preview's stale flag. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '@/lib/auth/sessions';
import { type Db, openDatabase } from '@/lib/db';
import { PublicError } from '@/lib/http/errors';
import { seedClip } from '@/tests/support/datasets';
import { makeTempDir } from '@/tests/support/temp-dir';
import { listClipRows, parseClipQuery } from './clip-query';
import { captionHash } from './clip-rows';
import { bulkUpdateClips, setClapPreview, updateClip } from './clips-store';
import { createDataset, type DatasetRecord } from './datasets-store';
import { type ClipQuery, clipListResponseSchema } from './model';

const OWNER = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const temp = makeTempDir();
let db: Db;
let dataset: DatasetRecord;
const ids: Record<string, string> = {};

const unit = (i: number) => Array.from({ length: 512 }, (_, k) => (k === i ? 1 : 0));
const preview = (
  score: number,
  caption: string,
  trim: { start: number; end: number } | null = null,
  i = 0,
) => ({
  score,
  model: 'test',
  isTestModel: true,
  variant: 'fp32',
  captionHash: captionHash(caption),
  trim,
  windowSeed: 'seed',
  embedding: unit(i),
});

beforeAll(() => {
  db = openDatabase(path.join(temp.dir, 'genki.sqlite'));
  createSession(db, { address: OWNER });
  dataset = createDataset(db, OWNER, { name: 'Query' });
  const other = createDataset(db, OWNER, { name: 'Other' });
  seedClip(db, other, { fileName: 'elsewhere.wav' });
  const specs = [
    {
      fileName: 'Battle_theme.wav',
      durationSeconds: 45,
      caption: 'an intense battle theme with fast arpeggios',
    },
    { fileName: 'town.flac', durationSeconds: 20, quality: 'warn' as const, caption: 'a calm town melody' },
    { fileName: 'boss 100%.ogg', durationSeconds: 90, quality: 'fail' as const },
    { fileName: 'ending.wav', durationSeconds: 31, caption: 'a gentle ending tune, 100% chiptune' },
  ];
  for (const spec of specs) ids[spec.fileName] = seedClip(db, dataset, spec);
  const battle = ids['Battle_theme.wav'] as string;
  const town = ids['town.flac'] as string;
  const ending = ids['ending.wav'] as string;
  updateClip(db, battle, {
    status: 'accepted',
    licence: 'CC-BY-4.0',
    tags: { moods: ['epic'], genre: 'Action' },
  });
  updateClip(db, town, { status: 'skipped', tags: { instruments: ['Square Lead'] } });
  updateClip(db, ending, { licence: 'CC0-1.0', trim: { start: 0, end: 30 } });
  setClapPreview(db, battle, preview(0.42, 'an intense battle theme with fast arpeggios', null, 0));
  setClapPreview(db, town, preview(0.1, 'a calm town melody', null, 1));
  setClapPreview(db, ending, preview(0.3, 'a gentle ending tune, 100% chiptune', null, 2));
});
afterAll(() => {
  db.close();
  temp.cleanup();
});

function names(query: Partial<Record<keyof ClipQuery, string>>): string[] {
  const result = listClipRows(db, dataset.id, parseClipQuery(new URLSearchParams(query)));
  clipListResponseSchema.parse(result);
  expect(result.total).toBe(4);
  return result.clips.map((clip) => clip.fileName);
}

describe('clip list queries', () => {
  it('lists the dataset’s clips in position order by default (never another dataset’s)', () => {
    expect(names({})).toEqual(['Battle_theme.wav', 'town.flac', 'boss 100%.ogg', 'ending.wav']);
  });

  it('filters by status, quality, licence, duration range and minimum score', () => {
    expect(names({ status: 'accepted' })).toEqual(['Battle_theme.wav']);
    expect(names({ status: 'new' })).toEqual(['boss 100%.ogg', 'ending.wav']);
    expect(names({ quality: 'warn' })).toEqual(['town.flac']);
    expect(names({ licence: 'known' })).toEqual(['Battle_theme.wav', 'ending.wav']);
    expect(names({ licence: 'unknown' })).toEqual(['town.flac', 'boss 100%.ogg']);
    expect(names({ minDuration: '30', maxDuration: '60' })).toEqual(['Battle_theme.wav', 'ending.wav']);
    expect(names({ minScore: '0.25' })).toEqual(['Battle_theme.wav', 'ending.wav']);
  });

  it('matches a tag in moods, instruments or genre, case-insensitively', () => {
    expect(names({ tag: 'EPIC' })).toEqual(['Battle_theme.wav']);
    expect(names({ tag: 'square lead' })).toEqual(['town.flac']);
    expect(names({ tag: 'action' })).toEqual(['Battle_theme.wav']);
    expect(names({ tag: 'ambient' })).toEqual([]);
  });

  it('searches file names and captions as literal text (% and _ are not wildcards)', () => {
    expect(names({ q: 'BATTLE' })).toEqual(['Battle_theme.wav']);
    expect(names({ q: 'melody' })).toEqual(['town.flac']);
    expect(names({ q: '100%' })).toEqual(['boss 100%.ogg', 'ending.wav']);
    expect(names({ q: 'e_t' })).toEqual(['Battle_theme.wav']);
    expect(names({ q: "'; DROP TABLE clips; --" })).toEqual([]);
  });

  it('sorts by name, duration, score (unscored last), quality and status', () => {
    expect(names({ sort: 'name' })).toEqual(['Battle_theme.wav', 'boss 100%.ogg', 'ending.wav', 'town.flac']);
    expect(names({ sort: 'duration', order: 'desc' })).toEqual([
      'boss 100%.ogg',
      'Battle_theme.wav',
      'ending.wav',
      'town.flac',
    ]);
    expect(names({ sort: 'score', order: 'desc' })).toEqual([
      'Battle_theme.wav',
      'ending.wav',
      'town.flac',
      'boss 100%.ogg',
    ]);
    expect(names({ sort: 'score' })).toEqual([
      'town.flac',
      'ending.wav',
      'Battle_theme.wav',
      'boss 100%.ogg',
    ]);
    expect(names({ sort: 'quality', order: 'desc' })[0]).toBe('boss 100%.ogg');
    expect(names({ sort: 'status' })).toEqual([
      'boss 100%.ogg',
      'ending.wav',
      'Battle_theme.wav',
      'town.flac',
    ]);
  });

  it('rejects bad parameters with a message naming them', () => {
    const problem = (query: Record<string, string>) => {
      try {
        parseClipQuery(new URLSearchParams(query));
      } catch (error) {
        return (error as PublicError).message;
      }
      return 'accepted';
    };
    expect(problem({ sort: 'random' })).toMatch(/^Invalid clip filter "sort"/);
    expect(problem({ minScore: '2' })).toMatch(/^Invalid clip filter "minScore"/);
    expect(problem({ minDuration: 'abc' })).toMatch(/^Invalid clip filter "minDuration"/);
    expect(problem({ minDuration: '60', maxDuration: '30' })).toBe(
      'minDuration is larger than maxDuration, so no clip could match.',
    );
  });
});

describe('CLAP previews', () => {
  const row = (id: string) =>
    listClipRows(db, dataset.id, parseClipQuery(new URLSearchParams())).clips.find((c) => c.id === id);

  it('go stale when the caption or the trim changes, and fresh again when re-scored', () => {
    const town = ids['town.flac'] as string;
    const ending = ids['ending.wav'] as string;
    expect(row(town)).toMatchObject({ clapScore: 0.1, clapStale: false });
    expect(row(ids['boss 100%.ogg'] as string)).toMatchObject({ clapScore: null, clapStale: false });
    // The ending's preview was scored without the trim the clip now has.
    expect(row(ending)?.clapStale).toBe(true);
    setClapPreview(
      db,
      ending,
      preview(0.31, 'a gentle ending tune, 100% chiptune', { start: 0, end: 30 }, 2),
    );
    expect(row(ending)?.clapStale).toBe(false);
    updateClip(db, town, { caption: 'a calm town melody on a triangle bass' });
    expect(row(town)?.clapStale).toBe(true);
    const clip = setClapPreview(db, town, preview(0.2, 'a calm town melody on a triangle bass', null, 1));
    expect(clip.clap).toMatchObject({ score: 0.2, model: 'test', isTestModel: true, trim: null });
    expect(row(town)?.clapStale).toBe(false);
  });

  it('refuse an embedding that is not unit length', () => {
    const town = ids['town.flac'] as string;
    expect(() =>
      setClapPreview(db, town, { ...preview(0.2, 'x'), embedding: unit(0).map((v) => v * 2) }),
    ).toThrowError(/must be unit length \(its norm is 2\.0000\)/);
  });

  it('bulk edits touch only clips of the dataset', () => {
    const other = db.prepare("SELECT id FROM clips WHERE file_name = 'elsewhere.wav'").get() as {
      id: string;
    };
    const updated = bulkUpdateClips(db, dataset.id, {
      ids: [ids['boss 100%.ogg'] as string, ids['ending.wav'] as string, other.id],
      patch: { licence: 'CC-BY-SA-4.0', status: 'accepted' },
    });
    expect(updated).toBe(2);
    expect(names({ licence: 'unknown' })).toEqual(['town.flac']);
    expect(() => bulkUpdateClips(db, dataset.id, { ids: [other.id], patch: {} })).toThrowError(PublicError);
  });
});
