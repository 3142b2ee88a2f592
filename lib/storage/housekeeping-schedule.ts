/**
 * When the server runs storage housekeeping: a full run once at start-up and then every hour, and a
 * marking run a few seconds after a dataset or clip is deleted (scheduled, never inside the
 * request). The marking run only records which blobs became unreferenced, starting their grace
 * period; an hourly run deletes them once it is over, so a download of a just-deleted dataset
 * finishes. Runs never overlap; a request for one during a run makes one more run afterwards
 * (full if any request was). Timers are unref'd so they never keep a process alive, and state
 * lives on globalThis so `next dev` hot reloads keep a single schedule.
 */
import 'server-only';
import path from 'node:path';
import { openDbIfAny } from '../db';
import { getConfig } from '../env';
import { describeHousekeeping, isWorthLogging, runHousekeeping } from './housekeeping';

const EVERY_MS = 60 * 60_000;
/** After a delete: long enough to coalesce a burst of deletes into one run. */
const AFTER_DELETE_MS = 5_000;

/** `mark`: record newly unreferenced blobs only; `full`: collect and trim too. */
export type RunKind = 'mark' | 'full';

const larger = (a: RunKind | undefined, b: RunKind): RunKind => (a === 'full' ? a : b);

interface ScheduleState {
  interval: NodeJS.Timeout | undefined;
  pending: NodeJS.Timeout | undefined;
  pendingKind: RunKind;
  running: Promise<void> | undefined;
  again: RunKind | undefined;
}

const holder = globalThis as typeof globalThis & { __genkiHousekeeping?: ScheduleState };

function state(): ScheduleState {
  holder.__genkiHousekeeping ??= {
    interval: undefined,
    pending: undefined,
    pendingKind: 'mark',
    running: undefined,
    again: undefined,
  };
  return holder.__genkiHousekeeping;
}

async function runOnce(kind: RunKind): Promise<void> {
  // No open connection: the server is stopping (or a test closed its database); nothing to do.
  const db = openDbIfAny();
  if (!db) return;
  try {
    // Loaded here: the delete routes that schedule a run need not load the export renderer.
    const { isRenderInFlight } = await import('../datasets/export/export-audio');
    const report = await runHousekeeping({
      // The folder of the database in use, never a second reading of the config: the blobs
      // collected are always the ones the rows being checked describe.
      dataDir: path.dirname(db.name),
      db,
      exportCacheMaxBytes: getConfig().exportCacheMaxBytes,
      isRendering: isRenderInFlight,
      markOnly: kind === 'mark',
    });
    if (!isWorthLogging(report)) return;
    const line = `[genki] storage: ${describeHousekeeping(report)}`;
    if (report.failedRemovals.count > 0) console.warn(line);
    else console.log(line);
  } catch (error) {
    console.error('[genki] storage housekeeping failed:', error);
  }
}

/** Runs now, or once more after the run in progress. Resolves when no run is left to do. */
export function runHousekeepingNow(kind: RunKind = 'full'): Promise<void> {
  const current = state();
  if (current.running) {
    current.again = larger(current.again, kind);
    return current.running;
  }
  current.running = (async () => {
    for (let next: RunKind | undefined = kind; next; next = current.again) {
      current.again = undefined;
      await runOnce(next);
    }
  })().finally(() => {
    current.running = undefined;
  });
  return current.running;
}

/** A run in `delayMs` unless one is already due; for callers that must not wait (request handlers). */
export function scheduleHousekeeping(delayMs = AFTER_DELETE_MS, kind: RunKind = 'mark'): void {
  const current = state();
  current.pendingKind = current.pending ? larger(current.pendingKind, kind) : kind;
  if (current.pending) return;
  current.pending = setTimeout(() => {
    current.pending = undefined;
    void runHousekeepingNow(current.pendingKind);
  }, delayMs).unref();
}

/** At server start: a full run now and one every hour. Calling it again changes nothing. */
export function startHousekeeping(everyMs = EVERY_MS): void {
  const current = state();
  if (current.interval) return;
  current.interval = setInterval(() => void runHousekeepingNow('full'), everyMs).unref();
  scheduleHousekeeping(0, 'full');
}

/** Stops the timers (tests; a run in progress finishes). */
export function stopHousekeeping(): void {
  const current = state();
  clearInterval(current.interval);
  clearTimeout(current.pending);
  current.interval = undefined;
  current.pending = undefined;
}
