/** The export render cache budget: least recently used first, in-use entries never, dry runs change nothing. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sha256Hex } from '@/lib/blobs';
import { resolveAudio } from '@/lib/datasets/export/export-audio';
import { testStorage, wavClip } from '@/tests/support/export-clips';
import { makeTempDir } from '@/tests/support/temp-dir';
import { evictExportCache } from './export-cache-gc';
import { GRACE_MS, noFailures } from './files';

const HOUR = 60 * 60_000;
const WAV_BYTES = 1000;
const FACTS = '{"version":1,"size":1000,"durationSeconds":1,"sampleRate":48000}';
const ENTRY_BYTES = WAV_BYTES + FACTS.length;

let temp: ReturnType<typeof makeTempDir>;
let cacheDir: string;
beforeEach(() => {
  temp = makeTempDir();
  cacheDir = path.join(temp.dir, 'export-cache');
});
afterEach(() => {
  vi.restoreAllMocks();
  temp.cleanup();
});

function setUsed(file: string, agoMs: number): void {
  const when = new Date(Date.now() - agoMs);
  fs.utimesSync(file, when, when);
}

/** A finished cache entry (WAV + facts) last used `agoMs` ago; returns its key and WAV path. */
function entry(name: string, agoMs: number): { key: string; wav: string } {
  const key = sha256Hex(new TextEncoder().encode(name));
  const dir = path.join(cacheDir, key.slice(0, 2));
  fs.mkdirSync(dir, { recursive: true });
  const wav = path.join(dir, `${key}.wav`);
  fs.writeFileSync(wav, new Uint8Array(WAV_BYTES));
  fs.writeFileSync(path.join(dir, `${key}.json`), FACTS);
  for (const file of [wav, path.join(dir, `${key}.json`)]) setUsed(file, agoMs);
  return { key, wav };
}

const exists = (e: { wav: string }) => fs.existsSync(e.wav) && fs.existsSync(e.wav.replace(/wav$/, 'json'));

describe('export cache eviction', () => {
  it('evicts least recently used entries until the cache fits its budget', () => {
    const oldest = entry('a', 4 * HOUR);
    const older = entry('b', 3 * HOUR);
    const newer = entry('c', 2 * HOUR);
    const newest = entry('d', 1 * HOUR);

    const report = evictExportCache(cacheDir, { maxBytes: 2 * ENTRY_BYTES + 10 });

    expect(report).toEqual({
      bytesBefore: 4 * ENTRY_BYTES,
      bytesAfter: 2 * ENTRY_BYTES,
      evicted: { count: 2, bytes: 2 * ENTRY_BYTES },
      partialFiles: { count: 0, bytes: 0 },
    });
    expect([oldest, older, newer, newest].map(exists)).toEqual([false, false, true, true]);
    expect(evictExportCache(cacheDir, { maxBytes: 2 * ENTRY_BYTES }).evicted.count).toBe(0);
  });

  it('never evicts an entry being written or used recently, even over budget', () => {
    const writing = entry('being written again', 5 * HOUR);
    fs.writeFileSync(`${writing.wav.replace(/wav$/, 'json')}.0123456789ab.partial`, '{');
    const rendering = entry('rendering in this process', 5 * HOUR);
    const recent = entry('used a minute ago', 60_000);
    const idle = entry('idle', 1 * HOUR);

    const report = evictExportCache(cacheDir, {
      maxBytes: 0,
      isWriting: (key) => key === rendering.key,
    });

    expect([writing, rendering, recent, idle].map(exists)).toEqual([true, true, true, false]);
    expect(report.evicted.count).toBe(1);
    expect(report.bytesAfter).toBe(3 * ENTRY_BYTES);
  });

  it('keeps an entry used after it was listed (served by the server while another process evicts)', () => {
    const served = entry('served meanwhile', 5 * HOUR);
    const idle = entry('idle', 4 * HOUR);

    const report = evictExportCache(cacheDir, {
      maxBytes: 0,
      // Runs mid-eviction, after the listing: stands in for export-audio.ts touching a cache hit.
      isWriting: (key) => {
        if (key === served.key) setUsed(served.wav, 0);
        return false;
      },
    });

    expect([served, idle].map(exists)).toEqual([true, false]);
    expect(report.evicted.count).toBe(1);
  });

  it('keeps going past an entry it may not delete, and counts that entry as kept', () => {
    const stuck = entry('read-only', 5 * HOUR);
    const idle = entry('idle', 4 * HOUR);
    const unlink = fs.unlinkSync;
    vi.spyOn(fs, 'unlinkSync').mockImplementation((file) => {
      if (String(file).startsWith(stuck.wav.replace(/wav$/, '')))
        throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
      unlink(file);
    });
    const failures = noFailures();

    const report = evictExportCache(cacheDir, { maxBytes: 0, failures });

    expect([stuck, idle].map(exists)).toEqual([true, false]);
    expect(report).toMatchObject({ evicted: { count: 1 }, bytesAfter: ENTRY_BYTES });
    expect(failures).toMatchObject({ count: 1, first: expect.stringContaining('EACCES') });
  });

  it('removes unfinished renders older than the grace period', () => {
    const { wav } = entry('kept', 1 * HOUR);
    const stale = `${wav}.aaaaaaaaaaaa.partial`;
    fs.writeFileSync(stale, 'half');
    setUsed(stale, GRACE_MS + 60_000);

    const report = evictExportCache(cacheDir, { maxBytes: 10 * ENTRY_BYTES });

    expect(report.partialFiles).toEqual({ count: 1, bytes: 4 });
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(wav)).toBe(true);
  });

  it('changes nothing in a dry run', () => {
    const entries = [entry('x', 3 * HOUR), entry('y', 2 * HOUR)];
    const stale = `${entries[0]?.wav}.bbbbbbbbbbbb.partial`;
    fs.writeFileSync(stale, 'half');
    setUsed(stale, 2 * GRACE_MS);

    const dry = evictExportCache(cacheDir, { maxBytes: 0, dryRun: true });

    expect(entries.every(exists) && fs.existsSync(stale)).toBe(true);
    expect(dry.evicted.count).toBe(2);
    expect(evictExportCache(cacheDir, { maxBytes: 0 })).toEqual(dry);
    expect(entries.some(exists)).toBe(false);
  });

  it('counts a cache hit as a use, so a render that is reused outlives one that is not', async () => {
    const storage = testStorage(temp.dir);
    // Different trims of one clip: two renders, two cache entries.
    const clip = wavClip(storage, 4800);
    const planned = (name: string, end: number) => ({
      path: `data/${name}.wav`,
      stem: name,
      clip,
      render: { trim: { start: 0, end } },
    });
    const reused = planned('reused', 0.05);
    const forgotten = planned('forgotten', 0.06);
    const files = [(await resolveAudio(reused, storage)).file, (await resolveAudio(forgotten, storage)).file];
    // Both rendered hours ago, the reused one first; then it is exported again.
    for (const [index, wav] of files.entries()) {
      setUsed(wav, (3 - index) * HOUR);
      setUsed(wav.replace(/wav$/, 'json'), (3 - index) * HOUR);
    }
    await resolveAudio(reused, storage);
    const size = (file: string) => fs.statSync(file).size + fs.statSync(file.replace(/wav$/, 'json')).size;

    evictExportCache(storage.cacheDir, { maxBytes: size(files[0] ?? ''), now: Date.now() + 2 * HOUR });

    expect(files.map((file) => fs.existsSync(file))).toEqual([true, false]);
  });
});
