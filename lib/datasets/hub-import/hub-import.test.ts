/**
 * Hub imports against the local Hub stand-in: audiofolder repos with metadata.jsonl and with
 * metadata.csv, per-file and card licences, bad ids/revisions/repos, missing metadata, unknown
 * columns, rows whose files are absent, and a Hub that fails or goes away mid-download.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LocalHub } from '../../../tests/support/local-hub';
import { makeTempDir } from '../../../tests/support/temp-dir';
import { encodeWav } from '../../../tests/support/wav-writer';
import { createSession } from '../../auth/sessions';
import { type Db, openDatabase } from '../../db';
import { createDataset, type DatasetRecord } from '../datasets-store';
import { claimNextItem, completeItem, markReceived } from '../import-items';
import { findImportJob } from '../import-rows';
import type { HubImportDeps } from './hub-download';
import { startHubImport } from './hub-import';

const temp = makeTempDir('genki-hub-import-');
let hub: LocalHub;
let db: Db;
const received = new Map<string, Uint8Array>();
const wav = (seed: number) =>
  encodeWav([new Float32Array(2000).map((_, i) => Math.sin(i * seed * 0.01) * 0.5)], 16000);
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const deps = (): HubImportDeps => ({
  hubUrl: hub.url,
  cacheDir: path.join(temp.dir, 'hub-cache'),
  stateDir: path.join(temp.dir, 'hub-imports'),
  timeoutMs: 2000,
  accept: (item, bytes) => {
    received.set(item.id, bytes);
    markReceived(db, item, sha(bytes));
  },
  // Stands in for the worker pool: every queued item becomes a clip.
  waitIdle: async () => {
    for (let item = claimNextItem(db); item; item = claimNextItem(db)) {
      completeItem(db, item.id, {
        sourceMediaType: 'audio/wav',
        audioSha256: item.blob_sha256 ?? '',
        audioMediaType: 'audio/wav',
        peaksSha256: '0'.repeat(64),
        format: 'wav',
        isRenderedModule: false,
        sampleRate: 16000,
        channels: 1,
        durationSeconds: 0.125,
        quality: { level: 'pass', checks: [] },
        bpm: null,
      });
    }
  },
});

let dataset: DatasetRecord;
const freshDataset = () => createDataset(db, 'alice', { name: `set ${Math.random()}` });

beforeAll(async () => {
  hub = await LocalHub.start();
  db = openDatabase(path.join(temp.dir, 'genki.sqlite'));
  createSession(db, { address: 'alice' });
  dataset = freshDataset();
  const jsonl = [
    {
      file_name: 'data/a.wav',
      caption: 'A bouncy square lead in C major',
      license: 'cc-by-4.0',
      artist: 'Chip Alice',
    },
    {
      file_name: 'data/b.wav',
      text: 'ignored: caption wins',
      caption: 'Dark triangle bass with noise drums',
    },
    { file_name: 'data/missing.wav', caption: 'Not in the repo' },
    { file_name: '../../etc/passwd', caption: 'Escapes the repo' },
    { file_name: 'data/notes.txt', caption: 'Not audio' },
  ].map((row) => JSON.stringify(row));
  hub.commit(
    'genki/chip-captions',
    {
      'data/a.wav': wav(1),
      'data/b.wav': wav(2),
      'data/notes.txt': 'hello',
      'metadata.jsonl': `${jsonl.join('\n')}\n`,
      'README.md': '---\nlicense: cc0-1.0\ntask_categories:\n- text-to-audio\n---\n# Chip captions\n',
    },
    { kind: 'dataset' },
  );
  hub.commit(
    'genki/csv-set',
    {
      'train/one.wav': wav(3),
      'train/two.wav': wav(4),
      'train/metadata.csv':
        'file_name,prompt,licence\none.wav,"Upbeat arpeggio, 150 bpm",MIT\ntwo.wav,"Slow ""sad"" melody",\n',
    },
    { kind: 'dataset' },
  );
  hub.commit('genki/no-metadata', { 'a.wav': wav(5) }, { kind: 'dataset' });
  hub.commit(
    'genki/odd-columns',
    { 'a.wav': wav(6), 'metadata.jsonl': '{"file_name":"a.wav","label":"x","score":1}\n' },
    { kind: 'dataset' },
  );
  hub.commit(
    'genki/many',
    Object.fromEntries([
      ...[1, 2, 3, 4].map((n) => [`clips/${n}.wav`, wav(10 + n)]),
      [
        'metadata.jsonl',
        [1, 2, 3, 4]
          .map((n) => JSON.stringify({ file_name: `clips/${n}.wav`, caption: `Clip number ${n}` }))
          .join('\n'),
      ],
    ]),
    { kind: 'dataset' },
  );
});
afterAll(async () => {
  db.close();
  await hub.close();
  temp.cleanup();
});
afterEach(() => hub.clearFaults());

const clipOf = (clipId: string | null) =>
  db
    .prepare(
      'SELECT file_name, caption, caption_origin, licence, attribution, source_path FROM clips WHERE id = ?',
    )
    .get(clipId);

describe('Hub dataset import', () => {
  it('imports an audiofolder with metadata.jsonl: captions, licences, and failed rows explained', async () => {
    const { job, done } = await startHubImport(deps(), db, dataset, {
      repo: 'genki/chip-captions',
      revision: 'main',
    });
    expect(job).toMatchObject({ kind: 'hub', label: 'genki/chip-captions@main', total: 5 });
    await done;
    const final = findImportJob(db, job.id);
    expect(final?.state).toBe('done');
    const items = final?.items ?? [];
    expect(items.map((item) => [item.fileName, item.state])).toEqual([
      ['a.wav', 'done'],
      ['b.wav', 'done'],
      ['missing.wav', 'failed'],
      ['passwd', 'failed'],
      ['notes.txt', 'failed'],
    ]);
    expect(items[2]?.error).toMatch(
      /^Listed in metadata.jsonl but not in genki\/chip-captions at [0-9a-f]{12}\.$/,
    );
    expect(items[3]?.error).toBe('metadata.jsonl points outside the repo ("../../etc/passwd").');
    expect(items[4]?.error).toMatch(/^\.txt files cannot be imported/);
    expect(received.get(items[0]?.id ?? '')).toEqual(wav(1));
    expect(clipOf(items[0]?.clipId ?? null)).toEqual({
      file_name: 'a.wav',
      caption: 'A bouncy square lead in C major',
      caption_origin: 'imported',
      licence: 'CC-BY-4.0',
      attribution: 'Chip Alice',
      source_path: 'data/a.wav',
    });
    // No per-file licence: the card's single licence applies.
    expect(clipOf(items[1]?.clipId ?? null)).toMatchObject({
      caption: 'Dark triangle bass with noise drums',
      licence: 'CC0-1.0',
    });

    // Importing again finds the same content before downloading anything (LFS oids are SHA-256).
    const requestsBefore = hub.requests.filter((request) => request.url.startsWith('/_lfs/')).length;
    const again = await startHubImport(deps(), db, dataset, {
      repo: 'genki/chip-captions',
      revision: 'main',
    });
    await again.done;
    expect(again.job.items.slice(0, 2).map((item) => item.state)).toEqual(['duplicate', 'duplicate']);
    expect(hub.requests.filter((request) => request.url.startsWith('/_lfs/')).length).toBe(requestsBefore);
  });

  it('imports metadata.csv in a subfolder with a prompt column, relative file names and per-file licences', async () => {
    const target = freshDataset();
    const { job, done } = await startHubImport(deps(), db, target, {
      repo: 'genki/csv-set',
      revision: 'main',
    });
    await done;
    const items = findImportJob(db, job.id)?.items ?? [];
    expect(items.map((item) => [item.relativePath, item.state])).toEqual([
      ['train/one.wav', 'done'],
      ['train/two.wav', 'done'],
    ]);
    expect(clipOf(items[0]?.clipId ?? null)).toMatchObject({
      caption: 'Upbeat arpeggio, 150 bpm',
      licence: 'MIT',
    });
    expect(clipOf(items[1]?.clipId ?? null)).toMatchObject({ caption: 'Slow "sad" melody', licence: null });
  });

  it('answers bad ids, unknown repos and revisions, and unreadable metadata with one clear error and no job', async () => {
    const target = freshDataset();
    const attempt = (repo: string, revision = 'main') =>
      startHubImport(deps(), db, target, { repo, revision });
    await expect(attempt('../../etc')).rejects.toMatchObject({ status: 400, code: 'invalid_request' });
    await expect(attempt('genki/chip-captions', '../../x')).rejects.toMatchObject({ status: 400 });
    await expect(attempt('genki/nope')).rejects.toMatchObject({ status: 404, code: 'hub_not_found' });
    await expect(attempt('genki/chip-captions', 'v9')).rejects.toMatchObject({
      status: 404,
      message: expect.stringContaining('genki/chip-captions@v9 was not found'),
    });
    await expect(attempt('genki/no-metadata')).rejects.toMatchObject({
      status: 422,
      code: 'not_audiofolder',
      message: expect.stringContaining('has no metadata.jsonl or metadata.csv'),
    });
    await expect(attempt('genki/odd-columns')).rejects.toMatchObject({
      status: 422,
      message:
        'metadata.jsonl has no caption column: expected one of caption, text, description, prompt (columns: file_name, label, score).',
    });
    hub.addFault({ kind: 'status', status: 503, match: /\/revision\//, times: 1 });
    await expect(attempt('genki/many')).rejects.toMatchObject({ status: 502, code: 'hub_failed' });
    const down = await LocalHub.start();
    const url = down.url;
    await down.close();
    await expect(
      startHubImport({ ...deps(), hubUrl: url }, db, target, { repo: 'genki/many', revision: 'main' }),
    ).rejects.toMatchObject({
      status: 502,
      message: expect.stringContaining(`Could not reach the Hugging Face Hub at ${url}`),
    });
    expect(db.prepare('SELECT count(*) AS n FROM imports WHERE dataset_id = ?').get(target.id)).toEqual({
      n: 0,
    });
  });

  it('fails a corrupt download on its own and keeps going', async () => {
    const target = freshDataset();
    hub.addFault({ kind: 'corrupt', match: /^GET \/_lfs\//, times: 1 });
    const { job, done } = await startHubImport(deps(), db, target, { repo: 'genki/many', revision: 'main' });
    await done;
    const items = findImportJob(db, job.id)?.items ?? [];
    expect(items.map((item) => item.state)).toEqual(['failed', 'done', 'done', 'done']);
    expect(items[0]?.error).toMatch(
      /^Downloading clips\/1.wav from the Hub failed: .*failed its sha256 check/,
    );
  });

  it('fails every remaining file, saying why, when the Hub goes away mid-download', async () => {
    const target = freshDataset();
    // Fresh cache: the files must come from the Hub. The second download drops the connection.
    const fresh = { ...deps(), cacheDir: path.join(temp.dir, 'cache-outage') };
    hub.addFault({
      kind: 'drop',
      match: /^GET \/datasets\/genki\/many\/resolve\/[0-9a-f]{40}\/clips\/2\.wav$/,
      times: 1,
    });
    const { job, done } = await startHubImport(fresh, db, target, { repo: 'genki/many', revision: 'main' });
    await done;
    const final = findImportJob(db, job.id);
    expect(final?.items.map((item) => item.state)).toEqual(['done', 'failed', 'failed', 'failed']);
    for (const item of final?.items.slice(1) ?? []) {
      expect(item.error).toMatch(
        /^The Hugging Face Hub stopped answering while this import downloaded clips\/2\.wav: .* Retry this file\.$/,
      );
    }
    expect(final?.state).toBe('done');
  });
});
