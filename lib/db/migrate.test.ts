import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '@/tests/support/temp-dir';
import { openDatabase } from '.';
import { MigrationError, migrate, schemaVersion } from './migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => temp.cleanup());

const versionOf = (db: Database.Database) =>
  (db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number }).v;

describe('migrations', () => {
  it('creates a fresh database at the latest version with WAL and foreign keys on', () => {
    const db = openDatabase(path.join(temp.dir, 'nested', 'genki.sqlite'));
    expect(versionOf(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('upgrades an existing version-1 database and keeps its rows', () => {
    const file = path.join(temp.dir, 'genki.sqlite');
    const old = new Database(file);
    migrate(old, MIGRATIONS.slice(0, 1));
    old.prepare('INSERT INTO accounts VALUES (?, ?, ?, ?)').run('5Grw', 'Alice', 1, 2);
    old.close();

    const db = openDatabase(file);
    expect(versionOf(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT display_name FROM accounts WHERE address = ?').get('5Grw')).toEqual({
      display_name: 'Alice',
    });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'blobs'").get()).toBeDefined();
    db.close();
  });

  it('is a no-op when run again', () => {
    const db = new Database(':memory:');
    const first = migrate(db);
    const second = migrate(db);
    expect(first.applied).toHaveLength(MIGRATIONS.length);
    expect(second).toEqual({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION, applied: [] });
  });

  it('refuses a database written by a newer build', () => {
    const db = new Database(':memory:');
    migrate(db);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(LATEST_SCHEMA_VERSION + 5, 'future', 0);
    expect(() => migrate(db)).toThrowError(MigrationError);
    expect(() => migrate(db)).toThrowError(/newer than this build/);
  });

  it('rolls back a failing migration and leaves the previous version in place', () => {
    const db = new Database(':memory:');
    const broken = [
      ...MIGRATIONS,
      { version: 999, name: 'broken', sql: 'CREATE TABLE t (x); SELECT * FROM nope;' },
    ];
    expect(() => migrate(db, broken)).toThrowError(/Migration 999 \(broken\) failed/);
    expect(versionOf(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 't'").get()).toBeUndefined();
  });

  it('tells the version without migrating, 0 for a database never migrated', () => {
    const db = new Database(':memory:');
    expect(schemaVersion(db)).toBe(0);
    migrate(db, MIGRATIONS.slice(0, 2));
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'datasets'").get()).toBeUndefined();
  });
});

describe('migration 5 (blob collection)', () => {
  const SHA = (c: string) => c.repeat(64);

  it('drops the bytes of finished import items only, which the clips hold', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 4));
    db.exec(`INSERT INTO accounts VALUES ('alice', NULL, 0, 0);
      INSERT INTO datasets (id, owner, name, created_at, updated_at) VALUES ('d', 'alice', 'D', 0, 0);
      INSERT INTO imports (id, dataset_id, kind, label, created_at, updated_at) VALUES ('i', 'd', 'files', 'l', 0, 0);`);
    const states = ['uploaded', 'processing', 'done', 'duplicate', 'failed'];
    const item = db.prepare(
      `INSERT INTO import_items (id, import_id, dataset_id, position, file_name, size, state, blob_sha256, updated_at)
       VALUES (?, 'i', 'd', ?, 'f.wav', 1, ?, ?, 0)`,
    );
    for (const [index, state] of states.entries()) item.run(state, index, state, SHA(String(index)));
    migrate(db);
    const kept = db
      .prepare('SELECT id FROM import_items WHERE blob_sha256 IS NOT NULL ORDER BY position')
      .pluck();
    expect(kept.all()).toEqual(['uploaded', 'processing', 'failed']);
  });

  it('gives a blob row inserted without stored_at (by an older build) the current time', () => {
    const db = new Database(':memory:');
    migrate(db);
    const before = Date.now();
    db.prepare('INSERT INTO blobs (sha256, size, media_type, created_at) VALUES (?, 1, ?, 5)').run(
      SHA('a'),
      'x',
    );
    db.prepare(
      'INSERT INTO blobs (sha256, size, media_type, created_at, stored_at) VALUES (?, 1, ?, 5, 7)',
    ).run(SHA('b'), 'x');
    const storedAt = db.prepare('SELECT stored_at FROM blobs ORDER BY sha256').pluck().all() as number[];
    expect(storedAt[0]).toBeGreaterThanOrEqual(before - 1);
    expect(storedAt[0]).toBeLessThanOrEqual(Date.now() + 1);
    expect(storedAt[1]).toBe(7);
  });
});
