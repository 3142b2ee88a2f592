import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobStore } from '@/lib/blobs';
import { DATABASE_FILE, openDatabase } from '@/lib/db';
import { migrate, schemaVersion } from '@/lib/db/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '@/lib/db/migrations';
import { runGenki } from '@/tests/support/genki-cli';
import { makeTempDir } from '@/tests/support/temp-dir';

const temp = makeTempDir('genki-storage-gc-');
const dataDir = path.join(temp.dir, 'data');
let old: string;
let young: string;

beforeAll(() => {
  const db = openDatabase(path.join(dataDir, DATABASE_FILE));
  const store = new BlobStore(dataDir, db);
  old = store.put(new TextEncoder().encode('left behind by a deleted dataset')).sha256;
  young = store.put(new TextEncoder().encode('an import still writing its rows')).sha256;
  // Stored, and found unreferenced, two days ago: well past the hour an import may take to
  // reference its blobs, and a download of a deleted dataset to finish.
  const twoDaysAgo = Date.now() - 2 * 24 * 3600_000;
  db.prepare('UPDATE blobs SET created_at = ?, stored_at = ?, unreferenced_since = ? WHERE sha256 = ?').run(
    twoDaysAgo,
    twoDaysAgo,
    twoDaysAgo,
    old,
  );
  fs.utimesSync(store.pathFor(old), twoDaysAgo / 1000, twoDaysAgo / 1000);
  db.close();
});
afterAll(() => temp.cleanup());

const blobFile = (sha256: string) => path.join(dataDir, 'blobs', sha256.slice(0, 2), sha256);

describe('genki storage gc', () => {
  it('reports what would go with --dry-run and changes nothing', async () => {
    const result = await runGenki(['storage', 'gc', '--data-dir', dataDir, '--dry-run', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ dataDir, dryRun: true, blobs: { unreferenced: { count: 1 } } });
    expect(fs.existsSync(blobFile(old))).toBe(true);
  });

  it('frees the old unreferenced blob and keeps the young one', async () => {
    const result = await runGenki(['storage', 'gc', '--data-dir', dataDir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^freed \d+ bytes: 1 unreferenced blob\(s\)/);
    // The young one is only marked by this run: found unreferenced now, it waits out the hour.
    expect(result.stdout).toMatch(
      /1 unreferenced blob\(s\) \(\d+ bytes\) kept until unreferenced for an hour/,
    );
    expect(fs.existsSync(blobFile(old))).toBe(false);
    expect(fs.existsSync(blobFile(young))).toBe(true);
    const again = await runGenki(['storage', 'gc', '--data-dir', dataDir]);
    expect(again.stdout).toMatch(/^nothing to free/);
  });

  it('refuses a folder without a studio database, and unknown subcommands', async () => {
    const empty = await runGenki(['storage', 'gc', '--data-dir', temp.dir]);
    expect(empty.code).not.toBe(0);
    expect(empty.stderr).toContain(`${temp.dir}: no studio database (${DATABASE_FILE}) here`);
    expect(fs.existsSync(path.join(temp.dir, DATABASE_FILE))).toBe(false);
    const unknown = await runGenki(['storage', 'compact']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('storage: the only subcommand is gc');
  });

  it('never migrates: refuses a database at another schema, and leaves it as it is', async () => {
    const olderDir = path.join(temp.dir, 'older');
    fs.mkdirSync(olderDir);
    const older = new Database(path.join(olderDir, DATABASE_FILE));
    migrate(older, MIGRATIONS.slice(0, -1));
    const olderVersion = schemaVersion(older);
    older.close();

    const result = await runGenki(['storage', 'gc', '--data-dir', olderDir]);

    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(
      `the studio's database is at schema ${olderVersion}, this genki expects ${LATEST_SCHEMA_VERSION}: ` +
        'start the studio once to migrate, or use the matching genki',
    );
    const after = new Database(path.join(olderDir, DATABASE_FILE), { readonly: true });
    expect(schemaVersion(after)).toBe(olderVersion);
    after.close();
  });
});
