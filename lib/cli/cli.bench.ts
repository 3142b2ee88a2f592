/**
 * Is a batch CLI run dominated by work, not start-up? Compares the bare start-up of the bundled
 * `genki` (help) with a 20-clip `genki features` run in one process.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { bench, describe } from 'vitest';
import { chiptune } from '@/tests/support/signals';
import { makeTempDir } from '@/tests/support/temp-dir';
import { encodeWav } from '@/tests/support/wav-writer';
import { buildCli } from '../../scripts/build-cli.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');
const bin = path.join(root, 'scripts', 'genki.mjs');
const temp = makeTempDir('genki-cli-bench-');
await buildCli();
const clips = Array.from({ length: 20 }, (_, i) => {
  const file = path.join(temp.dir, `clip-${i}.wav`);
  fs.writeFileSync(file, encodeWav([chiptune(44100, 10, i + 1)], 44100, { bits: 16 }));
  return file;
});

describe('genki CLI', () => {
  bench('start-up (genki --help)', () => {
    execFileSync(process.execPath, [bin, '--help']);
  });
  bench(
    'genki features: 20 clips of 10 s at 44.1 kHz in one run',
    () => {
      execFileSync(process.execPath, [bin, 'features', ...clips, '--out-dir', path.join(temp.dir, 'out')]);
    },
    { iterations: 3 },
  );
});
