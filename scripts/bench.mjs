#!/usr/bin/env node
// `npm run bench`: every benchmark (vitest bench), printed as a table and saved to
// bench-results/latest.json. Performance targets live here, never in timed tests.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
fs.mkdirSync(path.join(root, 'bench-results'), { recursive: true });
const result = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/vitest/vitest.mjs'), 'bench', '--run', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
);
if (result.status === 0) console.log(`\nResults saved to ${path.join('bench-results', 'latest.json')}`);
process.exit(result.status ?? 1);
