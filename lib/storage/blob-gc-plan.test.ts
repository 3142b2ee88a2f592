/**
 * Blob garbage collection asks "does anything reference this blob?" under the write lock, blob by
 * blob. Without an index on a referencing column each question scans that table (seconds per batch
 * at 200 000 clips, with the server waiting), and nothing else would notice: so every statement's
 * query plan must look referencing columns up by index and never scan a table.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate';
import { BLOB_GC_SQL } from './blob-gc-sql';
import { BLOB_REFERENCES } from './blob-references';

const db = new Database(':memory:');
migrate(db);

/** A value for every named parameter the statements use (a plan does not depend on them). */
const PARAMS = { after: '', limit: 1, ids: '[]', now: 0, cutoff: 0, sha256: '' };

const planOf = (sql: string) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(PARAMS) as { detail: string }[]).map((row) => row.detail);

describe.each(Object.entries(BLOB_GC_SQL))('the blob collection statement %s', (_name, sql) => {
  const plan = planOf(sql);

  it('scans no table (every lookup uses an index)', () => {
    // json_each is the id list bound to the statement and CONSTANT ROW a SELECT without FROM.
    expect(
      plan.filter((line) => /^SCAN /.test(line) && !/^SCAN (json_each\b|CONSTANT ROW)/.test(line)),
    ).toEqual([]);
  });

  it('looks up each referencing column it checks by an index on that column', () => {
    for (const { table, column } of BLOB_REFERENCES) {
      if (!sql.includes(`${table}.${column} =`)) continue;
      const lookup = new RegExp(`^SEARCH ${table} USING (COVERING )?INDEX \\w+ \\(${column}=\\?\\)$`);
      expect(
        plan.some((line) => lookup.test(line)),
        `${table}.${column} in\n${plan.join('\n')}`,
      ).toBe(true);
    }
  });
});

it('every referencing column is checked by the statements that decide what to delete', () => {
  for (const { table, column } of BLOB_REFERENCES) {
    expect(BLOB_GC_SQL.deletable).toContain(`${table}.${column} =`);
    expect(BLOB_GC_SQL.isReferenced).toContain(`${table}.${column} =`);
  }
});
