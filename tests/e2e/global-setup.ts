import fs from 'node:fs';
import { E2E_DATA_DIR } from './config';

/** The data directory is unique to this run (see config.ts); remove it when the run ends. */
export default function globalSetup() {
  return () => fs.rmSync(E2E_DATA_DIR, { recursive: true, force: true });
}
