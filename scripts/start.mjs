#!/usr/bin/env node
// `npm start`: build the app when the build is missing or older than the sources, then serve it.
// With GENKI_NETWORK=local (the default) and no GENKI_CHAIN_ENDPOINT, it first launches the
// simulated Bittensor chain on loopback (README "Local chain") and tells the server its URL.
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

let shuttingDown = false;
const LOCAL_CHAIN_SOURCES = [path.join('lib', 'chain'), path.join('scripts', 'build-local-chain.mjs')];

/** Starts the simulated chain as a child process; resolves with it and its ws:// URL once it listens. */
async function startLocalChain() {
  const { LOCAL_CHAIN_BUNDLE, buildLocalChain } = await import('./build-local-chain.mjs');
  const bundleTime = fs.existsSync(LOCAL_CHAIN_BUNDLE) ? fs.statSync(LOCAL_CHAIN_BUNDLE).mtimeMs : 0;
  if (LOCAL_CHAIN_SOURCES.some((entry) => newestMtime(entry) > bundleTime)) await buildLocalChain();
  const dataDir = path.resolve(root, process.env.GENKI_DATA_DIR?.trim() || 'data', 'local-chain');
  const args = [
    LOCAL_CHAIN_BUNDLE,
    '--port',
    '9944',
    '--port-fallback',
    '--data-dir',
    dataDir,
    '--block-time',
    '2000',
  ];
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let buffered = '';
    let url;
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      if (url) return;
      buffered += chunk.toString('utf8');
      const ready = /\[local-chain\] ready on (ws:\/\/\S+)/.exec(buffered);
      if (ready) {
        url = ready[1];
        resolve({ child, url });
      }
    });
    child.on('exit', (code) => {
      if (!url) reject(new Error(`the simulated chain exited with code ${code} before it was ready`));
      else if (!shuttingDown) {
        console.error(
          `[genki] The simulated chain stopped (code ${code}); chain features fail until a restart.`,
        );
      }
    });
  });
}

async function main() {
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
  const children = [];
  const network = process.env.GENKI_NETWORK?.trim() || 'local';
  if (network === 'local' && !process.env.GENKI_CHAIN_ENDPOINT?.trim()) {
    try {
      const chain = await startLocalChain();
      children.push(chain.child);
      env.GENKI_CHAIN_ENDPOINT = chain.url;
    } catch (error) {
      console.error(`[genki] Cannot start the simulated chain: ${error.message}`);
      process.exit(1);
    }
  }
  const port = process.env.PORT ?? '3000';
  const host = process.env.HOST ?? '127.0.0.1';
  console.log(`[genki] Serving Genki Studio on http://localhost:${port} (bound to ${host})`);
  const server = spawn(process.execPath, [nextBin, 'start', '-H', host, '-p', port], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  children.push(server);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      shuttingDown = true;
      for (const child of children) child.kill(signal);
    });
  }
  server.on('exit', (code, signal) => {
    shuttingDown = true;
    const status = code ?? (signal ? 1 : 0);
    const chains = children.filter((child) => child !== server && child.exitCode === null);
    if (chains.length === 0) process.exit(status);
    // The chain saves itself on SIGTERM: wait for it (at most 5 s) before leaving.
    setTimeout(() => process.exit(status), 5_000);
    for (const chain of chains) {
      chain.on('exit', () => process.exit(status));
      chain.kill('SIGTERM');
    }
  });
}

await main();
