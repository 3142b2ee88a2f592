#!/usr/bin/env node
// `npm run bench`: every benchmark (vitest bench, `*.bench.ts`), printed as tables, saved to
// bench-results/latest.json, then checked against the project's performance targets (also saved,
// as bench-results/targets.json). Performance targets live here, never in timed tests.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'bench-results');
fs.mkdirSync(results, { recursive: true });
const run = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/vitest/vitest.mjs'), 'bench', '--run', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
);
if (run.status !== 0) process.exit(run.status ?? 1);

const report = JSON.parse(fs.readFileSync(path.join(results, 'latest.json'), 'utf8'));
const byName = new Map();
for (const file of report.files ?? []) {
  for (const group of file.groups ?? []) {
    for (const bench of group.benchmarks ?? [])
      byName.set(`${group.fullName.split(' > ').slice(1).join(' > ')} > ${bench.name}`, bench);
  }
}
const mean = (name) => byName.get(name)?.mean;

const TARGETS = [
  {
    target: 'CLAP features ≥ 5× faster than transformers.js per 10 s clip',
    measured: () => {
      const ours = mean('CLAP features, one 10 s window > genki ClapExtractor (wasm SIMD)');
      const theirs = mean('CLAP features, one 10 s window > transformers.js ClapFeatureExtractor');
      return ours && theirs
        ? {
            value: theirs / ours,
            text: `${(theirs / ours).toFixed(1)}× (${ours.toFixed(2)} vs ${theirs.toFixed(2)} ms)`,
          }
        : undefined;
    },
    pass: (value) => value >= 5,
  },
  {
    target: 'FAD 512-d, N = 100 per set, under 0.5 s',
    measured: () => {
      const ms = mean('FAD, 512-d > FAD N = 100 per set (embeddings → score)');
      return ms && { value: ms, text: `${ms.toFixed(0)} ms` };
    },
    pass: (value) => value < 500,
  },
  {
    target: 'FAD 512-d, N = 1000 per set, under 0.5 s',
    measured: () => {
      const ms = mean('FAD, 512-d > FAD N = 1000 per set (embeddings → score)');
      return ms && { value: ms, text: `${ms.toFixed(0)} ms` };
    },
    pass: (value) => value < 500,
  },
  {
    target: 'A batch CLI run is dominated by work, not start-up (start-up < 25% of a 20-clip run)',
    measured: () => {
      const start = mean('genki CLI > start-up (genki --help)');
      const batch = mean('genki CLI > genki features: 20 clips of 10 s at 44.1 kHz in one run');
      return start && batch
        ? {
            value: start / batch,
            text: `${start.toFixed(0)} ms of ${batch.toFixed(0)} ms (${((100 * start) / batch).toFixed(0)}%)`,
          }
        : undefined;
    },
    pass: (value) => value < 0.25,
  },
];

const rows = TARGETS.map(({ target, measured, pass }) => {
  const result = measured();
  return {
    target,
    measured: result?.text ?? 'not run',
    met: result ? (pass(result.value) ? 'yes' : 'NO') : '—',
  };
});
console.log('\nPerformance targets');
console.table(rows);
fs.writeFileSync(path.join(results, 'targets.json'), `${JSON.stringify(rows, null, 2)}\n`);
console.log(`Results saved to bench-results/latest.json and bench-results/targets.json`);
if (rows.some((row) => row.met === 'NO')) process.exitCode = 1;
