/**
 * Creating an import: every file is known (name, size, SHA-256) before any byte is sent, so
 * duplicates (already in the dataset, already being imported, or repeated within this import),
 * empty files and files over the size limit are settled at once, and only the rest wait for upload.
 */
import 'server-only';
import type { Db } from '../db';
import { PublicError } from '../http/errors';
import type { DatasetRecord } from './datasets-store';
import { newId } from './ids';
import { findImportJob, IN_FLIGHT_SQL, type ItemState, refreshImportState } from './import-rows';
import { DATASET_LIMITS, type ImportJob } from './model';
import { tooLargeMessage } from './size-text';

export interface NewImportItem {
  fileName: string;
  relativePath: string | null;
  size: number;
  /** Known up front for browser uploads; null for server-side downloads (checked when the bytes arrive). */
  sha256: string | null;
  caption?: string | undefined;
}

export interface NewImport {
  kind: ImportJob['kind'];
  label: string;
  items: readonly NewImportItem[];
}

/** Why an item is settled at creation (duplicate or failed), or undefined when it waits for upload. */
interface Verdict {
  state: ItemState;
  error: string | null;
  clipId: string | null;
}

function judge(
  item: NewImportItem,
  existing: Map<string, { id: string; file_name: string }>,
  inFlight: Map<string, { file_name: string; label: string }>,
  earlier: Map<string, string>,
): Verdict {
  if (item.size === 0) return { state: 'failed', error: 'The file is empty (0 bytes).', clipId: null };
  if (item.size > DATASET_LIMITS.maxFileBytes) {
    return { state: 'failed', error: tooLargeMessage(item.size, DATASET_LIMITS.maxFileBytes), clipId: null };
  }
  const sha = item.sha256;
  if (sha) {
    const clip = existing.get(sha);
    if (clip)
      return {
        state: 'duplicate',
        error: `Already in this dataset as "${clip.file_name}" (same content).`,
        clipId: clip.id,
      };
    const flying = inFlight.get(sha);
    if (flying)
      return {
        state: 'duplicate',
        error: `Already being imported as "${flying.file_name}" by the import "${flying.label}".`,
        clipId: null,
      };
    const twin = earlier.get(sha);
    if (twin)
      return { state: 'duplicate', error: `Same content as "${twin}" earlier in this import.`, clipId: null };
  }
  return { state: 'pending', error: null, clipId: null };
}

export function createImportJob(
  db: Db,
  dataset: DatasetRecord,
  input: NewImport,
  now = Date.now(),
): ImportJob {
  const importId = newId('imp');
  db.transaction(() => {
    const shas = JSON.stringify(input.items.flatMap((item) => (item.sha256 ? [item.sha256] : [])));
    const existing = new Map(
      (
        db
          .prepare(
            `SELECT id, file_name, source_sha256 FROM clips
             WHERE dataset_id = ? AND source_sha256 IN (SELECT value FROM json_each(?))`,
          )
          .all(dataset.id, shas) as { id: string; file_name: string; source_sha256: string }[]
      ).map((row) => [row.source_sha256, row]),
    );
    const inFlight = new Map(
      (
        db
          .prepare(
            `SELECT i.sha256, i.file_name, m.label FROM import_items i JOIN imports m ON m.id = i.import_id
             WHERE i.dataset_id = ? AND i.state IN ${IN_FLIGHT_SQL} AND i.sha256 IN (SELECT value FROM json_each(?))`,
          )
          .all(dataset.id, shas) as { sha256: string; file_name: string; label: string }[]
      ).map((row) => [row.sha256, row]),
    );
    const earlier = new Map<string, string>();
    const verdicts = input.items.map((item) => {
      const verdict = judge(item, existing, inFlight, earlier);
      if (verdict.state === 'pending' && item.sha256) earlier.set(item.sha256, item.fileName);
      return verdict;
    });

    const adding = verdicts.filter((v) => v.state === 'pending').length;
    const { clips } = db
      .prepare('SELECT count(*) AS clips FROM clips WHERE dataset_id = ?')
      .get(dataset.id) as {
      clips: number;
    };
    const { flying } = db
      .prepare(
        `SELECT count(*) AS flying FROM import_items WHERE dataset_id = ? AND state IN ${IN_FLIGHT_SQL}`,
      )
      .get(dataset.id) as { flying: number };
    if (clips + flying + adding > DATASET_LIMITS.maxClipsPerDataset) {
      throw new PublicError(
        'dataset_full',
        `This dataset has ${clips} clips${flying ? ` and ${flying} files still importing` : ''}; ` +
          `${adding} more would pass the limit of ${DATASET_LIMITS.maxClipsPerDataset} clips per dataset. ` +
          'Import fewer files or start another dataset.',
        409,
      );
    }

    // Reserve clip positions in import order for every file that may become a clip (failed ones
    // too, so a retry keeps its place).
    const reserving = verdicts.filter((v) => v.state !== 'duplicate').length;
    const { first } = db
      .prepare(
        'UPDATE datasets SET next_position = next_position + ?, updated_at = ? WHERE id = ? RETURNING next_position - ? AS first',
      )
      .get(reserving, now, dataset.id, reserving) as { first: number };

    db.prepare(
      `INSERT INTO imports (id, dataset_id, kind, label, state, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'running', ?, ?)`,
    ).run(importId, dataset.id, input.kind, input.label, now, now);
    const insert = db.prepare(
      `INSERT INTO import_items (id, import_id, dataset_id, position, file_name, relative_path, size, sha256,
         caption, state, error, clip_id, clip_position, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let position = first;
    input.items.forEach((item, index) => {
      const verdict = verdicts[index] as Verdict;
      const clipPosition = verdict.state === 'duplicate' ? null : position++;
      insert.run(
        newId('item'),
        importId,
        dataset.id,
        index,
        item.fileName,
        item.relativePath,
        item.size,
        item.sha256,
        item.caption?.trim() || null,
        verdict.state,
        verdict.error,
        verdict.clipId,
        clipPosition,
        now,
      );
    });
    refreshImportState(db, importId, now);
  })();
  const job = findImportJob(db, importId);
  if (!job) throw new Error(`Import ${importId} vanished right after it was created.`);
  return job;
}
