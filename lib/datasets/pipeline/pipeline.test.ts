/**
 * The processing queue: work happens in worker threads (a pool of two), a crashing or hanging
 * worker fails only its own file and is replaced, a failed file can be retried, and files caught
 * mid-processing by a stop are picked up again when the server starts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeDb, getDb } from '@/lib/db';
import { resetConfigForTests } from '@/lib/env';
import { writeAudioFiles } from '@/tests/support/audio-fixtures';
import { buildTestWorker, sessionFor } from '@/tests/support/datasets';
import { buildMod } from '@/tests/support/mod-writer';
import { makeTempDir } from '@/tests/support/temp-dir';
import { getBlobStore } from '../blob-store';
import { createDataset, type DatasetRecord } from '../datasets-store';
import { MAX_ATTEMPTS, retryItem } from '../import-items';
import { findImportJob, findItem } from '../import-rows';
import { createImportJob } from '../imports-store';
import type { ImportJob } from '../model';
import {
  configurePipeline,
  kickPipeline,
  resumePipeline,
  shutdownPipeline,
  waitForPipelineIdle,
} from './clip-pipeline';
import { acceptItemBytes } from './ingest';

const OWNER = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const temp = makeTempDir();
let worker: Awaited<ReturnType<typeof buildTestWorker>>;
let dataset: DatasetRecord;
let songs: Uint8Array[];
const threads: number[] = [];
const scripts: string[] = [];

/** A stand-in worker script (next to the real bundle, so it resolves like one). */
function fakeWorker(name: string, body: string): string {
  const file = path.join(path.dirname(worker.script), `${name}-${process.pid}.mjs`);
  fs.writeFileSync(file, `import { parentPort } from 'node:worker_threads';\n${body}\n`);
  scripts.push(file);
  return file;
}

function useRealWorker(): void {
  configurePipeline({
    workerScript: worker.script,
    poolSize: 2,
    taskTimeoutMs: 60_000,
    onReply: (r) => threads.push(r.threadId),
  });
}

beforeAll(async () => {
  process.env.GENKI_DATA_DIR = path.join(temp.dir, 'data');
  resetConfigForTests();
  worker = await buildTestWorker();
  sessionFor(getDb(), OWNER);
  const files = writeAudioFiles(temp.dir, [
    { name: 'a.wav', format: 'WAV', subtype: 'PCM_16', rate: 22050, channels: 1, seconds: 2, seed: 1 },
    { name: 'b.wav', format: 'WAV', subtype: 'PCM_16', rate: 22050, channels: 1, seconds: 2, seed: 2 },
    { name: 'c.flac', format: 'FLAC', subtype: 'PCM_16', rate: 22050, channels: 1, seconds: 2, seed: 3 },
  ]);
  songs = [...files.values()].map((file) => file.bytes);
  songs.push(buildMod());
}, 60_000);
beforeEach(async () => {
  await shutdownPipeline();
  dataset = createDataset(getDb(), OWNER, { name: `run ${Date.now()}` });
});
afterAll(async () => {
  await shutdownPipeline();
  worker.cleanup();
  for (const script of scripts) fs.rmSync(script, { force: true });
  closeDb();
  temp.cleanup();
});

/**
 * Announces `count` test songs. With a salt, only the WAVs and the module (in that order) are used,
 * each with one byte appended: a new hash, so not a duplicate, and nothing their readers look at.
 * (A FLAC decoder rejects trailing bytes.)
 */
function announce(count: number, salt = 0): { job: ImportJob; bytes: Uint8Array[] } {
  const pool = salt === 0 ? songs : [songs[0], songs[1], songs[3]];
  const bytes = pool.slice(0, count).map((song) => {
    if (!song) throw new Error('not enough test songs');
    if (salt === 0) return song;
    const out = new Uint8Array(song.byteLength + 1);
    out.set(song);
    out[song.byteLength] = salt;
    return out;
  });
  const job = createImportJob(getDb(), dataset, {
    kind: 'hub',
    label: 'test',
    items: bytes.map((data, i) => ({
      fileName: `song-${i}`,
      relativePath: null,
      size: data.byteLength,
      sha256: null,
    })),
  });
  return { job, bytes };
}

function deliver(job: ImportJob, bytes: Uint8Array[]): void {
  job.items.forEach((item, i) => {
    const row = findItem(getDb(), item.id);
    if (!row) throw new Error('missing item');
    acceptItemBytes(getDb(), getBlobStore(), row, bytes[i] as Uint8Array);
  });
}

const jobOf = (job: ImportJob) => findImportJob(getDb(), job.id) as ImportJob;

describe('the clip pipeline', () => {
  it('processes files in a pool of worker threads, never on the main thread', async () => {
    useRealWorker();
    threads.length = 0;
    const { job, bytes } = announce(4);
    deliver(job, bytes);
    await waitForPipelineIdle();
    expect(jobOf(job)).toMatchObject({ state: 'done', counts: { done: 4 } });
    expect(threads).toHaveLength(4);
    expect(new Set(threads).size).toBe(2);
    expect(threads).not.toContain(threadId);
  });

  it('fails only the file whose worker crashed, replaces the worker, and succeeds on retry', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    configurePipeline({
      workerScript: fakeWorker('crash', "parentPort.on('message', () => { throw new Error('boom'); });"),
      poolSize: 1,
    });
    const { job, bytes } = announce(2, 1);
    deliver(job, bytes);
    await waitForPipelineIdle();
    const crashed = jobOf(job);
    expect(crashed.state).toBe('failed');
    for (const item of crashed.items) {
      expect(item.error).toBe(
        'The processing worker crashed: boom Retry it; if it fails again, the file is probably damaged.',
      );
    }
    await shutdownPipeline();
    useRealWorker();
    const first = findItem(getDb(), crashed.items[0]?.id ?? '');
    if (!first) throw new Error('missing');
    expect(retryItem(getDb(), first, true)).toBe('uploaded');
    kickPipeline();
    await waitForPipelineIdle();
    expect(jobOf(job).items.map((item) => item.state)).toEqual(['done', 'failed']);
    expect(jobOf(job).state).toBe('done');
    // Crashes are logged for the operator (the miner sees the sentence above).
    expect(logged).toHaveBeenCalledTimes(2);
    logged.mockRestore();
  });

  it('stops a file that takes too long, without holding up the queue', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    configurePipeline({
      workerScript: fakeWorker('hang', "parentPort.on('message', () => {});"),
      poolSize: 1,
      taskTimeoutMs: 200,
    });
    const { job, bytes } = announce(2, 2);
    deliver(job, bytes);
    await waitForPipelineIdle();
    expect(jobOf(job).items.map((item) => item.error)).toEqual([
      'Processing took longer than 0.2 s and was stopped. Retry it; if it fails again, the file is probably damaged.',
      'Processing took longer than 0.2 s and was stopped. Retry it; if it fails again, the file is probably damaged.',
    ]);
    logged.mockRestore();
  });

  it('picks up files a stop interrupted when the server starts again', async () => {
    useRealWorker();
    const { job, bytes } = announce(3, 3);
    deliver(job, bytes);
    // Stop mid-flight, as a crash or a deploy would: claimed items stay 'processing'.
    await shutdownPipeline();
    const interrupted = jobOf(job);
    expect(interrupted.state).toBe('running');
    expect(interrupted.counts.processing + interrupted.counts.uploaded).toBe(3);
    expect(interrupted.counts.processing).toBeGreaterThan(0);
    useRealWorker();
    expect(resumePipeline()).toBe(3);
    await waitForPipelineIdle();
    expect(jobOf(job)).toMatchObject({ state: 'done', counts: { done: 3 } });
  });

  it('gives up on a file that was interrupted too many times', async () => {
    useRealWorker();
    const { job, bytes } = announce(1, 4);
    configurePipeline({ poolSize: 0 }); // queue without processing
    deliver(job, bytes);
    getDb()
      .prepare(`UPDATE import_items SET state = 'processing', attempts = ? WHERE import_id = ?`)
      .run(MAX_ATTEMPTS, job.id);
    expect(resumePipeline()).toBe(0);
    expect(jobOf(job).items[0]).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/interrupted 3 times/),
    });
  });

  it('fails a queued file whose bytes went missing, so a retry asks for a new upload', async () => {
    useRealWorker();
    configurePipeline({ poolSize: 0 });
    const { job, bytes } = announce(1, 5);
    deliver(job, bytes);
    const row = findItem(getDb(), job.items[0]?.id ?? '');
    fs.rmSync(getBlobStore().pathFor(row?.blob_sha256 ?? ''));
    configurePipeline({ poolSize: 1 });
    await waitForPipelineIdle();
    const failed = findItem(getDb(), row?.id ?? '');
    expect(failed).toMatchObject({ state: 'failed', blob_sha256: null });
    if (!failed) throw new Error('missing');
    expect(retryItem(getDb(), failed, false)).toBe('pending');
  });
});
