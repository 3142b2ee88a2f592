/**
 * Runs once when the server starts (from instrumentation.ts and next.config.ts): a bad
 * configuration or an unusable database stops the process with a message an operator can act on,
 * instead of surfacing later as a 500 on some page.
 */
import path from 'node:path';
import { getDb } from './db';
import { MigrationError } from './db/migrate';
import { ConfigError, getConfig } from './env';

export function checkConfigOrExit(): void {
  try {
    getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`\n[genki] ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

export function startServer(): void {
  checkConfigOrExit();
  const config = getConfig();
  try {
    getDb();
  } catch (error) {
    const reason = error instanceof MigrationError ? error.message : (error as Error).message;
    console.error(`\n[genki] Cannot open the database in ${path.resolve(config.dataDir)}: ${reason}\n`);
    process.exit(1);
  }
  // Dataset imports interrupted by the last stop carry on (not during `next build`, which loads
  // instrumentation too). Imported lazily: next.config.ts imports this file outside the server.
  if (process.env.NEXT_PHASE !== 'phase-production-build') {
    import('./datasets/pipeline/clip-pipeline')
      .then(({ resumePipeline }) => resumePipeline())
      .catch((error: unknown) => console.error('[genki] Could not resume dataset imports:', error));
    import('./datasets/hub-import/default-deps')
      .then(({ resumeAllHubImports }) => resumeAllHubImports())
      .catch((error: unknown) => console.error('[genki] Could not resume Hub imports:', error));
    // Unreferenced blobs, interrupted writes and an over-budget export cache: now, then hourly.
    import('./storage/housekeeping-schedule')
      .then(({ startHousekeeping }) => startHousekeeping())
      .catch((error: unknown) => console.error('[genki] Could not start storage housekeeping:', error));
  }
  console.log(
    `[genki] network ${config.network}, data in ${path.resolve(config.dataDir)}, hub ${config.hfHubUrl}, ` +
      `${config.adminAddresses.length} validator admin(s)`,
  );
}
