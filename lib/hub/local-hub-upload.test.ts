/**
 * The local Hub's upload API (tests/support/local-hub-upload.ts) against @huggingface/hub itself
 * and raw HTTP: tokens, repo creation, private repos, preupload, the LFS batch/upload/verify
 * round, the NDJSON commit (and its refusals), CORS for browsers, and fault injection.
 */
import { commit, createRepo, datasetInfo, downloadFile, listFiles, whoAmI } from '@huggingface/hub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalHub } from '../../tests/support/local-hub';

const TOKEN = 'hf_localHubUploadTestTokenAlice00';
let hub: LocalHub;
beforeAll(async () => {
  hub = await LocalHub.start();
  hub.addToken(TOKEN, 'alice');
});
afterAll(() => hub.close());

const auth = { Authorization: `Bearer ${TOKEN}` };
const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${hub.url}${path}`, {
    method: 'POST',
    body,
    headers: { ...auth, 'Content-Type': 'application/json', ...headers },
  });

describe('LocalHub upload API', () => {
  it('knows who a token belongs to and refuses others with 401', async () => {
    expect(await whoAmI({ accessToken: TOKEN, hubUrl: hub.url })).toMatchObject({
      type: 'user',
      name: 'alice',
    });
    await expect(whoAmI({ accessToken: 'hf_wrong', hubUrl: hub.url })).rejects.toMatchObject({
      statusCode: 401,
    });
    expect((await fetch(`${hub.url}/api/whoami-v2`)).status).toBe(401);
  });

  it('creates repos in the token’s namespace only, once, and keeps private ones private', async () => {
    const repo = { type: 'dataset' as const, name: 'alice/private-set' };
    expect(await createRepo({ repo, accessToken: TOKEN, hubUrl: hub.url, visibility: 'private' })).toEqual({
      repoUrl: `${hub.url}/datasets/alice/private-set`,
      id: 'alice/private-set',
    });
    await expect(createRepo({ repo, accessToken: TOKEN, hubUrl: hub.url })).rejects.toMatchObject({
      statusCode: 409,
    });
    await expect(
      createRepo({ repo: { type: 'dataset', name: 'bob/x' }, accessToken: TOKEN, hubUrl: hub.url }),
    ).rejects.toMatchObject({ statusCode: 403 });
    // Anyone else sees a private repo as missing (401 RepoNotFound, like the Hub).
    await expect(datasetInfo({ name: 'alice/private-set', hubUrl: hub.url })).rejects.toMatchObject({
      statusCode: 401,
    });
    expect(
      (await datasetInfo({ name: 'alice/private-set', hubUrl: hub.url, accessToken: TOKEN })).private,
    ).toBe(true);
  });

  it('commits regular and LFS files that read back through tree and resolve', async () => {
    const repo = { type: 'dataset' as const, name: 'alice/mixed' };
    await createRepo({ repo, accessToken: TOKEN, hubUrl: hub.url });
    const audio = new Uint8Array(5000).map((_, i) => i % 256);
    const output = await commit({
      repo,
      accessToken: TOKEN,
      hubUrl: hub.url,
      title: 'Add files',
      useXet: false,
      operations: [
        {
          operation: 'addOrUpdate',
          path: 'metadata.jsonl',
          content: new Blob(['{"file_name":"data/a.wav"}\n']),
        },
        { operation: 'addOrUpdate', path: 'data/a.wav', content: new Blob([audio]) },
      ],
    });
    expect(output?.commit.oid).toMatch(/^[0-9a-f]{40}$/);
    expect(output?.commit.url).toBe(`${hub.url}/datasets/alice/mixed/commit/${output?.commit.oid}`);
    const entries = [];
    for await (const entry of listFiles({ repo, recursive: true, hubUrl: hub.url })) entries.push(entry);
    expect(entries.map((entry) => [entry.path, Boolean(entry.lfs)])).toEqual([
      ['.gitattributes', false],
      ['data', false],
      ['data/a.wav', true],
      ['metadata.jsonl', false],
    ]);
    const blob = await downloadFile({ repo, path: 'data/a.wav', hubUrl: hub.url });
    expect(new Uint8Array(await (blob as Blob).arrayBuffer())).toEqual(audio);
    // Only the LFS file went through the batch API; the small one was inlined in the commit.
    expect(hub.requests.filter((r) => r.method === 'PUT' && r.url.startsWith('/_lfs-upload/'))).toHaveLength(
      1,
    );
  });

  it('answers the LFS batch API: upload and verify actions for new objects, none for stored ones', async () => {
    const oid = 'a'.repeat(64);
    const batch = await post(
      '/datasets/alice/mixed.git/info/lfs/objects/batch',
      JSON.stringify({ operation: 'upload', transfers: ['basic'], objects: [{ oid, size: 3 }] }),
    );
    expect(batch.headers.get('content-type')).toBe('application/vnd.git-lfs+json');
    const body = (await batch.json()) as {
      transfer: string;
      objects: { actions?: { upload: { href: string }; verify: { href: string } } }[];
    };
    expect(body.transfer).toBe('basic');
    const actions = body.objects[0]?.actions;
    expect(actions?.upload.href).toBe(`${hub.url}/_lfs-upload/${oid}`);
    // Wrong bytes for the oid are refused; an un-issued URL too.
    expect((await fetch(actions?.upload.href ?? '', { method: 'PUT', body: 'abc' })).status).toBe(400);
    expect(
      (await fetch(`${hub.url}/_lfs-upload/${'b'.repeat(64)}`, { method: 'PUT', body: 'abc' })).status,
    ).toBe(403);
    expect((await fetch(actions?.verify.href ?? '', { method: 'POST' })).status).toBe(404);
  });

  it('refuses bad commits: unknown LFS objects, stale parents, unsafe paths, garbage', async () => {
    const url = '/api/datasets/alice/mixed/commit/main';
    const ndjson = (...lines: unknown[]) => lines.map((line) => JSON.stringify(line)).join('\n');
    const header = { key: 'header', value: { summary: 'x' } };
    const lfs = await post(
      url,
      ndjson(header, {
        key: 'lfsFile',
        value: { path: 'b.wav', algo: 'sha256', oid: 'c'.repeat(64), size: 1 },
      }),
    );
    expect(lfs.status).toBe(422);
    const stale = await post(
      url,
      ndjson({ key: 'header', value: { summary: 'x', parentCommit: '0'.repeat(40) } }),
    );
    expect(stale.status).toBe(412);
    const climbing = await post(
      url,
      ndjson(header, { key: 'file', value: { path: '../x', content: 'eA==', encoding: 'base64' } }),
    );
    expect(climbing.status).toBe(400);
    expect((await post(url, 'not json')).status).toBe(400);
    expect((await post(url, ndjson(header), { Authorization: 'Bearer hf_nope' })).status).toBe(401);
    const deleted = await post(
      url,
      ndjson(header, { key: 'deletedFile', value: { path: 'metadata.jsonl' } }),
    );
    expect(deleted.status).toBe(200);
    const sha = ((await deleted.json()) as { commitOid: string }).commitOid;
    expect(hub.findCommit('dataset', 'alice/mixed', sha)).toMatchObject({ message: 'x' });
  });

  it('speaks CORS: preflights, allowed origins, exposed headers, on redirects too', async () => {
    const origin = 'http://localhost:3000';
    const preflight = await fetch(`${hub.url}/api/datasets/alice/mixed/commit/main`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    const resolved = await fetch(`${hub.url}/datasets/alice/mixed/resolve/main/data/a.wav`, {
      headers: { Origin: origin },
      redirect: 'manual',
    });
    expect(resolved.status).toBe(302);
    expect(resolved.headers.get('access-control-allow-origin')).toBe(origin);
    expect(resolved.headers.get('access-control-expose-headers')).toContain('X-Repo-Commit');
    expect(resolved.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('drops connections on request, for "the Hub went away" tests', async () => {
    hub.addFault({ kind: 'drop', match: /whoami/, times: 1 });
    await expect(fetch(`${hub.url}/api/whoami-v2`, { headers: auth })).rejects.toThrow(TypeError);
    expect((await fetch(`${hub.url}/api/whoami-v2`, { headers: auth })).status).toBe(200);
  });
});
