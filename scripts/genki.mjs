#!/usr/bin/env node
// The `genki` command (package.json "bin"). It runs the bundle built at install time; if the bundle
// is missing (e.g. installed with --ignore-scripts) it is built once, then reused.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist', 'cli', 'genki.mjs');
if (!fs.existsSync(bundle)) {
  const { buildCli } = await import('./build-cli.mjs');
  await buildCli();
}
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2));
