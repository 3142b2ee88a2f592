/**
 * When the server runs storage housekeeping: once at start-up, then every hour, and a few seconds
 * after a dataset or clip is deleted (scheduled, never inside the request). Runs never overlap; a
 * request for one during a run makes one more run afterwards. Timers are unref'd so they never keep
 * a process alive, and state lives on globalThis so `next dev` hot reloads keep a single schedule.
 */
import 'server-only';
import { openDbIfAny } from '../db';
import { getConfig } from '../env';
import { describeHousekeeping, runHousekeeping } from './housekeeping';

const EVERY_MS = 60 * 60_000;
/** After a delete: long enough to coalesce a burst of deletes into one run. */
const AFTER_DELETE_MS = 5_000;

interface ScheduleState {
  interval: NodeJS.Timeout | undefined;
  pending: NodeJS.Timeout | undefined;
  running: Promise<void> | undefined;
  again: boolean;
}

const holder = globalThis as typeof globalThis & { __genkiHousekeeping?: ScheduleState };

function state(): ScheduleState {
  holder.__genkiHousekeeping ??= {
    interval: undefined,
    pending: undefined,
    running: undefined,
    again: false,
  };
  return holder.__genkiHousekeeping;
}

async function runOnce(): Promise<void> {
  // No open connection: the server is stopping (or a test closed its database); nothing to do.
  const db = openDbIfAny();
  if (!db) return;
  try {
    // Loaded here: the delete routes that schedule a run need not load the export renderer.
    const { isRenderInFlight } = await import('../datasets/export/export-audio');
    const config = getConfig();
    const report = await runHousekeeping({
      dataDir: config.dataDir,
      db,
      exportCacheMaxBytes: config.exportCacheMaxBytes,
      isRendering: isRenderInFlight,
    });
    if (report.freedBytes > 0) console.log(`[genki] storage: ${describeHousekeeping(report)}`);
  } catch (error) {
    console.error('[genki] storage housekeeping failed:', error);
  }
}

/** Runs now, or once more after the run in progress. Resolves when no run is left to do. */
export function runHousekeepingNow(): Promise<void> {
  const current = state();
  if (current.running) {
    current.again = true;
    return current.running;
  }
  current.running = (async () => {
    do {
      current.again = false;
      await runOnce();
    } while (current.again);
  })().finally(() => {
    current.running = undefined;
  });
  return current.running;
}

/** A run in `delayMs` unless one is already due; for callers that must not wait (request handlers). */
export function scheduleHousekeeping(delayMs = AFTER_DELETE_MS): void {
  const current = state();
  if (current.pending) return;
  current.pending = setTimeout(() => {
    current.pending = undefined;
    void runHousekeepingNow();
  }, delayMs).unref();
}

/** At server start: a run now and one every hour. Calling it again changes nothing. */
export function startHousekeeping(everyMs = EVERY_MS): void {
  const current = state();
  if (current.interval) return;
  current.interval = setInterval(() => void runHousekeepingNow(), everyMs).unref();
  scheduleHousekeeping(0);
}

/** Stops the timers (tests; a run in progress finishes). */
export function stopHousekeeping(): void {
  const current = state();
  clearInterval(current.interval);
  clearTimeout(current.pending);
  current.interval = undefined;
  current.pending = undefined;
}
