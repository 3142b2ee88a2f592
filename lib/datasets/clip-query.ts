/**
 * The review list: every ClipQuery filter and sort done in SQL over the dataset's indexes, returning
 * compact rows (no suggestions, no check details), so thousands of clips fit one response.
 */
import 'server-only';
import type { Db } from '../db';
import { PublicError } from '../http/errors';
import { CLIP_LIST_COLUMNS, type ClipListDbRow, toClipRow } from './clip-rows';
import { type ClipQuery, type ClipRow, clipQuerySchema } from './model';

const SORTS: Record<ClipQuery['sort'], (direction: string) => string> = {
  position: (d) => `position ${d}`,
  name: (d) => `file_name COLLATE NOCASE ${d}, position`,
  duration: (d) => `duration_seconds ${d}, position`,
  // Unscored clips last in either direction.
  score: (d) => `clap_score IS NULL, clap_score ${d}, position`,
  quality: (d) => `CASE quality_level WHEN 'pass' THEN 0 WHEN 'warn' THEN 1 ELSE 2 END ${d}, position`,
  status: (d) =>
    `CASE status WHEN 'new' THEN 0 WHEN 'accepted' THEN 1 WHEN 'skipped' THEN 2 ELSE 3 END ${d}, position`,
};

/** LIKE pattern for a literal substring (%, _ and the escape character itself are escaped). */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function buildClipQuery(datasetId: string, query: ClipQuery): { sql: string; params: unknown[] } {
  const where = ['dataset_id = ?'];
  const params: unknown[] = [datasetId];
  if (query.status !== 'all') {
    where.push('status = ?');
    params.push(query.status);
  }
  if (query.quality !== 'all') {
    where.push('quality_level = ?');
    params.push(query.quality);
  }
  if (query.licence === 'known') where.push('licence IS NOT NULL');
  if (query.licence === 'unknown') where.push('licence IS NULL');
  if (query.minDuration !== undefined) {
    where.push('duration_seconds >= ?');
    params.push(query.minDuration);
  }
  if (query.maxDuration !== undefined) {
    where.push('duration_seconds <= ?');
    params.push(query.maxDuration);
  }
  if (query.minScore !== undefined) {
    where.push('clap_score >= ?');
    params.push(query.minScore);
  }
  const tag = query.tag?.trim().toLowerCase();
  if (tag) {
    where.push(`(EXISTS (SELECT 1 FROM json_each(tags_json, '$.moods') WHERE lower(value) = ?)
      OR EXISTS (SELECT 1 FROM json_each(tags_json, '$.instruments') WHERE lower(value) = ?)
      OR lower(json_extract(tags_json, '$.genre')) = ?)`);
    params.push(tag, tag, tag);
  }
  const text = query.q?.trim();
  if (text) {
    // LIKE is case-insensitive for ASCII, which covers file names and English captions.
    where.push(`(file_name LIKE ? ESCAPE '\\' OR caption LIKE ? ESCAPE '\\')`);
    params.push(containing(text), containing(text));
  }
  const direction = query.order === 'desc' ? 'DESC' : 'ASC';
  return {
    sql: `SELECT ${CLIP_LIST_COLUMNS} FROM clips WHERE ${where.join(' AND ')} ORDER BY ${SORTS[query.sort](direction)}`,
    params,
  };
}

/** Parses the list's query string; every problem is a 400 naming the parameter. */
export function parseClipQuery(searchParams: URLSearchParams): ClipQuery {
  const parsed = clipQuerySchema.safeParse(Object.fromEntries(searchParams));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path.join('.') || 'query';
    throw new PublicError(
      'invalid_request',
      `Invalid clip filter "${name}": ${issue?.message ?? 'not understood'}.`,
    );
  }
  const query = parsed.data;
  if (
    query.minDuration !== undefined &&
    query.maxDuration !== undefined &&
    query.minDuration > query.maxDuration
  )
    throw new PublicError(
      'invalid_request',
      'minDuration is larger than maxDuration, so no clip could match.',
    );
  return query;
}

/** `total` is every clip in the dataset; `clips` are those matching the filters, in the requested order. */
export function listClipRows(
  db: Db,
  datasetId: string,
  query: ClipQuery,
): { total: number; clips: ClipRow[] } {
  const { sql, params } = buildClipQuery(datasetId, query);
  const rows = db.prepare(sql).all(...params) as ClipListDbRow[];
  const { total } = db.prepare('SELECT count(*) AS total FROM clips WHERE dataset_id = ?').get(datasetId) as {
    total: number;
  };
  return { total, clips: rows.map(toClipRow) };
}
