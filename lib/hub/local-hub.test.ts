/**
 * Checks the test Hub stand-in (tests/support/local-hub.ts) against @huggingface/hub itself, so
 * the Hub code tested against it is tested against the API the real client speaks.
 */
import { createHash } from 'node:crypto';
import { datasetInfo, downloadFile, fileDownloadInfo, listFiles, modelInfo } from '@huggingface/hub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalHub } from '../../tests/support/local-hub';
import { makeTempDir } from '../../tests/support/temp-dir';
import { makeTestModel } from '../clap/test-model';

let hub: LocalHub;
let first: string;
let second: string;
const weights = new Uint8Array(70_000).map((_, i) => (i * 7) % 251);

beforeAll(async () => {
  hub = await LocalHub.start({ pageSize: 2 });
  first = hub.commit('genki/tiny', { 'config.json': '{"model_type":"clap"}', 'onnx/model.onnx': weights });
  second = hub.commit('genki/tiny', { 'README.md': '# tiny\n' }, { message: 'Add README' });
  hub.commit('genki/captions', { 'data/train.csv': 'file,caption\n' }, { kind: 'dataset' });
});
afterAll(() => hub.close());

describe('LocalHub speaks the Hub API used by @huggingface/hub', () => {
  it('resolves revisions to commit SHAs', async () => {
    const info = await modelInfo({
      name: 'genki/tiny',
      hubUrl: hub.url,
      revision: 'main',
      additionalFields: ['sha'],
    });
    expect(info.sha).toBe(second);
    expect(second).toMatch(/^[0-9a-f]{40}$/);
    expect(first).not.toBe(second);
    const dataset = await datasetInfo({ name: 'genki/captions', hubUrl: hub.url, additionalFields: ['sha'] });
    expect(dataset.sha).toMatch(/^[0-9a-f]{40}$/);
  });

  it('lists trees recursively across paginated responses', async () => {
    const entries = [];
    for await (const entry of listFiles({
      repo: 'genki/tiny',
      revision: second,
      recursive: true,
      hubUrl: hub.url,
    })) {
      entries.push(entry);
    }
    expect(entries.map((entry) => `${entry.type}:${entry.path}`)).toEqual([
      'file:README.md',
      'file:config.json',
      'directory:onnx',
      'file:onnx/model.onnx',
    ]);
    const lfs = entries.find((entry) => entry.path === 'onnx/model.onnx');
    expect(lfs).toMatchObject({
      size: weights.byteLength,
      lfs: { oid: createHash('sha256').update(weights).digest('hex'), size: weights.byteLength },
    });
    expect(hub.requests.filter((request) => request.url.includes('/tree/')).length).toBeGreaterThan(1);
    const older = [];
    for await (const entry of listFiles({ repo: 'genki/tiny', revision: first, hubUrl: hub.url }))
      older.push(entry.path);
    expect(older).toEqual(['config.json', 'onnx']);
  });

  it('serves plain files with git blob ETags and LFS files through a CDN redirect', async () => {
    const plain = await fileDownloadInfo({
      repo: 'genki/tiny',
      path: 'config.json',
      revision: first,
      hubUrl: hub.url,
    });
    const content = '{"model_type":"clap"}';
    const gitOid = createHash('sha1').update(`blob ${content.length}\0${content}`).digest('hex');
    expect(plain).toMatchObject({ size: content.length, etag: `"${gitOid}"` });
    const lfs = await fileDownloadInfo({
      repo: 'genki/tiny',
      path: 'onnx/model.onnx',
      revision: 'main',
      hubUrl: hub.url,
    });
    expect(lfs?.size).toBe(weights.byteLength);
    expect(lfs?.url).toContain('/_lfs/');
    const blob = await downloadFile({
      repo: 'genki/tiny',
      path: 'onnx/model.onnx',
      revision: first,
      hubUrl: hub.url,
    });
    expect(Buffer.compare(new Uint8Array((await blob?.arrayBuffer()) ?? new ArrayBuffer(0)), weights)).toBe(
      0,
    );
    const partial = await fetch(`${hub.url}/genki/tiny/resolve/main/onnx/model.onnx`, {
      headers: { Range: 'bytes=10-19' },
    });
    expect(partial.status).toBe(206);
    expect(new Uint8Array(await partial.arrayBuffer())).toEqual(weights.subarray(10, 20));
  });

  it('answers missing things with the Hub error codes', async () => {
    expect(await fileDownloadInfo({ repo: 'genki/tiny', path: 'nope.json', hubUrl: hub.url })).toBeNull();
    const noRepo = await fetch(`${hub.url}/api/models/genki/none/revision/main`);
    expect([noRepo.status, noRepo.headers.get('x-error-code')]).toEqual([401, 'RepoNotFound']);
    const noRev = await fetch(`${hub.url}/genki/tiny/resolve/v9/config.json`);
    expect([noRev.status, noRev.headers.get('x-error-code')]).toEqual([404, 'RevisionNotFound']);
    const head = await fetch(`${hub.url}/datasets/genki/captions/resolve/main/data/train.csv`, {
      method: 'HEAD',
    });
    expect([head.status, head.headers.get('x-repo-commit')?.length]).toEqual([200, 40]);
  });

  it('serves a repo committed from a folder', async () => {
    const temp = makeTempDir();
    try {
      const { dir, files } = await makeTestModel(temp.dir);
      const sha = await hub.commitDirectory('genki/from-folder', dir);
      const listed = [];
      for await (const entry of listFiles({
        repo: 'genki/from-folder',
        revision: sha,
        recursive: true,
        hubUrl: hub.url,
      })) {
        if (entry.type === 'file') listed.push(entry.path);
      }
      expect(listed.sort()).toEqual([...files].sort());
    } finally {
      temp.cleanup();
    }
  });
});
