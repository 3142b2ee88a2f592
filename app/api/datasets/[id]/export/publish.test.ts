/**
 * "The published repo loads as an audiofolder with its captions": a dataset's manifest (from the
 * route) is pushed by the browser push module to the local Hub, read back through the same server
 * (tree + resolve), and checked by an independent Python script (tests/reference/
 * audiofolder_check.py: soundfile decodes, rows ↔ files, durations, column consistency, card).
 */
import fs from 'node:fs';
import path from 'node:path';
import { downloadFile, listFiles } from '@huggingface/hub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as clipAudioGet } from '@/app/api/clips/[id]/audio/route';
import { createSession } from '@/lib/auth/sessions';
import { BlobStore } from '@/lib/blobs';
import { createDataset } from '@/lib/datasets/datasets-store';
import { pushToHub } from '@/lib/datasets/hub-push';
import { exportManifestSchema } from '@/lib/datasets/model';
import { closeDb, getDb } from '@/lib/db';
import { resetConfigForTests } from '@/lib/env';
import { writeAudioFiles } from '@/tests/support/audio-fixtures';
import { seedClip } from '@/tests/support/dataset-seed';
import { testSignal } from '@/tests/support/export-clips';
import { LocalHub } from '@/tests/support/local-hub';
import { runReference } from '@/tests/support/python';
import { makeTempDir } from '@/tests/support/temp-dir';
import { encodeWav } from '@/tests/support/wav-writer';
import { GET as fileGet } from './files/[...path]/route';
import { GET as manifestGet } from './manifest/route';

const temp = makeTempDir('genki-publish-');
const BASE = 'http://localhost:3000';
const TOKEN = 'hf_publishTestTokenAlice000000000';
let hub: LocalHub;
let cookie = '';
let datasetId = '';

beforeAll(async () => {
  hub = await LocalHub.start();
  hub.addToken(TOKEN, 'alice');
  process.env.GENKI_DATA_DIR = temp.dir;
  resetConfigForTests();
  const db = getDb();
  cookie = `genki_session=${createSession(db, { address: 'alice' }).token}`;
  const blobs = new BlobStore(temp.dir, db);
  datasetId = createDataset(db, 'alice', {
    name: 'Boss fight loops',
    description: 'Chiptune loops for boss fights.',
  }).id;
  const flac = writeAudioFiles(temp.dir, [
    { name: 'loop.flac', format: 'FLAC', subtype: 'PCM_16', rate: 44100, channels: 2, seconds: 1.5, seed: 3 },
  ]).get('loop.flac');
  if (!flac) throw new Error('no FLAC fixture');
  const wav = (frames: number, rate = 48000) => encodeWav(testSignal(frames), rate, { bits: 16 });
  const common = { sampleRate: 48000, channels: 2 };
  seedClip(db, blobs, datasetId, {
    ...common,
    audio: wav(24000),
    fileName: 'plain.wav',
    durationSeconds: 0.5,
    tags: { moods: ['happy'], bpm: 150 },
  });
  seedClip(db, blobs, datasetId, {
    ...common,
    audio: wav(48000),
    fileName: 'test tone.wav',
    durationSeconds: 1,
    trim: { start: 0.1, end: 0.6 },
  });
  seedClip(db, blobs, datasetId, {
    ...common,
    audio: wav(12000),
    fileName: 'song.mod',
    format: 'mod',
    isRenderedModule: true,
    durationSeconds: 0.25,
    attribution: 'Tracker Tom',
  });
  const flacClip = {
    audio: flac.bytes,
    format: 'flac',
    sampleRate: 44100,
    channels: 2,
    durationSeconds: flac.frames / 44100,
  };
  seedClip(db, blobs, datasetId, {
    ...flacClip,
    fileName: 'loop.flac',
    caption: 'A "looping" arpeggio 🎮 with\nnoise drums',
    licence: 'CC0-1.0',
  });
  seedClip(db, blobs, datasetId, {
    ...flacClip,
    fileName: 'loop.flac',
    trim: { start: 0.5, end: 1.25 },
    licence: 'LicenseRef-own-work',
  });
});
afterAll(async () => {
  closeDb();
  await hub.close();
  temp.cleanup();
});

/** The browser's same-origin fetch: session cookie attached, routed to the route handlers. */
const studioRequests: Request[] = [];
async function studioFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  studioRequests.push(request);
  const url = new URL(request.url);
  const withCookie = new Request(url, { headers: { cookie } });
  const audio = /^\/api\/clips\/([^/]+)\/audio$/.exec(url.pathname);
  if (audio) return clipAudioGet(withCookie, { params: Promise.resolve({ id: audio[1] ?? '' }) });
  const file = /^\/api\/datasets\/([^/]+)\/export\/files\/(.+)$/.exec(url.pathname);
  if (file)
    return fileGet(withCookie, {
      params: Promise.resolve({ id: file[1] ?? '', path: (file[2] ?? '').split('/') }),
    });
  return new Response('not found', { status: 404 });
}

describe('publishing a dataset to the Hub', () => {
  it('pushes a repo that loads as an audiofolder with its captions', async () => {
    const response = await manifestGet(
      new Request(`${BASE}/api/datasets/${datasetId}/export/manifest`, { headers: { cookie } }),
      { params: Promise.resolve({ id: datasetId }) },
    );
    const manifest = exportManifestSchema.parse(await response.json());
    const result = await pushToHub({
      manifest,
      repo: `alice/${manifest.suggestedRepo}`,
      accessToken: TOKEN,
      hubUrl: hub.url,
      baseUrl: BASE,
      fetchFile: studioFetch as typeof fetch,
    });
    expect(result).toMatchObject({ repo: 'alice/boss-fight-loops', created: true, files: 7 });
    expect(studioRequests.every((request) => !request.headers.has('authorization'))).toBe(true);

    // Read the repo back through the Hub's own API, as the e2e tests and `datasets` do.
    const dir = path.join(temp.dir, 'published');
    const repo = { type: 'dataset' as const, name: result.repo };
    for await (const entry of listFiles({
      repo,
      recursive: true,
      revision: result.commitSha,
      hubUrl: hub.url,
      accessToken: TOKEN,
    })) {
      if (entry.type !== 'file') continue;
      const blob = await downloadFile({
        repo,
        path: entry.path,
        revision: result.commitSha,
        hubUrl: hub.url,
        accessToken: TOKEN,
      });
      fs.mkdirSync(path.dirname(path.join(dir, entry.path)), { recursive: true });
      fs.writeFileSync(path.join(dir, entry.path), new Uint8Array(await (blob as Blob).arrayBuffer()));
    }
    const report = JSON.parse(runReference('audiofolder_check.py', ['audiofolder', dir]));
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, rows: 5 });
    expect(report.columns).toEqual([
      'file_name',
      'caption',
      'moods',
      'instruments',
      'genre',
      'bpm',
      'key',
      'licence',
      'attribution',
      'source',
      'duration',
    ]);
    expect(report.audio).toEqual([
      { file_name: 'data/0001-plain.wav', rate: 48000, frames: 24000, channels: 2, duration: 0.5 },
      { file_name: 'data/0002-xtest-tone.wav', rate: 48000, frames: 24000, channels: 2, duration: 0.5 },
      { file_name: 'data/0003-song.wav', rate: 48000, frames: 12000, channels: 2, duration: 0.25 },
      { file_name: 'data/0004-loop.flac', rate: 44100, frames: 66150, channels: 2, duration: 1.5 },
      { file_name: 'data/0005-loop.wav', rate: 44100, frames: 33075, channels: 2, duration: 0.75 },
    ]);
    const rows = fs
      .readFileSync(path.join(dir, 'metadata.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { caption: string });
    expect(rows[3]?.caption).toBe('A "looping" arpeggio 🎮 with\nnoise drums');
  });
});
