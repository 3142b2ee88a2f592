/** The export render cache as housekeeping sees it: renders in flight, and hits on entries evicted meanwhile. */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { testStorage, wavClip } from '@/tests/support/export-clips';
import { makeTempDir } from '@/tests/support/temp-dir';
import { renderKey, resolveAudio } from './export-audio';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => {
  vi.restoreAllMocks();
  temp.cleanup();
});

function trimmed(storage: ReturnType<typeof testStorage>) {
  return {
    path: 'data/a.wav',
    stem: 'a',
    clip: wavClip(storage, 4800),
    render: { trim: { start: 0, end: 0.05 } },
  };
}

describe('export renders', () => {
  it('are seen in flight from another copy of the module (the bundler splits instrumentation and routes)', async () => {
    const storage = testStorage(temp.dir);
    const planned = trimmed(storage);
    vi.resetModules();
    const routes = await import('./export-audio');
    vi.resetModules();
    const instrumentation = await import('./export-audio');
    expect(routes).not.toBe(instrumentation);

    const rendering = routes.resolveAudio(planned, storage);
    expect(instrumentation.isRenderInFlight(renderKey(planned))).toBe(true);
    await rendering;
    expect(instrumentation.isRenderInFlight(renderKey(planned))).toBe(false);
  });

  it('render again when a cached entry is evicted between being found and being touched', async () => {
    const storage = testStorage(temp.dir);
    const planned = trimmed(storage);
    const first = await resolveAudio(planned, storage);
    const touch = fsp.utimes;
    vi.spyOn(fsp, 'utimes').mockImplementationOnce(async (file) => {
      // Housekeeping (here, or a `genki storage gc` elsewhere) evicts the entry at this moment.
      fs.rmSync(first.file.replace(/wav$/, 'json'));
      fs.rmSync(first.file);
      return touch(file, new Date(), new Date());
    });

    const again = await resolveAudio(planned, storage);

    expect(again.file).toBe(first.file);
    expect(fs.statSync(again.file).size).toBe(again.facts.size);
    expect(again.facts).toEqual(first.facts);
  });
});
