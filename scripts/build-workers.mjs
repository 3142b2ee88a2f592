#!/usr/bin/env node
// Bundles the server's worker-thread scripts: lib/datasets/processing/worker.ts →
// dist/workers/clip-processor.mjs (decode, render, quality checks, peaks and tempo for dataset
// imports). Built like the CLI (scripts/build-cli.mjs), at install time by `prepare`; the server
// also builds it on first use when it is missing or older than its sources (lib/datasets/pipeline).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const CLIP_PROCESSOR_BUNDLE = path.join(root, 'dist', 'workers', 'clip-processor.mjs');

export async function buildWorkers({ outfile = CLIP_PROCESSOR_BUNDLE } = {}) {
  await build({
    entryPoints: [path.join(root, 'lib', 'datasets', 'processing', 'worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Dependencies (wasm decoders, libopenmpt, music-tempo, zod) load from node_modules at run time.
    packages: 'external',
    alias: { 'server-only': path.join(root, 'tests', 'support', 'empty-module.ts') },
    tsconfig: path.join(root, 'tsconfig.json'),
    banner: {
      js: "import { createRequire as __genkiRequire } from 'node:module'; const require = __genkiRequire(import.meta.url);",
    },
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  return outfile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildWorkers();
}
