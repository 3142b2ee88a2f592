import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations';
import { BLOB_REFERENCES, NOT_BLOB_REFERENCES, REFERENCED_BLOBS_SQL } from './blob-references';

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

  it('select every referenced id and no NULLs', () => {
    const db = migrated();
    expect(db.prepare(REFERENCED_BLOBS_SQL).all()).toEqual([]);
  });
});
