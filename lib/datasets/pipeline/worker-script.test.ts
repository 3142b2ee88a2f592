/** The clip-processor bundle is rebuilt when missing or older than any of its sources. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '@/tests/support/temp-dir';
import { bundleIsStale, CLIP_PROCESSOR_PATH } from './worker-script';

const temp = makeTempDir();
afterAll(() => temp.cleanup());

function touch(relative: string, seconds: number): void {
  const file = path.join(temp.dir, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '');
  fs.utimesSync(file, seconds, seconds);
}

describe('bundleIsStale', () => {
  it('is stale when missing, fresh when newer than every source, stale again after an edit', () => {
    const bundle = path.join(temp.dir, CLIP_PROCESSOR_PATH);
    touch('lib/audio/decode.ts', 1000);
    touch('lib/datasets/processing/quality.ts', 1000);
    touch('lib/datasets/model.ts', 1000);
    expect(bundleIsStale(temp.dir, bundle)).toBe(true);
    touch(CLIP_PROCESSOR_PATH, 2000);
    // Directories' own times move when files are added; pin them too.
    for (const dir of ['lib/audio', 'lib/datasets/processing'])
      fs.utimesSync(path.join(temp.dir, dir), 1000, 1000);
    expect(bundleIsStale(temp.dir, bundle)).toBe(false);
    touch('lib/datasets/processing/quality.ts', 3000);
    expect(bundleIsStale(temp.dir, bundle)).toBe(true);
  });
});
