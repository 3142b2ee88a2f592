/**
 * The import flow end to end through the route handlers and the worker-thread pool: announce files,
 * upload their bytes (size, hash and state checks), process them off the main thread (WAV, FLAC,
 * Ogg, a rendered tracker module; corrupt, empty and oversized files fail on their own), retry,
 * then serve the clips' audio (Range), source (Content-Disposition) and peaks.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clipSchema,
  DATASET_LIMITS,
  type ImportJob,
  importItemSchema,
  importJobSchema,
} from '@/lib/datasets/model';
import {
  configurePipeline,
  shutdownPipeline,
  waitForPipelineIdle,
} from '@/lib/datasets/pipeline/clip-pipeline';
import { closeDb, getDb } from '@/lib/db';
import { resetConfigForTests } from '@/lib/env';
import { type WrittenAudioFile, writeAudioFiles } from '@/tests/support/audio-fixtures';
import { buildTestWorker, params, request, sessionFor } from '@/tests/support/datasets';
import { devKeys } from '@/tests/support/keys';
import { buildMod } from '@/tests/support/mod-writer';
import { randomBytes } from '@/tests/support/signals';
import { makeTempDir } from '@/tests/support/temp-dir';
import { GET as clipGet } from '../clips/[id]/route';
import { GET as importsGet, POST as importsPost } from '../datasets/[id]/imports/route';
import { POST as createDatasetPost } from '../datasets/route';
import { POST as retryPost } from './[id]/items/[itemId]/retry/route';
import { PUT as itemPut } from './[id]/items/[itemId]/route';
import { GET as importGet } from './[id]/route';

const temp = makeTempDir();
const threads = new Set<number>();
let worker: Awaited<ReturnType<typeof buildTestWorker>>;
let alice: string;
let bob: string;
let files: Map<string, WrittenAudioFile>;
const bytes: Record<string, Uint8Array> = {};
/** Byte equality without vitest's element-by-element diffing (slow on tens of kilobytes). */
const _same = (a: ArrayBuffer, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
const sha = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const HOSTILE = '..\\"quoted" <script>alert(1)</script> ☃ tune.mod';

beforeAll(async () => {
  process.env.GENKI_DATA_DIR = path.join(temp.dir, 'data');
  resetConfigForTests();
  // A fresh bundle of the current sources, so the workers run exactly the code under test.
  worker = await buildTestWorker();
  configurePipeline({
    workerScript: worker.script,
    poolSize: 2,
    onReply: (reply) => threads.add(reply.threadId),
  });
  const keys = await devKeys();
  alice = sessionFor(getDb(), keys.alice.address, 'Alice');
  bob = sessionFor(getDb(), keys.bob.address, 'Bob');
  files = writeAudioFiles(temp.dir, [
    { name: 'lead.wav', format: 'WAV', subtype: 'PCM_16', rate: 44100, channels: 2, seconds: 3, seed: 1 },
    { name: 'bass.flac', format: 'FLAC', subtype: 'PCM_16', rate: 48000, channels: 1, seconds: 3, seed: 2 },
    { name: 'arp.ogg', format: 'OGG', subtype: 'VORBIS', rate: 32000, channels: 2, seconds: 3, seed: 3 },
  ]);
  for (const [name, file] of files) bytes[name] = file.bytes;
  bytes[HOSTILE] = buildMod({ title: 'hostile' });
  bytes['broken.wav'] = randomBytes(4096);
  bytes['cut.flac'] = (bytes['bass.flac'] as Uint8Array).slice(0, 2000);
}, 60_000);
afterAll(async () => {
  await shutdownPipeline();
  worker.cleanup();
  closeDb();
  temp.cleanup();
});

const errorOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string; message: string } }).error;

async function newDataset(): Promise<string> {
  const response = await createDatasetPost(
    request('/api/datasets', { method: 'POST', body: { name: 'Imports' }, cookie: alice }),
  );
  return ((await response.json()) as { id: string }).id;
}

async function startImport(datasetId: string, items: unknown[], cookie = alice): Promise<Response> {
  return importsPost(
    request(`/api/datasets/${datasetId}/imports`, {
      method: 'POST',
      cookie,
      body: { kind: 'files', label: 'my folder', items },
    }),
    params({ id: datasetId }),
  );
}

const announce = (name: string, extra: Record<string, unknown> = {}) => {
  const data = bytes[name] as Uint8Array;
  return {
    fileName: name,
    relativePath: `folder/${name}`,
    size: data.byteLength,
    sha256: sha(data),
    ...extra,
  };
};

const put = (
  job: ImportJob,
  itemId: string,
  data: Uint8Array,
  headers: Record<string, string> = {},
  cookie = alice,
) =>
  itemPut(
    request(`/api/imports/${job.id}/items/${itemId}`, { method: 'PUT', cookie, body: data, headers }),
    params({ id: job.id, itemId }),
  );

async function poll(jobId: string): Promise<ImportJob> {
  await waitForPipelineIdle();
  return importJobSchema.parse(
    await (
      await importGet(request(`/api/imports/${jobId}`, { cookie: alice }), params({ id: jobId }))
    ).json(),
  );
}

describe('an import, from announcement to clips', () => {
  let job: ImportJob;
  const item = (name: string) => {
    const found = job.items.find((i) => i.fileName === name);
    if (!found) throw new Error(`no item ${name}`);
    return found;
  };

  it('announces files: pending, plus the ones settled at once', async () => {
    const datasetId = await newDataset();
    const response = await startImport(datasetId, [
      announce('lead.wav', { caption: 'a bright square lead over an arpeggiated bass line' }),
      announce('bass.flac'),
      announce('arp.ogg'),
      announce(HOSTILE),
      announce('broken.wav'),
      announce('cut.flac'),
      announce('lead.wav', { fileName: 'lead copy.wav' }),
      { fileName: 'empty.wav', relativePath: null, size: 0, sha256: sha(new Uint8Array(0)) },
      {
        fileName: 'huge.wav',
        relativePath: null,
        size: DATASET_LIMITS.maxFileBytes + 1,
        sha256: sha(new Uint8Array(1)),
      },
    ]);
    expect(response.status).toBe(201);
    job = importJobSchema.parse(await response.json());
    expect(job).toMatchObject({
      state: 'running',
      total: 9,
      counts: { pending: 6, duplicate: 1, failed: 2 },
    });
    expect(item('lead copy.wav').error).toBe('Same content as "lead.wav" earlier in this import.');
  });

  it('refuses uploads with the wrong size, hash, framing or owner, and keeps the item pending', async () => {
    const lead = item('lead.wav');
    const data = bytes['lead.wav'] as Uint8Array;
    const tampered = data.slice();
    tampered[1000] = (tampered[1000] ?? 0) ^ 0xff;
    const mismatch = await put(job, lead.id, tampered);
    expect(mismatch.status).toBe(422);
    expect(await errorOf(mismatch)).toMatchObject({
      code: 'hash_mismatch',
      message: expect.stringMatching(/^The uploaded bytes have SHA-256 [0-9a-f]{12}…, not the/),
    });
    const shorter = await put(job, lead.id, data.slice(0, 100));
    expect(shorter.status).toBe(400);
    expect((await errorOf(shorter)).message).toMatch(
      /announced \d+ bytes for this file, but the upload has 100/,
    );
    const form = await put(job, lead.id, data, { 'content-type': 'multipart/form-data; boundary=x' });
    expect(form.status).toBe(415);
    const huge = await put(job, lead.id, data, { 'content-length': String(DATASET_LIMITS.maxFileBytes + 1) });
    expect(huge.status).toBe(413);
    expect((await errorOf(huge)).message).toBe(
      'The file is 104,857,601 bytes; the limit is 104,857,600 bytes per file.',
    );
    expect((await put(job, lead.id, data, {}, bob)).status).toBe(404);
    const foreign = await itemPut(
      request(`/api/imports/${job.id}/items/${lead.id}`, {
        method: 'PUT',
        cookie: alice,
        body: data,
        origin: 'https://evil.example',
      }),
      params({ id: job.id, itemId: lead.id }),
    );
    expect(foreign.status).toBe(403);
    expect((await poll(job.id)).items.find((i) => i.id === lead.id)?.state).toBe('pending');
  });

  it('processes uploads in worker threads: good files become clips, bad ones fail on their own', async () => {
    for (const name of ['lead.wav', 'bass.flac', 'arp.ogg', HOSTILE, 'broken.wav', 'cut.flac']) {
      const response = await put(job, item(name).id, bytes[name] as Uint8Array);
      expect(response.status).toBe(200);
      expect(importItemSchema.parse(await response.json()).state).toMatch(/^(uploaded|processing)$/);
    }
    const again = await put(job, item('lead.wav').id, bytes['lead.wav'] as Uint8Array);
    expect(again.status).toBe(409);
    job = await poll(job.id);
    expect(job.state).toBe('done');
    expect(job.counts).toMatchObject({
      done: 4,
      failed: 4,
      duplicate: 1,
      pending: 0,
      uploaded: 0,
      processing: 0,
    });
    expect(item('broken.wav').error).toMatch(
      /^This file looks like .* which is not supported\. Supported formats:/,
    );
    expect(item('cut.flac').error).toMatch(/FLAC/);
    // Every file was processed off the main thread, by the pool's workers.
    expect(threads.size).toBeGreaterThan(0);
    expect(threads.has(threadId)).toBe(false);
  });

  it('keeps what the import said about each clip, in import order', async () => {
    const lead = clipSchema.parse(
      await (
        await clipGet(
          request('/api/clips/x', { cookie: alice }),
          params({ id: item('lead.wav').clipId ?? '' }),
        )
      ).json(),
    );
    expect(lead).toMatchObject({
      fileName: 'lead.wav',
      sourcePath: 'folder/lead.wav',
      format: 'wav',
      sampleRate: 44100,
      channels: 2,
      caption: 'a bright square lead over an arpeggiated bass line',
      captionOrigin: 'imported',
      isRenderedModule: false,
    });
    expect(lead.quality.checks.find((c) => c.id === 'duration')?.level).toBe('fail');
    const list = (await (
      await importsGet(
        request(`/api/datasets/${job.datasetId}/imports`, { cookie: alice }),
        params({ id: job.datasetId }),
      )
    ).json()) as { imports: ImportJob[] };
    expect(list.imports.map((j) => j.id)).toEqual([job.id]);
  });

  it('retries: from the stored bytes when there are some, back to pending when there are none', async () => {
    const broken = item('broken.wav');
    const retried = await retryPost(
      request('/r', { method: 'POST', cookie: alice }),
      params({ id: job.id, itemId: broken.id }),
    );
    expect(importItemSchema.parse(await retried.json()).state).toMatch(/^(uploaded|processing)$/);
    const empty = item('empty.wav');
    const reset = await retryPost(
      request('/r', { method: 'POST', cookie: alice }),
      params({ id: job.id, itemId: empty.id }),
    );
    expect(importItemSchema.parse(await reset.json()).state).toBe('pending');
    const notFailed = await retryPost(
      request('/r', { method: 'POST', cookie: alice }),
      params({ id: job.id, itemId: item('lead.wav').id }),
    );
    expect(notFailed.status).toBe(409);
    job = await poll(job.id);
    // Broken bytes stay broken; the empty file waits for a new upload, so the job runs again.
    expect(item('broken.wav')).toMatchObject({ state: 'failed', error: broken.error });
    expect(job.state).toBe('running');
  });

  it('refuses too many files and announcements with a clear message', async () => {
    const datasetId = await newDataset();
    const many = Array.from({ length: DATASET_LIMITS.maxFilesPerImport + 1 }, (_, i) => ({
      fileName: `${i}.wav`,
      relativePath: null,
      size: 10,
      sha256: sha(new Uint8Array([i & 255, i >> 8])),
    }));
    const tooMany = await startImport(datasetId, many);
    expect(tooMany.status).toBe(413);
    expect((await errorOf(tooMany)).message).toBe(
      `This import lists ${DATASET_LIMITS.maxFilesPerImport + 1} files; one import can take at most ${DATASET_LIMITS.maxFilesPerImport}. Split it into several imports.`,
    );
    const newline = await startImport(datasetId, [{ ...announce('lead.wav'), fileName: 'evil\nname.wav' }]);
    expect(newline.status).toBe(400);
    expect((await errorOf(newline)).message).toBe(
      'Invalid request. items.0.fileName: a file name cannot contain line breaks or tabs',
    );
    const badHash = await startImport(datasetId, [{ ...announce('lead.wav'), sha256: 'abc' }]);
    expect(badHash.status).toBe(400);
    expect((await startImport(datasetId, [announce('lead.wav')], bob)).status).toBe(404);
  });
});
