/**
 * Who may see and change what. A private dataset (and everything in it) is visible only to its
 * owner: anyone else gets the same 404 as for an id that never existed, so private ids do not leak.
 * A shared dataset is readable by anyone, signed in or not; only its owner may change it (others get
 * 403, since they can see it exists).
 */
import 'server-only';
import type { Db } from '../db';
import { PublicError } from '../http/errors';
import { type DatasetRecord, findDataset } from './datasets-store';
import { isId } from './ids';

const MISSING = {
  dataset: 'There is no dataset with this id, or it is private to its owner.',
  clip: 'There is no clip with this id, or its dataset is private to its owner.',
  import: 'There is no import with this id, or its dataset is private to its owner.',
  item: 'There is no file with this id in this import.',
} as const;

export function notFound(what: keyof typeof MISSING): PublicError {
  return new PublicError('not_found', MISSING[what], 404);
}

function canRead(dataset: DatasetRecord, viewer: string | null): boolean {
  return dataset.visibility === 'shared' || dataset.owner === viewer;
}

export function readableDataset(db: Db, id: string, viewer: string | null): DatasetRecord {
  const dataset = isId(id, 'ds') ? findDataset(db, id) : undefined;
  if (!dataset || !canRead(dataset, viewer)) throw notFound('dataset');
  return dataset;
}

/** For mutations: 404 when the viewer cannot even see it, 403 when they can but do not own it. */
export function assertOwner(dataset: DatasetRecord, viewer: string): void {
  if (dataset.owner === viewer) return;
  if (!canRead(dataset, viewer)) throw notFound('dataset');
  throw new PublicError('forbidden', 'Only the owner of this dataset can change it.', 403);
}

export function ownedDataset(db: Db, id: string, viewer: string): DatasetRecord {
  const dataset = isId(id, 'ds') ? findDataset(db, id) : undefined;
  if (!dataset) throw notFound('dataset');
  assertOwner(dataset, viewer);
  return dataset;
}

/** The dataset a clip (or import) belongs to, checked for reading; 404 for both "missing" and "private". */
export function datasetOfClip(
  db: Db,
  clipId: string,
  viewer: string | null,
  forWrite: boolean,
): DatasetRecord {
  return datasetOf(db, 'clip', clipId, 'SELECT dataset_id FROM clips WHERE id = ?', viewer, forWrite);
}

export function datasetOfImport(
  db: Db,
  importId: string,
  viewer: string | null,
  forWrite: boolean,
): DatasetRecord {
  return datasetOf(db, 'import', importId, 'SELECT dataset_id FROM imports WHERE id = ?', viewer, forWrite);
}

function datasetOf(
  db: Db,
  what: 'clip' | 'import',
  id: string,
  sql: string,
  viewer: string | null,
  forWrite: boolean,
): DatasetRecord {
  const prefix = what === 'clip' ? 'clip' : 'imp';
  const row = isId(id, prefix) ? (db.prepare(sql).get(id) as { dataset_id: string } | undefined) : undefined;
  const dataset = row ? findDataset(db, row.dataset_id) : undefined;
  if (!dataset || !canRead(dataset, viewer)) throw notFound(what);
  if (forWrite) {
    if (viewer === null) throw notFound(what);
    assertOwner(dataset, viewer);
  }
  return dataset;
}
