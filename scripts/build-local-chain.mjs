#!/usr/bin/env node
// Bundles the simulated Bittensor chain (lib/chain/local-node/cli.ts) into
// dist/chain/local-node/local-node.mjs and copies the finney metadata it is built on next to it
// (dist/chain/metadata/finney.scale, the same relative path as in the sources). Runs at install
// time (`prepare`), so `npm start` can launch the chain with no TypeScript compile step.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const LOCAL_CHAIN_BUNDLE = path.join(root, 'dist', 'chain', 'local-node', 'local-node.mjs');

export async function buildLocalChain() {
  await build({
    entryPoints: [path.join(root, 'lib', 'chain', 'local-node', 'cli.ts')],
    outfile: LOCAL_CHAIN_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // @polkadot/*, zod and ws load from node_modules at run time.
    packages: 'external',
    tsconfig: path.join(root, 'tsconfig.json'),
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  const metadata = path.join(root, 'dist', 'chain', 'metadata');
  fs.mkdirSync(metadata, { recursive: true });
  const target = path.join(metadata, 'finney.scale');
  // The checked-out blob may be read-only; replace rather than overwrite.
  fs.rmSync(target, { force: true });
  fs.copyFileSync(path.join(root, 'lib', 'chain', 'metadata', 'finney.scale'), target);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildLocalChain();
}
