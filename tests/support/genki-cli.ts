/**
 * Runs the bundled `genki` bin as users do (`node scripts/genki.mjs …`; the bundle is built once
 * per test run by vitest-global-setup.ts) and collects its exit code and output. `spawnGenki`
 * also lets a test react to stderr while the command runs (e.g. stop a node at "ready").
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
export const GENKI_BIN = path.join(root, 'scripts', 'genki.mjs');

export interface GenkiResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface GenkiOptions {
  cwd?: string;
  /** Added to the environment; `undefined` removes a variable. GENKI_* from the parent are dropped. */
  env?: Record<string, string | undefined>;
  /** Called with each stderr chunk while the command runs. */
  onStderr?: (text: string, all: string) => void;
  /** Kills the command (and fails the result with code null) after this long. */
  killAfterMs?: number;
}

function environment(extra: GenkiOptions['env'] = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('GENKI_')) delete env[key];
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

export function runGenki(args: string[], options: GenkiOptions = {}): Promise<GenkiResult> {
  const started = Date.now();
  const child = spawn(process.execPath, [GENKI_BIN, ...args], {
    cwd: options.cwd ?? root,
    env: environment(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
    options.onStderr?.(text, stderr);
  });
  const killer = options.killAfterMs
    ? setTimeout(() => child.kill('SIGKILL'), options.killAfterMs)
    : undefined;
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** stderr's lines without the progress ones (`genki: signing as …`, `genki: ready: …`, notes). */
export function errorLines(stderr: string): string[] {
  const progress = /^genki: (signing as |ready: |in block |finalized in block |waiting in the pool|note: )/;
  return stderr.split('\n').filter((line) => line !== '' && !progress.test(line));
}
