/** One housekeeping pass over a data directory, and the server's schedule around it. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BlobStore } from '@/lib/blobs';
import { closeDb, DATABASE_FILE, type Db, getDb } from '@/lib/db';
import { resetConfigForTests } from '@/lib/env';
import { makeTempDir } from '@/tests/support/temp-dir';
import { GRACE_MS } from './files';
import { describeHousekeeping, runHousekeeping, sizeText } from './housekeeping';
import { runHousekeepingNow, scheduleHousekeeping, stopHousekeeping } from './housekeeping-schedule';
import { exportCacheDir } from './paths';
import { unreferencedFor, unreferencedSince } from './test-fixtures';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
  process.env.GENKI_DATA_DIR = temp.dir;
  resetConfigForTests();
});
afterEach(() => {
  vi.restoreAllMocks();
  stopHousekeeping();
  closeDb();
  delete process.env.GENKI_DATA_DIR;
  resetConfigForTests();
  temp.cleanup();
});

/**
 * A stale unfinished upload, a finished render in the export cache and an unreferenced blob (found
 * unreferenced long ago, unless `fresh`).
 */
function litter(db: Db, options: { fresh?: boolean } = {}) {
  const store = new BlobStore(temp.dir, db);
  const old = new Date(Date.now() - 2 * GRACE_MS);
  const partial = path.join(store.incomingDir(), 'dead-upload.partial');
  fs.writeFileSync(partial, 'half an upload');
  fs.utimesSync(partial, old, old);
  const render = path.join(exportCacheDir(temp.dir), 'ab', `${'ab'.repeat(32)}.wav`);
  fs.mkdirSync(path.dirname(render), { recursive: true });
  fs.writeFileSync(render, new Uint8Array(2048));
  fs.utimesSync(render, old, old);
  const blob = store.put(new TextEncoder().encode('unreferenced')).sha256;
  if (!options.fresh) unreferencedFor(db, 2 * GRACE_MS);
  return { partial, render, blob: store.pathFor(blob), sha256: blob };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('runHousekeeping', () => {
  it('collects blobs and bounds the export cache, and reports both', async () => {
    const db = getDb();
    litter(db);
    const options = { dataDir: temp.dir, db, exportCacheMaxBytes: 1024, now: Date.now() + 2 * GRACE_MS };

    const dry = await runHousekeeping({ ...options, dryRun: true });
    const real = await runHousekeeping(options);

    expect(real).toEqual({ ...dry, dryRun: false });
    expect(real.freedBytes).toBe('half an upload'.length + 2048 + 'unreferenced'.length);
    expect(real.blobs.unreferenced.count).toBe(1);
    expect(real.exportCache.evicted.count).toBe(1);
    expect(describeHousekeeping(dry)).toBe(
      'would free 2.0 KiB: 1 unreferenced blob(s) (12 bytes), 1 unfinished blob write(s) (14 bytes), ' +
        '1 export render(s) over budget (2.0 KiB); export cache 0 bytes',
    );
    expect(describeHousekeeping(real)).toMatch(/^freed 2\.0 KiB: /);
    expect(describeHousekeeping(await runHousekeeping(options))).toBe(
      'nothing to free; export cache 0 bytes',
    );
    expect(sizeText(3.5 * 1024 ** 3)).toBe('3.5 GiB');
  });
});

describe('the housekeeping schedule', () => {
  it('after a delete only marks unreferenced blobs; a full run then collects the rest', async () => {
    const { partial, render, blob, sha256 } = litter(getDb(), { fresh: true });
    scheduleHousekeeping(0);
    scheduleHousekeeping(0);
    await settle();
    await runHousekeepingNow('mark');
    expect(unreferencedSince(getDb(), sha256)).not.toBeNull();
    expect([blob, partial].map((file) => fs.existsSync(file))).toEqual([true, true]);

    await runHousekeepingNow();
    expect(fs.existsSync(partial)).toBe(false);
    // Unreferenced for moments only: kept. Within the 2 GiB default budget: the render stays.
    expect([blob, render].map((file) => fs.existsSync(file))).toEqual([true, true]);
  });

  it('makes the run asked for during a marking run a full one', async () => {
    const { partial } = litter(getDb());
    const marking = runHousekeepingNow('mark');
    const full = runHousekeepingNow('full');
    await Promise.all([marking, full]);
    expect(fs.existsSync(partial)).toBe(false);
  });

  it('collects the data directory of the open database, whatever the config says now', async () => {
    const { partial, blob } = litter(getDb());
    const elsewhere = path.join(temp.dir, 'elsewhere');
    process.env.GENKI_DATA_DIR = elsewhere;
    resetConfigForTests();
    await runHousekeepingNow();
    expect([partial, blob].map((file) => fs.existsSync(file))).toEqual([false, false]);
    expect(fs.existsSync(elsewhere)).toBe(false);
  });

  it('logs the files it could not delete once per run, as a warning, and carries on', async () => {
    const { partial, blob } = litter(getDb());
    const unlink = fs.unlinkSync;
    vi.spyOn(fs, 'unlinkSync').mockImplementation((file) => {
      if (file === partial) throw Object.assign(new Error('EPERM'), { code: 'EPERM' });
      unlink(file);
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'log').mockImplementation(() => {});
    await runHousekeepingNow();
    expect(fs.existsSync(blob)).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(
      /could not delete 1 file\(s\), first .*dead-upload\.partial \(EPERM\)/,
    );
  });

  it('does nothing once the connection is closed, instead of opening the database again', async () => {
    const { partial } = litter(getDb());
    closeDb();
    fs.rmSync(path.join(temp.dir, DATABASE_FILE));
    await runHousekeepingNow();
    expect(fs.existsSync(path.join(temp.dir, DATABASE_FILE))).toBe(false);
    expect(fs.existsSync(partial)).toBe(true);
  });
});
