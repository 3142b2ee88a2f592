/**
 * `genki storage gc`: the server's storage housekeeping (lib/storage) on demand, for an operator
 * who wants the space back now or wants to see what would go (`--dry-run`). Safe beside a running
 * studio: SQLite serialises the writes, and blobs younger than the grace period are never touched,
 * so an import in flight keeps its files. It never migrates the database: a studio still running
 * an older build would go on writing rows the newer schema does not expect, so it runs only on a
 * database at exactly this build's schema.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE, type Db, openDatabaseUnmigrated } from '../../db';
import { schemaVersion } from '../../db/migrate';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations';
import { parseConfig } from '../../env';
import { describeHousekeeping, runHousekeeping } from '../../storage/housekeeping';
import { parseCommandArgs } from '../args';
import { CliError, UsageError } from '../errors';
import type { Command } from '../main';
import { printJson, printLine } from '../output';

const USAGE = 'genki storage gc [--data-dir DIR] [--dry-run] [--json]';

/** The studio's database, as it is; refused (and closed) unless at the schema this build collects. */
function openStudioDatabase(dbFile: string): Db {
  const db = openDatabaseUnmigrated(dbFile);
  const version = schemaVersion(db);
  if (version === LATEST_SCHEMA_VERSION) return db;
  db.close();
  throw new CliError(
    `${dbFile}: the studio's database is at schema ${version}, this genki expects ${LATEST_SCHEMA_VERSION}: ` +
      'start the studio once to migrate, or use the matching genki.',
  );
}

export const storageCommand: Command = {
  summary:
    'Frees what the studio no longer needs in its data directory: blobs nothing has referenced for an hour, unfinished writes, and export renders over GENKI_EXPORT_CACHE_MAX_SIZE.',
  usage: USAGE,
  async run(args) {
    const [subcommand, ...rest] = args;
    if (subcommand !== 'gc') throw new UsageError(`storage: the only subcommand is gc. Usage: ${USAGE}`);
    const { values, positionals } = parseCommandArgs('storage gc', rest, {
      'data-dir': { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
    });
    if (positionals.length > 0)
      throw new UsageError(`storage gc: unexpected ${positionals[0]}. Usage: ${USAGE}`);
    // The same defaults as the server: GENKI_DATA_DIR and GENKI_EXPORT_CACHE_MAX_SIZE from the env.
    const config = parseConfig(process.env);
    const dataDir = path.resolve(values['data-dir'] ?? config.dataDir);
    const dbFile = path.join(dataDir, DATABASE_FILE);
    if (!fs.existsSync(dbFile)) {
      throw new CliError(
        `${dataDir}: no studio database (${DATABASE_FILE}) here; pass the studio's --data-dir.`,
      );
    }
    const db = openStudioDatabase(dbFile);
    try {
      const report = await runHousekeeping({
        dataDir,
        db,
        exportCacheMaxBytes: config.exportCacheMaxBytes,
        dryRun: values['dry-run'] ?? false,
      });
      if (values.json) printJson({ dataDir, ...report });
      else printLine(describeHousekeeping(report));
    } finally {
      db.close();
    }
  },
};
