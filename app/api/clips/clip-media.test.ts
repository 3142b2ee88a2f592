/**
 * Serving processed clips: the playable audio with its media type and HTTP Range (what <audio> and
 * wavesurfer need to seek), a module's rendered WAV, the module itself as a download under a safe
 * Content-Disposition whatever its name, and the waveform peaks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWav } from '@/lib/audio/wav';
import { getBlobStore } from '@/lib/datasets/blob-store';
import { findClipRow } from '@/lib/datasets/clips-store';
import { createDataset } from '@/lib/datasets/datasets-store';
import { findImportJob, findItem } from '@/lib/datasets/import-rows';
import { createImportJob } from '@/lib/datasets/imports-store';
import { clipSchema, type ImportJob, peaksSchema } from '@/lib/datasets/model';
import {
  configurePipeline,
  shutdownPipeline,
  waitForPipelineIdle,
} from '@/lib/datasets/pipeline/clip-pipeline';
import { acceptItemBytes } from '@/lib/datasets/pipeline/ingest';
import { closeDb, getDb } from '@/lib/db';
import { resetConfigForTests } from '@/lib/env';
import { writeAudioFiles } from '@/tests/support/audio-fixtures';
import { buildTestWorker, params, request, sessionFor } from '@/tests/support/datasets';
import { devKeys } from '@/tests/support/keys';
import { buildMod } from '@/tests/support/mod-writer';
import { makeTempDir } from '@/tests/support/temp-dir';
import { GET as audioGet } from './[id]/audio/route';
import { GET as peaksGet } from './[id]/peaks/route';
import { GET as clipGet } from './[id]/route';
import { GET as sourceGet } from './[id]/source/route';

const HOSTILE = '..\\"quoted" <script>alert(1)</script> ☃ tune.mod';
const temp = makeTempDir();
const bytes: Record<string, Uint8Array> = {};
let worker: Awaited<ReturnType<typeof buildTestWorker>>;
let job: ImportJob;
let alice: string;
let bob: string;

/** Byte equality without vitest's element-by-element diffing (slow on tens of kilobytes). */
const same = (a: ArrayBuffer, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

beforeAll(async () => {
  process.env.GENKI_DATA_DIR = path.join(temp.dir, 'data');
  resetConfigForTests();
  worker = await buildTestWorker();
  configurePipeline({ workerScript: worker.script, poolSize: 2 });
  const keys = await devKeys();
  alice = sessionFor(getDb(), keys.alice.address, 'Alice');
  bob = sessionFor(getDb(), keys.bob.address, 'Bob');
  const files = writeAudioFiles(temp.dir, [
    { name: 'arp.ogg', format: 'OGG', subtype: 'VORBIS', rate: 32000, channels: 2, seconds: 3, seed: 3 },
    { name: 'bass.flac', format: 'FLAC', subtype: 'PCM_16', rate: 48000, channels: 1, seconds: 3, seed: 2 },
  ]);
  for (const [name, file] of files) bytes[name] = file.bytes;
  bytes[HOSTILE] = buildMod({ title: 'hostile' });
  const dataset = createDataset(getDb(), keys.alice.address, { name: 'Media' });
  const names = Object.keys(bytes);
  const created = createImportJob(getDb(), dataset, {
    kind: 'files',
    label: 'media',
    items: names.map((fileName) => ({
      fileName,
      relativePath: null,
      size: (bytes[fileName] as Uint8Array).byteLength,
      sha256: null,
    })),
  });
  created.items.forEach((item, i) => {
    const row = findItem(getDb(), item.id);
    if (!row) throw new Error('missing item');
    acceptItemBytes(getDb(), getBlobStore(), row, bytes[names[i] as string] as Uint8Array);
  });
  await waitForPipelineIdle();
  job = findImportJob(getDb(), created.id) as ImportJob;
  expect(job.counts.done).toBe(3);
}, 60_000);
afterAll(async () => {
  await shutdownPipeline();
  worker.cleanup();
  closeDb();
  temp.cleanup();
});

const item = (name: string) => {
  const found = job.items.find((i) => i.fileName === name);
  if (!found) throw new Error(`no item ${name}`);
  return found;
};

describe('clip media routes', () => {
  it('serves a clip’s audio with its media type and byte ranges', async () => {
    const clipId = item('arp.ogg').clipId ?? '';
    const ogg = bytes['arp.ogg'] as Uint8Array;
    const full = await audioGet(
      request(`/api/clips/${clipId}/audio`, { cookie: alice }),
      params({ id: clipId }),
    );
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('audio/ogg');
    expect(full.headers.get('accept-ranges')).toBe('bytes');
    expect(same(await full.arrayBuffer(), ogg)).toBe(true);
    const part = await audioGet(
      request(`/api/clips/${clipId}/audio`, { cookie: alice, headers: { range: 'bytes=100-1099' } }),
      params({ id: clipId }),
    );
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-1099/${ogg.byteLength}`);
    expect(same(await part.arrayBuffer(), ogg.slice(100, 1100))).toBe(true);
    const beyond = await audioGet(
      request(`/api/clips/${clipId}/audio`, {
        cookie: alice,
        headers: { range: `bytes=${ogg.byteLength}-` },
      }),
      params({ id: clipId }),
    );
    expect(beyond.status).toBe(416);
    const flac = await audioGet(
      request('/a', { cookie: alice }),
      params({ id: item('bass.flac').clipId ?? '' }),
    );
    expect(flac.headers.get('content-type')).toBe('audio/flac');
    expect((await audioGet(request('/a', { cookie: bob }), params({ id: clipId }))).status).toBe(404);
  });

  it('plays a module as its rendered WAV and downloads the module itself under a safe name', async () => {
    const clipId = item(HOSTILE).clipId ?? '';
    const clip = clipSchema.parse(
      await (await clipGet(request('/c', { cookie: alice }), params({ id: clipId }))).json(),
    );
    expect(clip).toMatchObject({ format: 'mod', isRenderedModule: true, sampleRate: 48000, channels: 2 });
    expect(clip.suggestions.bpm).toBeGreaterThan(120);
    const audio = await audioGet(request('/a', { cookie: alice }), params({ id: clipId }));
    expect(audio.headers.get('content-type')).toBe('audio/wav');
    expect(audio.headers.get('content-disposition')).toMatch(
      /^inline; filename=".*tune\.wav"; filename\*=UTF-8''/,
    );
    const wav = decodeWav(new Uint8Array(await audio.arrayBuffer()));
    expect(wav.sampleRate).toBe(48000);
    expect(wav.length / 48000).toBeCloseTo(clip.durationSeconds, 3);
    const source = await sourceGet(request('/s', { cookie: alice }), params({ id: clipId }));
    expect(source.headers.get('content-type')).toBe('audio/x-mod');
    const disposition = source.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(
      /^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9%!#$&+\-.^_`|~]+$/,
    );
    expect(disposition).not.toMatch(/\\|<script>|\.\.\//);
    // Only the last path segment survives ("</script>" has a slash in it), quotes and all, percent-encoded.
    expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? '')).toBe('script> ☃ tune.mod');
    expect(disposition).toMatch(/^attachment; filename="script> _ tune\.mod"; /);
    expect(same(await source.arrayBuffer(), bytes[HOSTILE] as Uint8Array)).toBe(true);
    const peaks = peaksSchema.parse(
      await (await peaksGet(request('/p', { cookie: alice }), params({ id: clipId }))).json(),
    );
    expect(peaks.data.length).toBe(2 * Math.ceil(clip.durationSeconds * 100));
  });

  it('says which file is missing when a blob is gone from disk, for each of the three routes', async () => {
    // Last test: it removes the FLAC clip's files (as a damaged or hand-pruned data directory would).
    const clipId = item('bass.flac').clipId ?? '';
    const row = findClipRow(getDb(), clipId);
    if (!row) throw new Error('no clip row');
    const blobs = getBlobStore();
    for (const sha256 of new Set([row.audio_sha256, row.source_sha256, row.peaks_sha256])) {
      fs.rmSync(blobs.pathFor(sha256));
    }
    const cases = [
      [audioGet, "This clip's audio is missing on the server."],
      [sourceGet, "This clip's source file is missing on the server."],
      [peaksGet, "This clip's waveform is missing on the server."],
    ] as const;
    for (const [get, message] of cases) {
      const response = await get(request('/m', { cookie: alice }), params({ id: clipId }));
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { message } });
    }
  });
});
