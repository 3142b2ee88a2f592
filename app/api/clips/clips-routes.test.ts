/**
 * The clip route handlers (list, read, edit, bulk edit, CLAP preview, embeddings, delete) called
 * directly with Request objects; the owner's edits succeed, anyone else's private reads are 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captionHash } from '@/lib/datasets/clip-rows';
import { createDataset } from '@/lib/datasets/datasets-store';
import { clipListResponseSchema, clipSchema, datasetEmbeddingsResponseSchema } from '@/lib/datasets/model';
import { closeDb, getDb } from '@/lib/db';
import { resetConfigForTests } from '@/lib/env';
import { params, request, seedClip, sessionFor } from '@/tests/support/datasets';
import { devKeys } from '@/tests/support/keys';
import { makeTempDir } from '@/tests/support/temp-dir';
import { POST as bulkPost } from '../datasets/[id]/clips/bulk/route';
import { GET as clipsGet } from '../datasets/[id]/clips/route';
import { GET as embeddingsGet } from '../datasets/[id]/embeddings/route';
import { PUT as clapPut } from './[id]/clap/route';
import { DELETE as clipDelete, GET as clipGet, PATCH as clipPatch } from './[id]/route';

const temp = makeTempDir();
let ALICE: string;
let alice: string;
let bob: string;

beforeAll(async () => {
  process.env.GENKI_DATA_DIR = temp.dir;
  resetConfigForTests();
  const keys = await devKeys();
  ALICE = keys.alice.address;
  alice = sessionFor(getDb(), keys.alice.address, 'Alice');
  bob = sessionFor(getDb(), keys.bob.address, 'Bob');
});
afterAll(() => {
  closeDb();
  temp.cleanup();
});

const errorOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string; message: string } }).error;

describe('clip routes', () => {
  let datasetId: string;
  let clipIds: string[];
  beforeAll(() => {
    const record = createDataset(getDb(), ALICE, { name: 'Clips' });
    datasetId = record.id;
    clipIds = ['a.wav', 'b.wav', 'c.wav'].map((fileName, i) =>
      seedClip(getDb(), record, { fileName, durationSeconds: 20 + i * 10 }),
    );
  });

  const list = async (query = '', cookie = alice) => {
    const response = await clipsGet(
      request(`/api/datasets/${datasetId}/clips${query}`, { cookie }),
      params({ id: datasetId }),
    );
    expect(response.status).toBe(200);
    return clipListResponseSchema.parse(await response.json());
  };

  it('lists, filters and sorts clips from the query string', async () => {
    expect((await list()).clips.map((c) => c.fileName)).toEqual(['a.wav', 'b.wav', 'c.wav']);
    expect((await list('?sort=duration&order=desc')).clips.map((c) => c.fileName)).toEqual([
      'c.wav',
      'b.wav',
      'a.wav',
    ]);
    expect((await list('?minDuration=25')).clips).toHaveLength(2);
    const bad = await clipsGet(
      request(`/api/datasets/${datasetId}/clips?status=maybe`, { cookie: alice }),
      params({ id: datasetId }),
    );
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).message).toMatch(/^Invalid clip filter "status"/);
    expect(
      (
        await clipsGet(
          request(`/api/datasets/${datasetId}/clips`, { cookie: bob }),
          params({ id: datasetId }),
        )
      ).status,
    ).toBe(404);
  });

  it('reads and edits one clip, owner only', async () => {
    const id = clipIds[0] as string;
    const ctx = params({ id });
    const clip = clipSchema.parse(
      await (await clipGet(request(`/api/clips/${id}`, { cookie: alice }), ctx)).json(),
    );
    expect(clip).toMatchObject({ fileName: 'a.wav', status: 'new', suggestions: { bpm: 120 } });
    const edited = await clipPatch(
      request(`/api/clips/${id}`, {
        method: 'PATCH',
        cookie: alice,
        body: {
          caption: 'a fast square-wave battle theme with a driving triangle bass',
          status: 'accepted',
          tags: { moods: ['epic'] },
        },
      }),
      ctx,
    );
    expect(clipSchema.parse(await edited.json())).toMatchObject({
      status: 'accepted',
      captionOrigin: 'human',
      tags: { moods: ['epic'] },
    });
    const bad = await clipPatch(
      request(`/api/clips/${id}`, { method: 'PATCH', cookie: alice, body: { trim: { start: 5, end: 2 } } }),
      ctx,
    );
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).message).toMatch(/the trim must end after it starts/);
    const tooLong = await clipPatch(
      request(`/api/clips/${id}`, { method: 'PATCH', cookie: alice, body: { trim: { start: 0, end: 99 } } }),
      ctx,
    );
    expect((await errorOf(tooLong)).message).toBe(
      'The trim ends at 99.00 s, after the end of the clip (20.00 s).',
    );
    expect(
      (
        await clipPatch(
          request(`/api/clips/${id}`, { method: 'PATCH', cookie: bob, body: { status: 'skipped' } }),
          ctx,
        )
      ).status,
    ).toBe(404);
    expect((await clipGet(request(`/api/clips/${id}`, { cookie: bob }), ctx)).status).toBe(404);
  });

  it('applies bulk edits', async () => {
    const response = await bulkPost(
      request(`/api/datasets/${datasetId}/clips/bulk`, {
        method: 'POST',
        cookie: alice,
        body: { ids: clipIds, patch: { licence: 'CC0-1.0' } },
      }),
      params({ id: datasetId }),
    );
    expect(await response.json()).toEqual({ updated: 3 });
    expect((await list('?licence=unknown')).clips).toHaveLength(0);
    const empty = await bulkPost(
      request(`/api/datasets/${datasetId}/clips/bulk`, {
        method: 'POST',
        cookie: alice,
        body: { ids: [], patch: {} },
      }),
      params({ id: datasetId }),
    );
    expect(empty.status).toBe(400);
  });

  it('stores CLAP previews and serves their embeddings', async () => {
    const id = clipIds[1] as string;
    const embedding = Array.from({ length: 512 }, (_, i) => (i === 7 ? 1 : 0));
    const put = await clapPut(
      request(`/api/clips/${id}/clap`, {
        method: 'PUT',
        cookie: alice,
        body: {
          score: 0.37,
          model: 'test@1',
          isTestModel: true,
          variant: 'fp32',
          captionHash: captionHash(''),
          trim: null,
          windowSeed: 'v1',
          embedding,
        },
      }),
      params({ id }),
    );
    expect(put.status).toBe(200);
    expect(clipSchema.parse(await put.json()).clap).toMatchObject({ score: 0.37, model: 'test@1' });
    expect((await list()).clips.find((c) => c.id === id)).toMatchObject({
      clapScore: 0.37,
      clapStale: false,
    });
    const response = await embeddingsGet(
      request(`/api/datasets/${datasetId}/embeddings`, { cookie: alice }),
      params({ id: datasetId }),
    );
    const parsed = datasetEmbeddingsResponseSchema.parse(await response.json());
    expect(parsed.clips).toHaveLength(1);
    expect(parsed.clips[0]).toMatchObject({ id, model: 'test@1' });
    expect(parsed.clips[0]?.embedding[7]).toBe(1);
    const short = await clapPut(
      request(`/api/clips/${id}/clap`, {
        method: 'PUT',
        cookie: alice,
        body: { score: 0.3, embedding: [1] },
      }),
      params({ id }),
    );
    expect(short.status).toBe(400);
  });

  it('deletes a clip', async () => {
    const id = clipIds[2] as string;
    expect(
      (await clipDelete(request(`/api/clips/${id}`, { method: 'DELETE', cookie: bob }), params({ id })))
        .status,
    ).toBe(404);
    expect(
      (await clipDelete(request(`/api/clips/${id}`, { method: 'DELETE', cookie: alice }), params({ id })))
        .status,
    ).toBe(200);
    expect((await list()).total).toBe(2);
  });
});
