import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations';
import { BLOB_REFERENCES, NOT_BLOB_REFERENCES, referencedSql } from './blob-references';

/** Names that could hold a blob id (or the bytes themselves), whatever a future migration calls them. */
const LOOKS_LIKE_BLOB = /sha|hash|blob|digest/i;

function migrated(migrations = MIGRATIONS): Database.Database {
  const db = new Database(':memory:');
  migrate(db, migrations);
  return db;
}

/** `table.column` of every column in the schema that looks like a hash or a blob. */
function blobLikeColumns(db: Database.Database): string[] {
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table'
       AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name`,
    )
    .all() as { name: string }[];
  return tables.flatMap(({ name }) =>
    (db.pragma(`table_info(${name})`) as { name: string; type: string }[])
      .filter((column) => LOOKS_LIKE_BLOB.test(column.name) || /blob/i.test(column.type))
      .map((column) => `${name}.${column.name}`),
  );
}

const classified = new Set(
  [...BLOB_REFERENCES, ...NOT_BLOB_REFERENCES].map(({ table, column }) => `${table}.${column}`),
);
const unclassified = (db: Database.Database) => blobLikeColumns(db).filter((name) => !classified.has(name));

describe('blob references', () => {
  it('classify every hash- or blob-like column of the schema, so a new one cannot be missed', () => {
    const db = migrated();
    expect(unclassified(db)).toEqual([]);
    // Nothing listed is stale: every listed column exists.
    expect([...classified].filter((name) => !blobLikeColumns(db).includes(name))).toEqual([]);
  });

  it('fail for a migration that adds a blob column without listing it', () => {
    const db = migrated([
      ...MIGRATIONS,
      { version: 999, name: 'cover-art', sql: 'ALTER TABLE datasets ADD COLUMN cover_sha256 TEXT;' },
    ]);
    expect(unclassified(db)).toEqual(['datasets.cover_sha256']);
  });

  it('list each column once, as a reference or not', () => {
    expect(classified.size).toBe(BLOB_REFERENCES.length + NOT_BLOB_REFERENCES.length);
  });

  it('find a blob named by any referencing column, and not one only a NULL or another id names', () => {
    const db = migrated();
    const isReferenced = db.prepare(`SELECT ${referencedSql('@sha256')}`).pluck();
    expect(isReferenced.get({ sha256: 'a'.repeat(64) })).toBe(0);
    db.exec(`INSERT INTO accounts VALUES ('alice', NULL, 0, 0);
      INSERT INTO datasets (id, owner, name, created_at, updated_at) VALUES ('d', 'alice', 'D', 0, 0);
      INSERT INTO imports (id, dataset_id, kind, label, created_at, updated_at) VALUES ('i', 'd', 'files', 'l', 0, 0);
      INSERT INTO import_items (id, import_id, dataset_id, position, file_name, size, state, blob_sha256, updated_at)
        VALUES ('a', 'i', 'd', 1, 'a.wav', 1, 'uploaded', '${'b'.repeat(64)}', 0),
               ('n', 'i', 'd', 2, 'n.wav', 1, 'pending', NULL, 0);`);
    expect(isReferenced.get({ sha256: 'b'.repeat(64) })).toBe(1);
    expect(isReferenced.get({ sha256: 'a'.repeat(64) })).toBe(0);
  });
});
