import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataset } from '@/lib/datasets/datasets-store';
import { clipSchema } from '@/lib/datasets/model';
import { closeDb, getDb } from '@/lib/db';
import { resetConfigForTests } from '@/lib/env';
import { params, request, seedClip, sessionFor } from '@/tests/support/datasets';
import { makeTempDir } from '@/tests/support/temp-dir';
import { PUT } from './route';

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
const temp = makeTempDir();

beforeAll(() => {
  process.env.GENKI_DATA_DIR = temp.dir;
  resetConfigForTests();
});
afterAll(() => {
  closeDb();
  temp.cleanup();
});

const suggestions = {
  moods: [
    { label: 'upbeat', score: 0.31 },
    { label: 'happy', score: 0.29 },
  ],
  instruments: [{ label: 'synthesizer', score: 0.27 }],
  bpm: 300,
  caption: "An upbeat, happy chiptune track with synthesizer at 120 BPM, fit for a game's title screen.",
  model: 'genki/test@abc',
};

describe('PUT /api/clips/:id/suggestions', () => {
  it('stores the suggestions for the owner, keeps the import tempo and leaves caption and tags alone', async () => {
    const db = getDb();
    const alice = sessionFor(db, ALICE, 'Alice');
    const dataset = createDataset(db, ALICE, { name: 'Suggestions' });
    const clipId = seedClip(db, dataset, { fileName: 'a.wav', caption: 'my own words for this clip here' });
    const response = await PUT(
      request(`/api/clips/${clipId}/suggestions`, { method: 'PUT', body: suggestions, cookie: alice }),
      params({ id: clipId }),
    );
    expect(response.status).toBe(200);
    const clip = clipSchema.parse(await response.json());
    expect(clip.suggestions).toEqual({ ...suggestions, bpm: 120 });
    expect(clip.caption).toBe('my own words for this clip here');
    expect(clip.captionOrigin).toBe('imported');
  });

  it('refuses other accounts, missing sessions, foreign origins and bad bodies', async () => {
    const db = getDb();
    const bob = sessionFor(db, BOB, 'Bob');
    const alice = sessionFor(db, ALICE, 'Alice');
    const dataset = createDataset(db, ALICE, { name: 'Private' });
    const clipId = seedClip(db, dataset, { fileName: 'b.wav' });
    const put = (init: Parameters<typeof request>[1]) =>
      PUT(request(`/api/clips/${clipId}/suggestions`, { method: 'PUT', ...init }), params({ id: clipId }));
    expect((await put({ body: suggestions, cookie: bob })).status).toBe(404);
    expect((await put({ body: suggestions })).status).toBe(401);
    expect((await put({ body: suggestions, cookie: alice, origin: 'https://evil.example' })).status).toBe(
      403,
    );
    expect((await put({ body: { ...suggestions, caption: 'bad\u0007bell' }, cookie: alice })).status).toBe(
      400,
    );
    expect(
      (await put({ body: { ...suggestions, moods: [{ label: 'x', score: 7 }] }, cookie: alice })).status,
    ).toBe(400);
  });
});
