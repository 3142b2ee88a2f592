#!/usr/bin/env node
// `npm test`: every check a change must pass — typecheck, lint/format, unit tests, production build,
// browser tests in Debian's Chromium. `--only <step>` runs one step (typecheck, lint, unit, build, e2e).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (pkg, file) => path.join(root, 'node_modules', pkg, file);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', FORCE_COLOR: process.env.FORCE_COLOR ?? '1' };
const CHROMIUM = process.env.GENKI_CHROMIUM ?? '/usr/bin/chromium';

/** Debian packages the tests need, by the file that proves each is installed. */
const SYSTEM_PACKAGES = [
  { pkg: 'chromium', file: CHROMIUM },
  // Independent references for the scoring maths: Debian's numpy/scipy, run by /usr/bin/python3.
  { pkg: 'python3-numpy', file: '/usr/lib/python3/dist-packages/numpy/__init__.py' },
  { pkg: 'python3-scipy', file: '/usr/lib/python3/dist-packages/scipy/__init__.py' },
  // Independent decoders and renderers: libsndfile (WAV/FLAC/Ogg/MP3) and libopenmpt's player.
  { pkg: 'python3-soundfile', file: '/usr/lib/python3/dist-packages/soundfile.py' },
  { pkg: 'openmpt123', file: '/usr/bin/openmpt123' },
  // PyNaCl, to make btcli's NaCl-encrypted key files as btcli does (tests/reference/btcli_nacl_keyfile.py).
  { pkg: 'python3-nacl', file: '/usr/lib/python3/dist-packages/nacl/__init__.py' },
];

function run(label, command, args) {
  const started = Date.now();
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✖ ${label} failed after ${seconds}s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${label} (${seconds}s)`);
}

/** `apt-get download` (real chiptune modules for the parity tests) needs the package lists. */
function haveAptLists() {
  try {
    return fs
      .readdirSync('/var/lib/apt/lists')
      .some((file) => file.endsWith('Packages') || file.endsWith('Packages.lz4'));
  } catch {
    return false;
  }
}

function ensureSystemPackages() {
  const missing = SYSTEM_PACKAGES.filter(({ file }) => !fs.existsSync(file)).map(({ pkg }) => pkg);
  if (missing.length === 0 && !haveAptLists() && process.getuid?.() === 0) {
    spawnSync('apt-get', ['update', '-qq'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(
      `Missing Debian packages for the tests: run \`sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}\`, then \`npm test\` again.`,
    );
    process.exit(1);
  }
  console.log(`▶ Installing Debian packages: ${missing.join(' ')}`);
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', ...missing],
  ]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env: aptEnv });
    if (result.status !== 0) {
      console.error(
        `apt-get ${args[0]} failed; install ${missing.join(' ')} by hand and run \`npm test\` again.`,
      );
      process.exit(1);
    }
  }
}

const STEPS = {
  typecheck: () =>
    run('Typecheck (tsc --noEmit)', process.execPath, [bin('typescript', 'bin/tsc'), '--noEmit']),
  lint: () => run('Lint and format check (biome ci)', bin('@biomejs/biome', 'bin/biome'), ['ci', '.']),
  unit: () => {
    ensureSystemPackages();
    run('Unit tests (vitest)', process.execPath, [bin('vitest', 'vitest.mjs'), 'run']);
  },
  build: () => {
    // The bundles `npm ci` builds (prepare): rebuilt here too, so the browser tests never run stale ones.
    for (const script of ['build-cli.mjs', 'build-workers.mjs', 'build-local-chain.mjs']) {
      run(`Bundle (${script})`, process.execPath, [path.join(root, 'scripts', script)]);
    }
    run('Copy onnxruntime-web runtime files', process.execPath, [path.join(root, 'scripts', 'copy-ort.mjs')]);
    run('Production build (next build)', process.execPath, [bin('next', 'dist/bin/next'), 'build']);
  },
  e2e: () => {
    ensureSystemPackages();
    run('Browser tests (Playwright + Debian Chromium)', process.execPath, [
      bin('@playwright/test', 'cli.js'),
      'test',
    ]);
  },
};

const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex >= 0 ? process.argv[onlyIndex + 1] : undefined;
if (only && !(only in STEPS)) {
  console.error(`Unknown step "${only}". Steps: ${Object.keys(STEPS).join(', ')}`);
  process.exit(2);
}
const started = Date.now();
if (only === 'e2e') {
  // Browser tests run against a production build; make sure it exists.
  STEPS.build();
  STEPS.e2e();
} else if (only) {
  STEPS[only]();
} else {
  ensureSystemPackages();
  for (const step of Object.values(STEPS)) step();
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)}s.`);
