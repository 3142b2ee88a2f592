import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalHub } from '@/tests/support/local-hub';
import { runReference } from '@/tests/support/python';
import { makeTempDir } from '@/tests/support/temp-dir';
import { HubError } from '../hub/errors';
import {
  checkModelLayout,
  type HubRepoHashProgress,
  hashHubRepo,
  MAX_REPO_BYTES,
  secureHashOfHubRepo,
} from './hub-repo-hash';
import { SecureHashError } from './secure-hash';
import { secureHashOfDirectory } from './secure-hash-node';

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const temp = makeTempDir('genki-hub-hash-');
const snapshot = path.join(temp.dir, 'snapshot');
const weights = new Uint8Array(200_000).map((_, i) => (i * 13 + (i >> 9)) & 0xff);
const files: Record<string, string | Uint8Array> = {
  '.gitattributes': '*.bin filter=lfs diff=lfs merge=lfs -text\n',
  'README.md': '# Ruby, a chiptune MusicGen\n',
  'state_dict.bin': weights,
  'compression_state_dict.bin': weights.subarray(7),
  'config/empty.json': '',
  'config/nested/deep.txt': 'deep',
  'notes/big-notes.txt': 'x'.repeat(5000),
  'ünïcode/曲 1.bin': 'unicode, a space and LFS',
  'ünïcode/ａ.txt': 'fullwidth a',
  'model.v2.json': '{"v":2}',
};

let hub: LocalHub;
let commit: string;

beforeAll(async () => {
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(snapshot, name)), { recursive: true });
    fs.writeFileSync(path.join(snapshot, name), content);
  }
  // Small pages exercise pagination; files from 4 kB up (and every .bin) are stored as LFS.
  hub = await LocalHub.start({ pageSize: 3, lfsThreshold: 4096 });
  commit = await hub.commitDirectory('genki/ruby', snapshot);
  hub.commit('genki/ruby', { 'README.md': 'a later commit on main' });
});
afterAll(async () => {
  await hub.close();
  temp.cleanup();
});

describe('hashHubRepo', () => {
  it('equals the Node directory hash of the same snapshot, downloading only plain files', async () => {
    const progress: HubRepoHashProgress[] = [];
    hub.requests.length = 0;
    const remote = await secureHashOfHubRepo('genki/ruby', commit, ALICE, {
      hubUrl: hub.url,
      onProgress: (p) => progress.push(p),
    });
    const local = await secureHashOfDirectory(snapshot, ALICE);
    const python = JSON.parse(runReference('taoverse_hash.py', ['hash', snapshot, ALICE]));
    expect(remote.dirHash).toBe(local.dirHash);
    expect(remote.secureHash).toBe(local.secureHash);
    expect(remote.dirHash).toBe(python.dir_hash);
    expect(remote.files.map((file) => file.path)).toEqual(python.files);
    expect(remote.files.map(({ path: p, size, sha256 }) => ({ path: p, size, sha256 }))).toEqual(local.files);

    const lfs = remote.files.filter((file) => file.lfs).map((file) => file.path);
    expect(lfs.sort()).toEqual([
      'compression_state_dict.bin',
      'notes/big-notes.txt',
      'state_dict.bin',
      'ünïcode/曲 1.bin',
    ]);
    const fetched = hub.requests
      .filter((r) => r.url.includes('/resolve/'))
      .map((r) => decodeURIComponent(r.url));
    expect(fetched).toHaveLength(remote.files.length - lfs.length);
    expect(fetched.every((url) => url.includes(`/resolve/${commit}/`))).toBe(true);
    expect(hub.requests.some((r) => r.url.startsWith('/_lfs/'))).toBe(false);
    expect(hub.requests.filter((r) => r.url.includes('/tree/')).length).toBeGreaterThan(1);

    const last = progress.at(-1);
    expect(last).toMatchObject({
      phase: 'hashing',
      filesDone: remote.files.length,
      filesTotal: remote.files.length,
    });
    expect(last?.bytesCovered).toBe(last?.bytesTotal);
    expect(last?.bytesDownloaded).toBe(remote.downloadedBytes);
    expect(remote.downloadedBytes).toBeLessThan(1000);
    expect(remote.totalBytes).toBe(local.totalBytes);
    expect(progress.some((p) => p.phase === 'listing')).toBe(true);
    expect(remote.layout).toMatchObject({ ok: true, totalBytes: local.totalBytes, problems: [] });
  });

  it('hashes the committed revision, not main', async () => {
    const pinned = await hashHubRepo('genki/ruby', commit, { hubUrl: hub.url });
    const main = hub.repos.get('model:genki/ruby')?.refs.get('main') ?? '';
    const latest = await hashHubRepo('genki/ruby', main, { hubUrl: hub.url });
    expect(latest.dirHash).not.toBe(pinned.dirHash);
  });

  it('fails with a clear error for a missing repo, a damaged download or bad input', async () => {
    const missing = await hashHubRepo('genki/nothing', commit, { hubUrl: hub.url }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(HubError);
    expect((missing as Error).message).toMatch(/genki\/nothing/);

    hub.addFault({ kind: 'corrupt', match: /README\.md$/, times: 1 });
    const damaged = await hashHubRepo('genki/ruby', commit, { hubUrl: hub.url }).catch((e: unknown) => e);
    expect(damaged).toMatchObject({
      code: 'corrupt',
      message: expect.stringMatching(/README\.md.*git blob id/),
    });
    hub.clearFaults();

    hub.requests.length = 0;
    await expect(hashHubRepo('not a repo', commit, { hubUrl: hub.url })).rejects.toThrowError(
      SecureHashError,
    );
    await expect(hashHubRepo('genki/ruby', 'main', { hubUrl: hub.url })).rejects.toThrowError(
      /40 lowercase hex/,
    );
    await expect(secureHashOfHubRepo('genki/ruby', commit, 'nope', { hubUrl: hub.url })).rejects.toThrowError(
      /SS58/,
    );
    expect(hub.requests).toEqual([]);

    const offline = await hashHubRepo('genki/ruby', commit, { hubUrl: 'http://127.0.0.1:9' }).catch(
      (e: unknown) => e,
    );
    expect(offline).toMatchObject({ code: 'unreachable' });
  });
});

describe('checkModelLayout', () => {
  const good = [
    { path: '.gitattributes', size: 50 },
    { path: 'state_dict.bin', size: 1000 },
    { path: 'compression_state_dict.bin', size: 500 },
  ];

  it('accepts both packages at the root, up to and including max_bytes (20 GiB)', () => {
    expect(MAX_REPO_BYTES).toBe(21_474_836_480);
    expect(checkModelLayout(good)).toEqual({
      ok: true,
      totalBytes: 1550,
      maxBytes: MAX_REPO_BYTES,
      problems: [],
    });
    expect(checkModelLayout(good, { maxBytes: 1550 }).ok).toBe(true);
  });

  it('explains what a validator would reject', () => {
    const report = checkModelLayout(
      [
        { path: 'models/state_dict.bin', size: 10 },
        { path: 'compression_state_dict.bin', size: 0 },
        { path: 'big.safetensors', size: MAX_REPO_BYTES },
      ],
      {},
    );
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.code)).toEqual(['missing_file', 'empty_file', 'too_large']);
    expect(report.problems[0]?.message).toMatch(
      /state_dict\.bin must be at the repo root, not at models\/state_dict\.bin/,
    );
    expect(report.problems[2]?.message).toMatch(/over 20\.00 GiB/);
    expect(checkModelLayout([]).problems.map((p) => p.message)).toEqual([
      'state_dict.bin is missing at the repo root; validators load the model from it.',
      'compression_state_dict.bin is missing at the repo root; validators load the model from it.',
    ]);
  });
});
