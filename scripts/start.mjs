#!/usr/bin/env node
// `npm start`: build the app when the build is missing or older than the sources, then serve it.
// Works from a fresh clone with no environment variables (see README "Configuration").
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

const SOURCES = [
  'app',
  'components',
  'lib',
  'workers',
  'public',
  'next.config.ts',
  'instrumentation.ts',
  'package.json',
  'tsconfig.json',
];

function newestMtime(entry) {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(full)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

export function buildIsStale() {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  return SOURCES.some((entry) => newestMtime(entry) > built);
}

function main() {
  const copied = spawnSync(process.execPath, [path.join(root, 'scripts', 'copy-ort.mjs')], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  if (copied.status !== 0) process.exit(copied.status ?? 1);
  if (buildIsStale()) {
    console.log('[genki] Building Genki Studio (first start or sources changed)…');
    const build = spawnSync(process.execPath, [nextBin, 'build'], { cwd: root, env, stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const port = process.env.PORT ?? '3000';
  const host = process.env.HOST ?? '127.0.0.1';
  console.log(`[genki] Serving Genki Studio on http://localhost:${port} (bound to ${host})`);
  const server = spawn(process.execPath, [nextBin, 'start', '-H', host, '-p', port], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
  server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main();
