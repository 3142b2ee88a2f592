/**
 * The browser push module against the local Hub stand-in (which speaks @huggingface/hub's upload
 * API): progress, commit SHA, auth failures, a Hub failing mid-push then a clean retry, and stale
 * files removed on re-push.
 */
import { downloadFile, listFiles } from '@huggingface/hub';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LocalHub } from '../../tests/support/local-hub';
import { hubAccount } from './hub-account';
import { type HubPushProgress, pushToHub } from './hub-push';
import type { ExportManifest } from './model';

const TOKEN = 'hf_genkiTestTokenForAlice0123456789';
const OTHER_TOKEN = 'hf_genkiTestTokenForBob0123456789';
const STUDIO = 'http://studio.test';

let hub: LocalHub;
beforeAll(async () => {
  hub = await LocalHub.start();
  hub.addToken(TOKEN, 'alice');
  hub.addToken(OTHER_TOKEN, 'bob');
});
afterAll(() => hub.close());
afterEach(() => hub.clearFaults());

function bytes(length: number, seed: number): Uint8Array {
  return new Uint8Array(length).map((_, i) => (i * seed + 7) % 251);
}

/** A manifest plus a fake same-origin server for its URLs. */
function fixture(clips: number, seed = 3) {
  const served = new Map<string, Uint8Array>();
  const files: ExportManifest['files'] = [];
  const rows: string[] = [];
  for (let i = 1; i <= clips; i++) {
    const path = `data/000${i}-clip.wav`;
    const body = bytes(20_000 + i * 1000, seed + i);
    served.set(`${STUDIO}/api/clips/clip_${i}xxxxxxxxxx/audio`, body);
    files.push({ path, url: `/api/clips/clip_${i}xxxxxxxxxx/audio`, text: null, size: body.byteLength });
    rows.push(JSON.stringify({ file_name: path, caption: `clip ${i}` }));
  }
  const metadata = `${rows.join('\n')}\n`;
  files.push({
    path: 'metadata.jsonl',
    url: null,
    text: metadata,
    size: new TextEncoder().encode(metadata).byteLength,
  });
  files.push({ path: 'README.md', url: null, text: '# Test\n', size: 7 });
  const requests: Request[] = [];
  const fetchFile = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push(request);
    const body = served.get(request.url);
    return body ? new Response(body as BodyInit) : new Response('missing', { status: 404 });
  }) as unknown as typeof fetch;
  const manifest: ExportManifest = { datasetName: 'Test set', suggestedRepo: 'test-set', files };
  return { manifest, fetchFile, requests, served };
}

async function readBack(repo: string, token = TOKEN): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const entry of listFiles({
    repo: { type: 'dataset', name: repo },
    recursive: true,
    hubUrl: hub.url,
    accessToken: token,
  })) {
    if (entry.type !== 'file') continue;
    const blob = await downloadFile({
      repo: { type: 'dataset', name: repo },
      path: entry.path,
      hubUrl: hub.url,
      accessToken: token,
    });
    out.set(entry.path, Buffer.from(await (blob as Blob).arrayBuffer()).toString('base64'));
  }
  return out;
}

const push = (
  repo: string,
  f: ReturnType<typeof fixture>,
  extra: Partial<Parameters<typeof pushToHub>[0]> = {},
) =>
  pushToHub({
    manifest: f.manifest,
    repo,
    accessToken: TOKEN,
    hubUrl: hub.url,
    baseUrl: STUDIO,
    fetchFile: f.fetchFile,
    ...extra,
  });

describe('pushToHub', () => {
  it('creates a private dataset repo, commits every file and reports byte progress', async () => {
    const f = fixture(3);
    const events: HubPushProgress[] = [];
    const log = vi.spyOn(console, 'log');
    const result = await push('alice/chip-set', f, { onProgress: (event) => events.push(event) });

    expect(result).toMatchObject({ repo: 'alice/chip-set', created: true, files: 5, deleted: [] });
    expect(result.repoUrl).toBe(`${hub.url}/datasets/alice/chip-set`);
    expect(result.commitSha).toMatch(/^[0-9a-f]{40}$/);
    expect(hub.repos.get('dataset:alice/chip-set')?.refs.get('main')).toBe(result.commitSha);
    expect(hub.repos.get('dataset:alice/chip-set')?.private).toBe(true);

    const total = f.manifest.files.reduce((sum, file) => sum + file.size, 0);
    expect(result.bytes).toBe(total);
    const last = events.at(-1);
    expect(last).toMatchObject({ stage: 'done', readBytes: total, uploadedBytes: total, totalBytes: total });
    for (let i = 1; i < events.length; i++) {
      expect(events[i]?.readBytes).toBeGreaterThanOrEqual(events[i - 1]?.readBytes ?? 0);
      expect(events[i]?.uploadedBytes).toBeGreaterThanOrEqual(events[i - 1]?.uploadedBytes ?? 0);
    }
    expect(events.map((event) => event.stage)).toEqual(
      expect.arrayContaining(['reading files', 'creating the repo', 'uploading', 'committing', 'done']),
    );

    const files = await readBack('alice/chip-set');
    for (const file of f.manifest.files) {
      const expected = file.text ?? '';
      const body = file.url ? f.served.get(`${STUDIO}${file.url}`) : new TextEncoder().encode(expected);
      expect(files.get(file.path)).toBe(Buffer.from(body ?? new Uint8Array()).toString('base64'));
    }
    // The token went to the Hub only: never with Genki Studio's own requests, never to a log.
    expect(f.requests.every((request) => !request.headers.has('authorization'))).toBe(true);
    expect(hub.requests.some((request) => request.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(JSON.stringify(log.mock.calls)).not.toContain(TOKEN);
    log.mockRestore();
  });

  it('refuses a wrong token with the Hub’s 401 and never echoes the token', async () => {
    const error = await push('alice/wrong-token', fixture(1), { accessToken: 'hf_notARealToken' }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'HubPushError', code: 'unauthorized', status: 401 });
    expect((error as Error).message).toMatch(/rejected the access token \(HTTP 401/);
    expect((error as Error).message).not.toContain('hf_notARealToken');
    expect(hub.repos.has('dataset:alice/wrong-token')).toBe(false);
  });

  it('says when the token may not write to the namespace', async () => {
    const error = await push('alice/bobs-attempt', fixture(1), { accessToken: OTHER_TOKEN }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'forbidden', status: 403 });
    expect((error as Error).message).toContain('may not write to the dataset alice/bobs-attempt');
  });

  it('rejects bad input before any request', async () => {
    const before = hub.requests.length;
    await expect(push('../etc', fixture(1))).rejects.toMatchObject({ code: 'invalid' });
    await expect(push('alice/x', fixture(1), { accessToken: 'ghp_x' })).rejects.toMatchObject({
      code: 'invalid',
    });
    const f = fixture(1);
    f.manifest.files.push({ path: '../escape.txt', url: null, text: 'x', size: 1 });
    await expect(push('alice/x', f)).rejects.toMatchObject({ code: 'invalid' });
    expect(hub.requests.length).toBe(before);
  });

  it('fails clearly when the Hub breaks mid-push, commits nothing, and a retry pushes cleanly', async () => {
    const f = fixture(3, 11);
    hub.addFault({ kind: 'status', status: 500, match: /^PUT \/_lfs-upload\//, times: 1 });
    const error = await push('alice/flaky', f).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'hub_failed', status: 500 });
    expect((error as Error).message).toMatch(
      /failed while uploading \(HTTP 500.*Nothing was committed; push again/,
    );
    const repo = hub.repos.get('dataset:alice/flaky');
    const initial = repo?.refs.get('main');
    expect(repo?.commits.get(initial ?? '')?.files.has('metadata.jsonl')).toBe(false);

    const putsBefore = hub.requests.filter((request) => request.method === 'PUT').length;
    const result = await push('alice/flaky', f);
    expect(result.created).toBe(false);
    expect(result.commitSha).not.toBe(initial);
    const files = await readBack('alice/flaky');
    expect([...files.keys()].sort()).toEqual([
      '.gitattributes',
      'README.md',
      'data/0001-clip.wav',
      'data/0002-clip.wav',
      'data/0003-clip.wav',
      'metadata.jsonl',
    ]);
    // Objects that reached the Hub the first time are not uploaded again.
    const puts = hub.requests.filter((request) => request.method === 'PUT').length - putsBefore;
    expect(puts).toBeLessThan(3);
  });

  it('reports a Hub that goes away mid-push as unreachable', async () => {
    hub.addFault({ kind: 'drop', match: /\/commit\//, times: 1 });
    const error = await push('alice/dropped', fixture(2, 17)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unreachable' });
    expect((error as Error).message).toContain(
      `Could not reach the Hugging Face Hub at ${hub.url} while committing`,
    );
    await expect(push('alice/dropped', fixture(2, 17))).resolves.toMatchObject({ created: false });
  });

  it('removes audio and metadata an earlier push left behind', async () => {
    await push('alice/shrinking', fixture(3, 5));
    const smaller = fixture(1, 5);
    const result = await push('alice/shrinking', smaller, { visibility: 'public' });
    expect(result.deleted.sort()).toEqual(['data/0002-clip.wav', 'data/0003-clip.wav']);
    const files = await readBack('alice/shrinking');
    expect([...files.keys()].sort()).toEqual([
      '.gitattributes',
      'README.md',
      'data/0001-clip.wav',
      'metadata.jsonl',
    ]);
  });

  it('fails with the studio’s status when a file cannot be read', async () => {
    const f = fixture(1);
    f.served.clear();
    await expect(push('alice/unreadable', f)).rejects.toMatchObject({ code: 'source_failed', status: 404 });
    expect(hub.repos.has('dataset:alice/unreadable')).toBe(false);
  });

  it('names the account behind a token, and refuses a wrong one', async () => {
    expect(await hubAccount({ accessToken: TOKEN, hubUrl: hub.url })).toEqual({
      name: 'alice',
      namespaces: ['alice'],
    });
    await expect(hubAccount({ accessToken: 'hf_nope', hubUrl: hub.url })).rejects.toMatchObject({
      code: 'unauthorized',
    });
  });

  it('blames Genki Studio, not the Hub, when a file cannot be fetched, and reports a cancel as such', async () => {
    const f = fixture(1);
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const error = await push('alice/offline-studio', f, { fetchFile: offline }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'source_failed' });
    expect((error as Error).message).toBe(
      'Could not read data/0001-clip.wav from Genki Studio (Failed to fetch); check the connection and push again.',
    );
    const controller = new AbortController();
    controller.abort();
    await expect(push('alice/cancelled', f, { signal: controller.signal })).rejects.toMatchObject({
      code: 'aborted',
    });
  });
});
