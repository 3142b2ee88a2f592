#!/usr/bin/env node
// Bundles the `genki` CLI (lib/cli/main.ts) into dist/cli/genki.mjs. Runs at install time (the
// package's `prepare` script, which `npm ci` runs), so the command starts with no compile step.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function buildCli() {
  await build({
    entryPoints: [path.join(root, 'lib', 'cli', 'main.ts')],
    outdir: path.join(root, 'dist', 'cli'),
    entryNames: 'genki',
    outExtension: { '.js': '.mjs' },
    // One chunk per command: each loads its own dependencies (onnxruntime, decoders) only when run.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Dependencies load from node_modules at run time (native addons and wasm included).
    packages: 'external',
    // `server-only` guards React Server Components; the CLI is server code already.
    alias: { 'server-only': path.join(root, 'tests', 'support', 'empty-module.ts') },
    tsconfig: path.join(root, 'tsconfig.json'),
    banner: {
      js: "import { createRequire as __genkiRequire } from 'node:module'; const require = __genkiRequire(import.meta.url);",
    },
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildCli();
}
