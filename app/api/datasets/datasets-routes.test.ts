/**
 * The dataset route handlers (list, create, read, update, delete), called directly with Request
 * objects: sessions from real sign-ins (signed challenge), Origin checks, owner-only mutations
 * (404 private / 403 shared), zod-checked bodies, and JSON checked against the contract's schemas.
 */
import { stringToU8a, u8aToHex, u8aWrapBytes } from '@polkadot/util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as challengePost } from '@/app/api/auth/challenge/route';
import { POST as sessionPost } from '@/app/api/auth/session/route';
import { findDataset } from '@/lib/datasets/datasets-store';
import { datasetListResponseSchema, datasetSummarySchema } from '@/lib/datasets/model';
import { closeDb, getDb } from '@/lib/db';
import { resetConfigForTests } from '@/lib/env';
import { params, request, seedClip } from '@/tests/support/datasets';
import { devKeys } from '@/tests/support/keys';
import { makeTempDir } from '@/tests/support/temp-dir';
import { GET as clipGet } from '../clips/[id]/route';
import { DELETE as datasetDelete, GET as datasetGet, PATCH as datasetPatch } from './[id]/route';
import { POST as createPost, GET as listGet } from './route';

const temp = makeTempDir();
let alice: string;
let bob: string;

async function signIn(pair: Awaited<ReturnType<typeof devKeys>>['alice'], name: string): Promise<string> {
  const challenge = (await (
    await challengePost(request('/api/auth/challenge', { method: 'POST', body: { address: pair.address } }))
  ).json()) as { nonce: string; message: string };
  const signature = u8aToHex(pair.sign(u8aWrapBytes(stringToU8a(challenge.message))));
  const response = await sessionPost(
    request('/api/auth/session', {
      method: 'POST',
      body: { nonce: challenge.nonce, address: pair.address, signature, name },
    }),
  );
  const token = /genki_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  return `genki_session=${token}`;
}

beforeAll(async () => {
  process.env.GENKI_DATA_DIR = temp.dir;
  process.env.GENKI_ADMIN_ADDRESSES = '';
  resetConfigForTests();
  const keys = await devKeys();
  alice = await signIn(keys.alice, 'Alice');
  bob = await signIn(keys.bob, 'Bob');
});
afterAll(() => {
  closeDb();
  temp.cleanup();
});

const body = async (response: Response) => (await response.json()) as Record<string, unknown>;
const errorOf = async (response: Response) =>
  (await body(response)).error as { code: string; message: string };

async function create(cookie: string, name: string) {
  const response = await createPost(request('/api/datasets', { method: 'POST', body: { name }, cookie }));
  expect(response.status).toBe(201);
  return datasetSummarySchema.parse(await response.json());
}

describe('dataset routes', () => {
  it('creates a private dataset for the signed-in miner and lists it', async () => {
    const created = await create(alice, '  NES battle themes ');
    expect(created).toMatchObject({
      name: 'NES battle themes',
      visibility: 'private',
      isOwner: true,
      ownerName: 'Alice',
    });
    expect(created.id).toMatch(/^ds_[0-9A-Za-z]{16}$/);
    expect(created.stats.clips).toBe(0);
    const list = datasetListResponseSchema.parse(
      await (await listGet(request('/api/datasets', { cookie: alice }))).json(),
    );
    expect(list.mine.map((d) => d.id)).toContain(created.id);
    const anonymous = datasetListResponseSchema.parse(await (await listGet(request('/api/datasets'))).json());
    expect(anonymous.shared.map((d) => d.id)).not.toContain(created.id);
  });

  it('needs a session and a same-origin request to create', async () => {
    const anonymous = await createPost(request('/api/datasets', { method: 'POST', body: { name: 'x' } }));
    expect(anonymous.status).toBe(401);
    const foreign = await createPost(
      request('/api/datasets', {
        method: 'POST',
        body: { name: 'x' },
        cookie: alice,
        origin: 'https://evil.example',
      }),
    );
    expect(foreign.status).toBe(403);
    const noOrigin = await createPost(
      request('/api/datasets', { method: 'POST', body: { name: 'x' }, cookie: alice, origin: null }),
    );
    expect(noOrigin.status).toBe(403);
  });

  it('rejects bad bodies with a specific 4xx', async () => {
    const cases: [unknown, number, RegExp][] = [
      [{ name: '' }, 400, /name: a name is required/],
      [{ name: 'x'.repeat(81) }, 400, /^Invalid request\. name:/],
      [{ name: 'bell\u0007' }, 400, /contains control characters/],
      [{ description: 'no name' }, 400, /^Invalid request\. name:/],
    ];
    for (const [input, status, message] of cases) {
      const response = await createPost(
        request('/api/datasets', { method: 'POST', body: input, cookie: alice }),
      );
      expect(response.status).toBe(status);
      expect((await errorOf(response)).message).toMatch(message);
    }
    const notJson = await createPost(
      request('/api/datasets', {
        method: 'POST',
        body: 'name=x',
        cookie: alice,
        headers: { 'content-type': 'text/plain' },
      }),
    );
    expect(notJson.status).toBe(415);
  });

  it('hides private datasets (404) and keeps shared ones read-only for others (403)', async () => {
    const own = await create(bob, 'Bob private');
    const ctx = params({ id: own.id });
    expect((await datasetGet(request(`/api/datasets/${own.id}`, { cookie: alice }), ctx)).status).toBe(404);
    expect((await datasetGet(request(`/api/datasets/${own.id}`), ctx)).status).toBe(404);
    expect((await datasetGet(request(`/api/datasets/${own.id}`, { cookie: bob }), ctx)).status).toBe(200);
    const patchByAlice = await datasetPatch(
      request(`/api/datasets/${own.id}`, { method: 'PATCH', body: { name: 'mine now' }, cookie: alice }),
      ctx,
    );
    expect(patchByAlice.status).toBe(404);

    const shared = await datasetPatch(
      request(`/api/datasets/${own.id}`, { method: 'PATCH', body: { visibility: 'shared' }, cookie: bob }),
      ctx,
    );
    expect(datasetSummarySchema.parse(await shared.json()).visibility).toBe('shared');
    const readByAnyone = await datasetGet(request(`/api/datasets/${own.id}`), ctx);
    expect(readByAnyone.status).toBe(200);
    expect(((await readByAnyone.json()) as { isOwner: boolean }).isOwner).toBe(false);
    const forbidden = await datasetPatch(
      request(`/api/datasets/${own.id}`, { method: 'PATCH', body: { name: 'mine now' }, cookie: alice }),
      ctx,
    );
    expect(forbidden.status).toBe(403);
    expect(await errorOf(forbidden)).toEqual({
      code: 'forbidden',
      message: 'Only the owner of this dataset can change it.',
    });
    expect(
      (await datasetDelete(request(`/api/datasets/${own.id}`, { method: 'DELETE', cookie: alice }), ctx))
        .status,
    ).toBe(403);
    const list = datasetListResponseSchema.parse(
      await (await listGet(request('/api/datasets', { cookie: alice }))).json(),
    );
    expect(list.shared.map((d) => d.id)).toContain(own.id);
  });

  it('answers 404 for ids that are malformed or unknown', async () => {
    for (const id of ['nope', 'ds_0000000000000000', '..%2F..%2Fetc']) {
      const response = await datasetGet(request(`/api/datasets/${id}`, { cookie: alice }), params({ id }));
      expect(response.status).toBe(404);
      expect((await errorOf(response)).code).toBe('not_found');
    }
  });

  it('deletes a dataset and its clips', async () => {
    const doomed = await create(alice, 'Doomed');
    const record = findDataset(getDb(), doomed.id);
    if (!record) throw new Error('missing');
    const clipId = seedClip(getDb(), record, { fileName: 'a.wav' });
    const response = await datasetDelete(
      request(`/api/datasets/${doomed.id}`, { method: 'DELETE', cookie: alice }),
      params({ id: doomed.id }),
    );
    expect(await response.json()).toEqual({ ok: true });
    expect(
      (await clipGet(request(`/api/clips/${clipId}`, { cookie: alice }), params({ id: clipId }))).status,
    ).toBe(404);
  });
});
