/**
 * Runs an independent Python reference (tests/reference/*.py) with Debian's interpreter. Always
 * /usr/bin/python3: `python3` on PATH may be another interpreter without Debian's numpy/scipy.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const SYSTEM_PYTHON = '/usr/bin/python3';
// Relative to the project root (the working directory of vitest and Playwright alike): Playwright
// loads test support as CommonJS, where import.meta is not available.
const REFERENCE_DIR = path.resolve(process.cwd(), 'tests', 'reference');

export function runReference(
  script: string,
  args: readonly string[],
  options: { input?: string } = {},
): string {
  const file = path.join(REFERENCE_DIR, script);
  if (!fs.existsSync(SYSTEM_PYTHON)) {
    throw new Error(
      `${SYSTEM_PYTHON} is missing: install Debian's python3, python3-numpy and python3-scipy.`,
    );
  }
  // Debian's own site-packages only: no pyenv/virtualenv/user-site leaking in.
  const env: NodeJS.ProcessEnv = { ...process.env, PYTHONNOUSERSITE: '1', PYTHONHASHSEED: '0' };
  delete env.PYTHONPATH;
  delete env.PYTHONHOME;
  return execFileSync(SYSTEM_PYTHON, [file, ...args], {
    encoding: 'utf8',
    input: options.input,
    maxBuffer: 256 * 1024 * 1024,
    env,
  });
}
