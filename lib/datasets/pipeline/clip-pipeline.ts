/**
 * The import processing queue. Queued items live in the database (import_items.state = 'uploaded'),
 * so nothing is lost on a restart; this module only keeps up to `poolSize` of them processing at
 * once, each in a worker thread (worker-pool.ts) so decoding never blocks the Next.js event loop.
 * State is kept on globalThis so `next dev` hot reloads do not start a second pool.
 */
import 'server-only';
import os from 'node:os';
import { getDb } from '../../db';
import { getBlobStore } from '../blob-store';
import { claimNextItem, completeItem, failItem, recoverInterrupted } from '../import-items';
import type { ItemDbRow } from '../import-rows';
import { PEAKS_MEDIA_TYPE } from '../processing/media-types';
import type { ClipTaskReply } from '../processing/worker-protocol';
import { WorkerCrashError, WorkerPool } from './worker-pool';
import { ensureClipProcessor } from './worker-script';

export interface PipelineConfig {
  /** The bundled worker script; by default dist/workers/clip-processor.mjs, built when missing. */
  workerScript: string | undefined;
  poolSize: number;
  taskTimeoutMs: number;
  /** Observes every worker reply (tests check which thread did the work). */
  onReply: ((reply: ClipTaskReply) => void) | undefined;
}

interface PipelineState {
  config: PipelineConfig;
  pool: WorkerPool | undefined;
  active: number;
  stopped: boolean;
  idleWaiters: (() => void)[];
}

/** Cores minus one for the event loop (and SQLite), at least one. */
export function defaultPoolSize(): number {
  return Math.max(1, os.availableParallelism() - 1);
}

const holder = globalThis as typeof globalThis & { __genkiClipPipeline?: PipelineState };

function pipeline(): PipelineState {
  holder.__genkiClipPipeline ??= {
    config: {
      workerScript: undefined,
      poolSize: defaultPoolSize(),
      taskTimeoutMs: 10 * 60_000,
      onReply: undefined,
    },
    pool: undefined,
    active: 0,
    stopped: false,
    idleWaiters: [],
  };
  return holder.__genkiClipPipeline;
}

export function configurePipeline(config: Partial<PipelineConfig>): void {
  const state = pipeline();
  state.config = { ...state.config, ...config };
}

/** Starts processing queued items, up to the pool size. Cheap to call often (after every upload). */
export function kickPipeline(): void {
  kick(pipeline());
}

function kick(state: PipelineState): void {
  while (!state.stopped && state.active < state.config.poolSize) {
    const item = claimNextItem(getDb());
    if (!item) break;
    state.active++;
    void processItem(state, item).finally(() => {
      state.active--;
      kick(state);
    });
  }
  if (state.active === 0) for (const resolve of state.idleWaiters.splice(0)) resolve();
}

/** Resolves once nothing is processing and nothing is queued. */
export function waitForPipelineIdle(): Promise<void> {
  const state = pipeline();
  kick(state);
  if (state.active === 0) return Promise.resolve();
  return new Promise((resolve) => state.idleWaiters.push(resolve));
}

/** Stops the workers. Items being processed stay 'processing', as after a crash, for resumePipeline(). */
export async function shutdownPipeline(): Promise<void> {
  const state = pipeline();
  state.stopped = true;
  await state.pool?.close();
  holder.__genkiClipPipeline = undefined;
  for (const resolve of state.idleWaiters.splice(0)) resolve();
}

/**
 * At server start: re-queue what a stop interrupted and start on the queue. Returns the queue length.
 * Half-written uploads and renders a stop left behind are removed by storage housekeeping
 * (lib/storage/blob-gc.ts), which also runs at start.
 */
export function resumePipeline(): number {
  const queued = recoverInterrupted(getDb());
  if (queued > 0) console.log(`[genki] Resuming ${queued} queued dataset import file(s).`);
  kickPipeline();
  return queued;
}

async function poolFor(state: PipelineState): Promise<WorkerPool> {
  const script = state.config.workerScript ?? (await ensureClipProcessor());
  // A shutdown may have happened while the bundle was being located or built.
  if (state.stopped) throw new WorkerCrashError('The worker pool is shut down.');
  state.pool ??= new WorkerPool({
    script,
    size: state.config.poolSize,
    taskTimeoutMs: state.config.taskTimeoutMs,
  });
  return state.pool;
}

const UNEXPECTED =
  'Processing failed unexpectedly on the server; retry it, and if it fails again, re-export the file.';

async function processItem(state: PipelineState, item: ItemDbRow): Promise<void> {
  const db = getDb();
  const blobs = getBlobStore();
  if (!item.blob_sha256 || !blobs.has(item.blob_sha256)) {
    failItem(db, item.id, 'The uploaded bytes are missing on the server; retry to upload the file again.', {
      dropBytes: true,
    });
    return;
  }
  let reply: ClipTaskReply;
  try {
    const pool = await poolFor(state);
    reply = await pool.run({
      sourcePath: blobs.pathFor(item.blob_sha256),
      fileName: item.file_name,
      incomingDir: blobs.incomingDir(),
    });
  } catch (error) {
    // Shutting down: leave the item 'processing' for the next start to pick up.
    if (state.stopped) return;
    console.error(`[genki] processing import item ${item.id} failed:`, error);
    const message =
      error instanceof WorkerCrashError
        ? `${error.message} Retry it; if it fails again, the file is probably damaged.`
        : UNEXPECTED;
    failItem(db, item.id, message);
    return;
  }
  state.config.onReply?.(reply);
  if (!reply.ok) {
    if (!reply.error.expected)
      console.error(`[genki] processing import item ${item.id} failed:`, reply.error.message);
    failItem(db, item.id, reply.error.expected ? reply.error.message : UNEXPECTED);
    return;
  }
  try {
    const result = reply.result;
    const audioSha256 = result.rendered
      ? blobs.adopt(result.rendered.file, result.rendered.sha256, result.audioMediaType).sha256
      : item.blob_sha256;
    const peaks = blobs.put(new TextEncoder().encode(JSON.stringify(result.peaks)), PEAKS_MEDIA_TYPE);
    completeItem(db, item.id, {
      sourceMediaType: result.sourceMediaType,
      audioSha256,
      audioMediaType: result.audioMediaType,
      peaksSha256: peaks.sha256,
      format: result.info.format,
      isRenderedModule: result.rendered !== null,
      sampleRate: result.info.sampleRate,
      channels: result.info.channels,
      durationSeconds: result.info.durationSeconds,
      quality: result.quality,
      bpm: result.bpm,
    });
  } catch (error) {
    console.error(`[genki] storing the result for import item ${item.id} failed:`, error);
    failItem(db, item.id, UNEXPECTED);
  }
}
