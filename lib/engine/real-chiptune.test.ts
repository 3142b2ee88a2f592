/**
 * Parity on real chiptune music, through the user's path: `genki features` on ProTracker modules
 * from a shipped game (Debian's tecnoballz-data) against an independent pipeline — Debian's native
 * openmpt123 render → NumPy mean downmix → the float64 NumPy CLAP feature reference.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { debianModules } from '@/tests/support/debian-modules';
import { runReference } from '@/tests/support/python';
import { makeTempDir } from '@/tests/support/temp-dir';
import { readNpy } from '../npy';

const MODULES = ['high-score.mod', 'area1-game.mod', 'tecnoballz.mod'];
const OFFSET_SECONDS = 7;
const temp = makeTempDir('genki-real-');
const root = path.resolve(import.meta.dirname, '..', '..');
let files: string[] = [];

beforeAll(async () => {
  files = debianModules(MODULES);
  // The CLI bundle is built once for the whole run (tests/support/vitest-global-setup.ts).
}, 120_000);
afterAll(() => temp.cleanup());

describe('real chiptune (tecnoballz modules): genki features vs openmpt123 + NumPy', () => {
  it.each(MODULES.map((name, index) => [name, index] as const))(
    '%s matches within 0.01 dB',
    (name, index) => {
      const module = files[index] as string;
      const ours = path.join(temp.dir, `${name}.ours.npy`);
      execFileSync(process.execPath, [
        path.join(root, 'scripts', 'genki.mjs'),
        'features',
        module,
        '--offset',
        String(OFFSET_SECONDS),
        '--out',
        ours,
      ]);

      const render = path.join(temp.dir, `${name}.render.npy`);
      runReference('openmpt_render.py', [module, render, String(OFFSET_SECONDS + 12)]);
      const reference = path.join(temp.dir, `${name}.ref.npy`);
      runReference('clap_features.py', [], {
        input: JSON.stringify({
          jobs: [{ input: render, output: reference, offset: OFFSET_SECONDS * 48000 }],
        }),
      });

      const a = readNpy(new Uint8Array(fs.readFileSync(ours)));
      const b = readNpy(new Uint8Array(fs.readFileSync(reference)));
      expect(a.shape).toEqual([1, 1, 1001, 64]);
      let gated = 0;
      let worst = 0;
      for (let i = 0; i < b.data.length; i++) {
        const ref = b.data[i] as number;
        if (ref <= -80) continue;
        gated++;
        worst = Math.max(worst, Math.abs((a.data[i] as number) - ref));
      }
      // Real music: most bins are loud enough to be compared.
      expect(gated).toBeGreaterThan(30_000);
      expect(worst).toBeLessThan(0.01);
    },
    60_000,
  );
});
