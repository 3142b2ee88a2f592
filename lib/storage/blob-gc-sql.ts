/**
 * The statements blob garbage collection (blob-gc.ts) runs. Kept apart so blob-gc-plan.test.ts can
 * check every one's query plan: each asks about a handful of blobs and must cost a few index
 * lookups whatever the size of the tables, because the write statements run under the database's
 * write lock, which the server's requests (and a concurrent `genki storage gc`) are waiting for.
 *
 * Lists of ids are bound as one JSON array (`@ids`), so a batch is one statement.
 */
import { referencedSql } from './blob-references';

const REFERENCED = referencedSql('blobs.sha256');
const IN_IDS = 'sha256 IN (SELECT value FROM json_each(@ids))';

export const BLOB_GC_SQL = {
  /** The next page of rows in id order (keyset paging), each saying whether anything names it now. */
  page: `SELECT sha256, size, stored_at AS storedAt, unreferenced_since AS unreferencedSince,
           ${REFERENCED} AS referenced
         FROM blobs WHERE sha256 > @after ORDER BY sha256 LIMIT @limit`,
  /** Referenced again (a dataset imported the same bytes): the grace period starts over next time. */
  unmark: `UPDATE blobs SET unreferenced_since = NULL WHERE ${IN_IDS}`,
  /** Re-checked under the write lock: a row may have started referencing the blob since the page was read. */
  mark: `UPDATE blobs SET unreferenced_since = @now
         WHERE ${IN_IDS} AND unreferenced_since IS NULL AND NOT ${REFERENCED}`,
  /** Re-checked under the write lock, with the delete that follows in the same transaction. */
  deletable: `SELECT sha256, size FROM blobs
              WHERE ${IN_IDS} AND unreferenced_since < @cutoff AND stored_at < @cutoff AND NOT ${REFERENCED}`,
  remove: `DELETE FROM blobs WHERE ${IN_IDS}`,
  hasRow: 'SELECT 1 FROM blobs WHERE sha256 = @sha256',
  isReferenced: `SELECT ${referencedSql('@sha256')}`,
} as const;
