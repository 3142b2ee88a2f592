/**
 * Where the clip-processor bundle lives and how it gets there. `npm ci` builds it (package.json
 * `prepare` → scripts/build-workers.mjs); a checkout that skipped install scripts, or whose sources
 * changed since (a `git pull`, `next dev` edits), gets it rebuilt once, on first use, in a child
 * process (esbuild never enters the Next.js server bundle).
 */
import 'server-only';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Relative to the project root, which is the server's working directory (`next start`, `next dev`). */
export const CLIP_PROCESSOR_PATH = path.join('dist', 'workers', 'clip-processor.mjs');
const BUILD_SCRIPT = path.join('scripts', 'build-workers.mjs');
/** What the bundle is built from: if any of it is newer than the bundle, the bundle is stale. */
const SOURCES = [
  path.join('lib', 'audio'),
  path.join('lib', 'datasets', 'processing'),
  path.join('lib', 'datasets', 'model.ts'),
];

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

export function bundleIsStale(root: string, bundle: string): boolean {
  if (!fs.existsSync(bundle)) return true;
  const built = fs.statSync(bundle).mtimeMs;
  return SOURCES.some((source) => newestMtime(path.join(root, source)) > built);
}

// On globalThis: route bundles and instrumentation may each hold a copy of this module, and the
// bundle must be built once per process, not once per copy.
const holder = globalThis as typeof globalThis & { __genkiClipProcessor?: Promise<string> };

/** The bundle's absolute path, built first when missing or stale (once per process). */
export function ensureClipProcessor(root = process.cwd()): Promise<string> {
  holder.__genkiClipProcessor ??= (async () => {
    const bundle = path.join(root, CLIP_PROCESSOR_PATH);
    if (bundleIsStale(root, bundle)) {
      console.log('[genki] Building the clip-processor worker (dist/workers/clip-processor.mjs)…');
      await run(process.execPath, [path.join(root, BUILD_SCRIPT)], { cwd: root });
    }
    return bundle;
  })().catch((error: unknown) => {
    holder.__genkiClipProcessor = undefined;
    throw error;
  });
  return holder.__genkiClipProcessor;
}
