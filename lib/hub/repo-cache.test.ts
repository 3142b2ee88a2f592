import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LocalHub } from '../../tests/support/local-hub';
import { makeTempDir } from '../../tests/support/temp-dir';
import { buildTestModelFiles } from '../clap/test-model';
import { HubError } from './errors';
import { HubNameError } from './names';
import { type DownloadProgress, HubCache } from './repo-cache';

const REPO = 'genki/test-clap';
const model = buildTestModelFiles();
const totalSize = [...model.values()].reduce((sum, bytes) => sum + bytes.byteLength, 0);

let hub: LocalHub;
let sha: string;
const temp = makeTempDir();
let run = 0;
/** A fresh, empty cache directory per test. */
const freshCache = () => path.join(temp.dir, `cache-${++run}`);

beforeAll(async () => {
  hub = await LocalHub.start({ pageSize: 3 });
  sha = hub.commit(REPO, model);
});
afterAll(async () => {
  await hub.close();
  temp.cleanup();
});
afterEach(() => hub.clearFaults());

function cache(cacheDir: string, overrides: Partial<ConstructorParameters<typeof HubCache>[0]> = {}) {
  return new HubCache({ cacheDir, hubUrl: hub.url, timeoutMs: 2000, ...overrides });
}

/** Byte equality without vitest's element-by-element deep equal (seconds on 250 kB arrays). */
const same = (a: Uint8Array, b: Uint8Array | undefined) => b !== undefined && Buffer.compare(a, b) === 0;

function leftovers(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.partial'));
}

describe('HubCache', () => {
  it('downloads a pinned commit with monotonic progress, then serves it with zero network', async () => {
    const cacheDir = freshCache();
    const snapshot = await cache(cacheDir).snapshot(REPO, sha);
    expect(snapshot.commit).toBe(sha);
    expect([...snapshot.files.keys()].sort()).toEqual([...model.keys()].sort());
    const events: DownloadProgress[] = [];
    const paths = await snapshot.ensure([...model.keys()], (event) => events.push(event));
    for (const [name, bytes] of model) expect(same(fs.readFileSync(paths.get(name) ?? ''), bytes)).toBe(true);
    expect(paths.get('onnx/audio_model.onnx')).toBe(
      path.join(cacheDir, 'models', 'genki', 'test-clap', sha, 'files', 'onnx', 'audio_model.onnx'),
    );

    expect(events.length).toBeGreaterThan(model.size);
    for (let i = 1; i < events.length; i++)
      expect(events[i]?.bytes).toBeGreaterThan(events[i - 1]?.bytes ?? 0);
    expect(events.at(-1)).toMatchObject({ bytes: totalSize, totalBytes: totalSize, repo: REPO, commit: sha });
    for (const [name, bytes] of model) {
      expect(events.filter((event) => event.path === name).at(-1)).toMatchObject({
        fileBytes: bytes.byteLength,
        fileSize: bytes.byteLength,
      });
    }
    expect(leftovers(cacheDir)).toEqual([]);

    // A new process (new HubCache) on the same cache: no request at all, not even a listing.
    const before = hub.requests.length;
    const offlineFetch = vi.fn(async () => {
      throw new TypeError('fetch failed');
    });
    const again = await cache(cacheDir, { fetch: offlineFetch }).snapshot(REPO, sha);
    const progress = vi.fn();
    expect(await again.ensure([...model.keys()], progress)).toEqual(paths);
    expect(offlineFetch).not.toHaveBeenCalled();
    expect(progress).not.toHaveBeenCalled();
    expect(hub.requests.length).toBe(before);
  });

  it('re-downloads a cached file whose size is wrong', async () => {
    const cacheDir = freshCache();
    const snapshot = await cache(cacheDir).snapshot(REPO, sha);
    const [config] = await snapshot.ensure(['config.json']).then((paths) => [...paths.values()]);
    fs.writeFileSync(config ?? '', '{}');
    const events: DownloadProgress[] = [];
    await snapshot.ensure(['config.json', 'tokenizer.json'], (event) => events.push(event));
    expect(same(fs.readFileSync(config ?? ''), model.get('config.json'))).toBe(true);
    expect(new Set(events.map((event) => event.path))).toEqual(new Set(['config.json', 'tokenizer.json']));
  });

  it('resolves a branch to its commit and falls back to the last known commit offline', async () => {
    const cacheDir = freshCache();
    const snapshot = await cache(cacheDir).snapshot(REPO, 'main');
    expect(snapshot.commit).toBe(sha);
    await snapshot.ensure(['config.json']);
    const offline = await cache(cacheDir, { hubUrl: 'http://127.0.0.1:9' }).snapshot(REPO, 'main');
    expect(offline.commit).toBe(sha);
    await expect(
      cache(freshCache(), { hubUrl: 'http://127.0.0.1:9' }).snapshot(REPO, 'main'),
    ).rejects.toMatchObject({
      code: 'unreachable',
    });
  });

  it.each([
    ['an LFS file', 'onnx/audio_model.onnx', /failed its sha256 check/],
    ['a plain file', 'tokenizer.json', /failed its git sha1 check/],
  ])('detects corrupt bytes in %s and keeps nothing', async (_label, file, message) => {
    const cacheDir = freshCache();
    const snapshot = await cache(cacheDir).snapshot(REPO, sha);
    hub.addFault({ kind: 'corrupt', match: /^GET \/(_lfs|genki)\//, times: 1 });
    const error = await snapshot.ensure([file]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HubError);
    expect(error).toMatchObject({ code: 'corrupt', message: expect.stringMatching(message) });
    expect(fs.existsSync(snapshot.localPath(file))).toBe(false);
    expect(leftovers(cacheDir)).toEqual([]);
    await snapshot.ensure([file]);
    expect(same(fs.readFileSync(snapshot.localPath(file)), model.get(file))).toBe(true);
  });

  it('detects short and cut-off downloads', async () => {
    const snapshot = await cache(freshCache()).snapshot(REPO, sha);
    hub.addFault({ kind: 'short', bytes: 1000, match: /_lfs/, times: 1 });
    await expect(snapshot.ensure(['onnx/text_model.onnx'])).rejects.toThrow(
      `Downloading onnx/text_model.onnx from ${REPO}@${sha} ended after 1000 of ${model.get('onnx/text_model.onnx')?.byteLength} bytes; the file was not saved.`,
    );
    hub.addFault({ kind: 'truncate', afterBytes: 5000, match: /_lfs/, times: 1 });
    await expect(snapshot.ensure(['onnx/text_model.onnx'])).rejects.toThrow(
      /was cut short after \d+ of \d+ bytes/,
    );
    expect(fs.existsSync(snapshot.localPath('onnx/text_model.onnx'))).toBe(false);
  });

  it('times out on a stalled body and on a silent server', async () => {
    // List with a generous deadline (a loaded CI machine may be slow); the short one applies to
    // the download, read from the cached listing without any request.
    const cacheDir = freshCache();
    await cache(cacheDir).snapshot(REPO, sha);
    const snapshot = await cache(cacheDir, { timeoutMs: 500 }).snapshot(REPO, sha);
    hub.addFault({ kind: 'stall', afterBytes: 4096, match: /_lfs/, times: 1 });
    await expect(snapshot.ensure(['onnx/audio_model.onnx'])).rejects.toMatchObject({
      code: 'timeout',
      message: expect.stringMatching(/stalled: no data .* for 500 ms after 4096 of \d+ bytes/),
    });
    hub.addFault({ kind: 'delay', ms: 5000, match: /\/tree\//, times: 1 });
    await expect(cache(freshCache(), { timeoutMs: 300 }).snapshot(REPO, sha)).rejects.toMatchObject({
      code: 'timeout',
      message: expect.stringContaining(`The Hugging Face Hub at ${hub.url} did not answer within 300 ms`),
    });
  });

  it('explains what to configure when the Hub is unreachable', async () => {
    const down = await LocalHub.start();
    const url = down.url;
    await down.close();
    const error = await cache(freshCache(), { hubUrl: url })
      .snapshot('Xenova/larger_clap_music_and_speech', 'e9fd5ac1dbf3280936a7fc3ec8a020453ff184db')
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'unreachable' });
    expect((error as Error).message).toMatch(
      new RegExp(
        `^Could not reach the Hugging Face Hub at ${url} to fetch Xenova/larger_clap_music_and_speech@e9fd5ac1dbf3280936a7fc3ec8a020453ff184db: fetch failed \\(ECONNREFUSED: .*\\)\\. Set GENKI_HF_HUB_URL, or pass a local model directory \\(genki make-test-model DIR creates a small test model\\)\\.$`,
      ),
    );
  });

  it('reports missing repos, revisions, files and server errors plainly', async () => {
    const hubCache = cache(freshCache());
    await expect(hubCache.snapshot('genki/missing', sha)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(hubCache.snapshot(REPO, 'v2')).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining(`${REPO}@v2 was not found on the Hub at ${hub.url}`),
    });
    const snapshot = await hubCache.snapshot(REPO, sha);
    await expect(snapshot.ensure(['onnx/model.onnx'])).rejects.toThrow(
      `onnx/model.onnx is not in ${REPO}@${sha}`,
    );
    hub.addFault({ kind: 'status', status: 500, match: /\/resolve\//, times: 1 });
    await expect(snapshot.ensure(['config.json'])).rejects.toMatchObject({
      code: 'bad_response',
      message: expect.stringContaining('answered HTTP 500 for config.json'),
    });
  });

  it('refuses hostile names before touching the network or the disk', async () => {
    const fetchSpy = vi.fn(globalThis.fetch);
    const hubCache = cache(freshCache(), { fetch: fetchSpy });
    await expect(hubCache.snapshot('../../etc', 'main')).rejects.toThrow(HubNameError);
    await expect(hubCache.snapshot(REPO, '../../../tmp')).rejects.toThrow(HubNameError);
    expect(fetchSpy).not.toHaveBeenCalled();

    // A Hub that lists hostile paths: they are dropped from the listing and cannot be requested.
    const evil = await LocalHub.start();
    const evilSha = evil.commit('evil/repo', { 'config.json': '{}' });
    evil.addRoute({
      method: 'GET',
      pattern: /^\/api\/models\/evil\/repo\/tree\//,
      handle: (context) =>
        context.json(200, [
          { type: 'file', path: '../../escape.json', size: 2, oid: 'a'.repeat(40) },
          { type: 'file', path: '/etc/passwd', size: 2, oid: 'a'.repeat(40) },
          { type: 'file', path: 'config.json', size: 2, oid: 'b'.repeat(40) },
        ]),
    });
    try {
      const snapshot = await cache(freshCache(), { hubUrl: evil.url }).snapshot('evil/repo', evilSha);
      expect([...snapshot.files.keys()]).toEqual(['config.json']);
      await expect(snapshot.ensure(['../../escape.json'])).rejects.toThrow(HubNameError);
      expect(() => snapshot.localPath('../x')).toThrow(HubNameError);
    } finally {
      await evil.close();
    }
  });

  it('rejects malformed listings', async () => {
    hub.addRoute({
      method: 'GET',
      pattern: /^\/api\/models\/genki\/bad-listing\/tree\//,
      handle: (context) => context.json(200, [{ type: 'file', path: 'x', size: -1 }]),
    });
    await expect(cache(freshCache()).snapshot('genki/bad-listing', sha)).rejects.toMatchObject({
      code: 'bad_response',
      message: expect.stringContaining('malformed file listing'),
    });
  });
});
