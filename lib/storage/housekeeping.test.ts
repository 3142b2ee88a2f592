/** One housekeeping pass over a data directory, and the server's schedule around it. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobStore } from '@/lib/blobs';
import { closeDb, DATABASE_FILE, getDb } from '@/lib/db';
import { resetConfigForTests } from '@/lib/env';
import { makeTempDir } from '@/tests/support/temp-dir';
import { GRACE_MS } from './files';
import { describeHousekeeping, runHousekeeping, sizeText } from './housekeeping';
import { runHousekeepingNow, scheduleHousekeeping, stopHousekeeping } from './housekeeping-schedule';
import { exportCacheDir } from './paths';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
  process.env.GENKI_DATA_DIR = temp.dir;
  resetConfigForTests();
});
afterEach(() => {
  stopHousekeeping();
  closeDb();
  delete process.env.GENKI_DATA_DIR;
  resetConfigForTests();
  temp.cleanup();
});

/** A stale unfinished upload, a finished render in the export cache and an unreferenced blob. */
function litter(store: BlobStore): { partial: string; render: string } {
  const old = new Date(Date.now() - 2 * GRACE_MS);
  const partial = path.join(store.incomingDir(), 'dead-upload.partial');
  fs.writeFileSync(partial, 'half an upload');
  fs.utimesSync(partial, old, old);
  const render = path.join(exportCacheDir(temp.dir), 'ab', `${'ab'.repeat(32)}.wav`);
  fs.mkdirSync(path.dirname(render), { recursive: true });
  fs.writeFileSync(render, new Uint8Array(2048));
  fs.utimesSync(render, old, old);
  store.put(new TextEncoder().encode('unreferenced'));
  return { partial, render };
}

describe('runHousekeeping', () => {
  it('collects blobs and bounds the export cache, and reports both', async () => {
    const db = getDb();
    litter(new BlobStore(temp.dir, db));
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
  it('runs a scheduled request soon, on the server’s connection', async () => {
    const { partial, render } = litter(new BlobStore(temp.dir, getDb()));
    scheduleHousekeeping(0);
    scheduleHousekeeping(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await runHousekeepingNow();
    expect(fs.existsSync(partial)).toBe(false);
    // Within the 2 GiB default budget: the render stays.
    expect(fs.existsSync(render)).toBe(true);
  });

  it('does nothing once the connection is closed, instead of opening the database again', async () => {
    const { partial } = litter(new BlobStore(temp.dir, getDb()));
    closeDb();
    fs.rmSync(path.join(temp.dir, DATABASE_FILE));
    await runHousekeepingNow();
    expect(fs.existsSync(path.join(temp.dir, DATABASE_FILE))).toBe(false);
    expect(fs.existsSync(partial)).toBe(true);
  });
});
