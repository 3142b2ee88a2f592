/**
 * SQLite access. One connection per process (better-sqlite3 is synchronous and SQLite serialises
 * writers anyway); WAL so readers never wait for the writer; foreign keys on, because SQLite leaves
 * them off by default.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { getConfig } from '../env';
import { migrate } from './migrate';

export type Db = Database.Database;

export const DATABASE_FILE = 'genki.sqlite';

/** Applies the settings every connection needs, then `prepare`; on any failure the handle is closed. */
function configured(db: Db, prepare: (db: Db) => void = () => {}): Db {
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    prepare(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Opens (creating if needed) a database file and migrates it to the newest schema. */
export function openDatabase(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return configured(new Database(file), migrate);
}

/**
 * Opens an existing database as it is, never migrating it: for tools run beside a server, which
 * must not move the schema under a server built for the one it is at (lib/db/migrate.ts
 * schemaVersion tells the caller where it is).
 */
export function openDatabaseUnmigrated(file: string): Db {
  return configured(new Database(file, { fileMustExist: true }));
}

// Kept on globalThis so `next dev` hot reloads reuse the connection instead of leaking handles.
const holder = globalThis as typeof globalThis & { __genkiDb?: Db };

export function getDb(): Db {
  if (!holder.__genkiDb) {
    holder.__genkiDb = openDatabase(path.resolve(getConfig().dataDir, DATABASE_FILE));
  }
  return holder.__genkiDb;
}

/**
 * The process's connection if one is open, without opening one: background work (storage
 * housekeeping) runs on the server's connection and skips a run once it is closed, rather than
 * re-creating a database in a data directory that is being shut down or removed.
 */
export function openDbIfAny(): Db | undefined {
  return holder.__genkiDb?.open ? holder.__genkiDb : undefined;
}

export function closeDb(): void {
  holder.__genkiDb?.close();
  holder.__genkiDb = undefined;
}
