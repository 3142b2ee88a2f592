import type Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations';

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export interface MigrationReport {
  from: number;
  to: number;
  applied: readonly string[];
}

function currentVersion(db: Database.Database): number {
  const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as {
    version: number | null;
  };
  return row.version ?? 0;
}

/**
 * Brings the database up to the newest schema this build knows. Refuses to touch a database written
 * by a newer build: running old code on a newer schema is how data gets lost quietly.
 */
/** The schema version a database is at, without changing it (0 for one never migrated). */
export function schemaVersion(db: Database.Database): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'");
  return table.get() === undefined ? 0 : currentVersion(db);
}

export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
): MigrationReport {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version     INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    applied_at  INTEGER NOT NULL
  )`);
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  const latest = ordered.at(-1)?.version ?? 0;
  const from = currentVersion(db);
  if (from > latest) {
    throw new MigrationError(
      `The database is at schema version ${from}, newer than this build of Genki Studio understands (${latest}). ` +
        'Upgrade Genki Studio or point GENKI_DATA_DIR at another folder.',
    );
  }
  const applied: string[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of ordered) {
    if (migration.version <= from) continue;
    const run = db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, Date.now());
    });
    try {
      run();
    } catch (error) {
      throw new MigrationError(
        `Migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`,
      );
    }
    applied.push(`${migration.version}-${migration.name}`);
  }
  return { from, to: currentVersion(db), applied };
}
