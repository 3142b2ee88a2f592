/**
 * POST /api/datasets/:id/imports/hub through its handler: Origin and session checks, ownership,
 * request validation, and Hub problems answered before any job exists. (Downloads and the
 * pipeline hand-over are covered in lib/datasets/hub-import/hub-import.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '@/lib/auth/sessions';
import { createDataset, updateDataset } from '@/lib/datasets/datasets-store';
import { importJobSchema } from '@/lib/datasets/model';
import { closeDb, getDb } from '@/lib/db';
import { resetConfigForTests } from '@/lib/env';
import { LocalHub } from '@/tests/support/local-hub';
import { makeTempDir } from '@/tests/support/temp-dir';
import { POST } from './route';

const temp = makeTempDir('genki-hub-route-');
const BASE = 'http://localhost:3000';
let hub: LocalHub;
let alice = '';
let bob = '';
let datasetId = '';

beforeAll(async () => {
  hub = await LocalHub.start();
  hub.commit(
    'genki/ghosts',
    { 'metadata.jsonl': '{"file_name":"gone.wav","caption":"A file that is not there"}\n' },
    { kind: 'dataset' },
  );
  process.env.GENKI_DATA_DIR = temp.dir;
  process.env.GENKI_HF_HUB_URL = hub.url;
  resetConfigForTests();
  const db = getDb();
  alice = `genki_session=${createSession(db, { address: 'alice' }).token}`;
  bob = `genki_session=${createSession(db, { address: 'bob' }).token}`;
  datasetId = createDataset(db, 'alice', { name: 'Imports' }).id;
});
afterAll(async () => {
  closeDb();
  delete process.env.GENKI_HF_HUB_URL;
  resetConfigForTests();
  await hub.close();
  temp.cleanup();
});

function post(body: unknown, options: { cookie?: string; origin?: string | null; id?: string } = {}) {
  const id = options.id ?? datasetId;
  const headers: Record<string, string> = { host: 'localhost:3000', 'content-type': 'application/json' };
  if (options.origin !== null) headers.origin = options.origin ?? BASE;
  if (options.cookie) headers.cookie = options.cookie;
  const request = new Request(`${BASE}/api/datasets/${id}/imports/hub`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
  return POST(request, { params: Promise.resolve({ id }) });
}

const errorOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string; message: string } }).error;

describe('POST /api/datasets/:id/imports/hub', () => {
  it('checks Origin, session and ownership first', async () => {
    expect(
      (await post({ repo: 'genki/ghosts' }, { cookie: alice, origin: 'https://evil.example' })).status,
    ).toBe(403);
    expect((await post({ repo: 'genki/ghosts' })).status).toBe(401);
    expect((await post({ repo: 'genki/ghosts' }, { cookie: bob })).status).toBe(404);
    updateDataset(getDb(), datasetId, { visibility: 'shared' });
    expect((await post({ repo: 'genki/ghosts' }, { cookie: bob })).status).toBe(403);
    updateDataset(getDb(), datasetId, { visibility: 'private' });
  });

  it('refuses malformed requests and names on the way in', async () => {
    const response = await post({ repo: 'x'.repeat(200) }, { cookie: alice });
    expect(response.status).toBe(400);
    const badId = await post({ repo: 'not a repo' }, { cookie: alice });
    expect(badId.status).toBe(400);
    expect((await errorOf(badId)).message).toContain('is not a Hugging Face repo id');
    const badRevision = await post({ repo: 'genki/ghosts', revision: 'refs/pr/1' }, { cookie: alice });
    expect(badRevision.status).toBe(400);
  });

  it('answers a missing repo with 404 and creates no job', async () => {
    const response = await post({ repo: 'genki/missing' }, { cookie: alice });
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('hub_not_found');
    expect(getDb().prepare('SELECT count(*) AS n FROM imports').get()).toEqual({ n: 0 });
  });

  it('creates a hub import job whose unusable rows are failed with the reason', async () => {
    const response = await post({ repo: 'genki/ghosts' }, { cookie: alice });
    expect(response.status).toBe(201);
    const job = importJobSchema.parse(await response.json());
    expect(job).toMatchObject({ kind: 'hub', label: 'genki/ghosts@main', state: 'failed', total: 1 });
    expect(job.items[0]).toMatchObject({ fileName: 'gone.wav', state: 'failed' });
    expect(job.items[0]?.error).toMatch(/^Listed in metadata.jsonl but not in genki\/ghosts at/);
  });
});
