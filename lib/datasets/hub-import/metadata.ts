/**
 * Reading a Hugging Face audiofolder's metadata (metadata.jsonl or metadata.csv) for a server-side
 * Hub import. Pure. Follows the audiofolder rules `datasets` applies: `file_name` is relative to the
 * metadata file's folder, and a metadata file describes the files in its folder and below it.
 *
 * The caption is the first non-empty of the caption-like columns (`caption`, `text`, `description`,
 * `prompt`); a per-file licence (`licence`/`license`) and attribution (`attribution`, `artist`,
 * `author`, `credit`) are read when present. A metadata file without `file_name` or without any
 * caption-like column is an error that names the columns it does have.
 */
import { cleanCaption, parseCsv } from '../client/import-metadata';
import { DATASET_LIMITS } from '../model';

export const CAPTION_COLUMNS = ['caption', 'text', 'description', 'prompt'] as const;
const LICENCE_COLUMNS = ['licence', 'license'];
const ATTRIBUTION_COLUMNS = ['attribution', 'artist', 'author', 'credit'];
export const METADATA_NAMES = ['metadata.jsonl', 'metadata.csv'] as const;

/** Formats the import pipeline decodes (tracker modules are rendered by it). */
export const IMPORTABLE_EXTENSIONS = new Set(['wav', 'flac', 'ogg', 'mp3', 'mod', 'xm', 's3m', 'it']);

export class HubMetadataError extends Error {
  override name = 'HubMetadataError';
}

export interface MetadataRow {
  /** Repo path of the audio file, or null when `file_name` points outside the repo. */
  path: string | null;
  /** `file_name` as written, for messages. */
  fileName: string;
  caption: string;
  licence: string | null;
  attribution: string | null;
}

export interface ParsedMetadata {
  rows: MetadataRow[];
  /** Sentences about lines that could not be read (bad JSON, missing file_name). */
  warnings: string[];
}

function directoryOf(filePath: string): string {
  const slash = filePath.lastIndexOf('/');
  return slash < 0 ? '' : filePath.slice(0, slash);
}

/** Joins and normalises `dir/fileName`; null when it climbs out of the repo or is absolute. */
export function resolveRepoPath(dir: string, fileName: string): string | null {
  if (fileName.startsWith('/') || /^[A-Za-z]:/.test(fileName)) return null;
  const out: string[] = dir ? dir.split('/') : [];
  for (const part of fileName.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(part);
  }
  return out.length > 0 ? out.join('/') : null;
}

function text(record: Record<string, unknown>, columns: readonly string[]): string | null {
  for (const column of columns) {
    const value = record[column];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return null;
}

function shortText(value: string | null, max: number): string | null {
  if (value === null) return null;
  const flat = cleanCaption(value).caption.slice(0, max).trim();
  return flat || null;
}

function checkColumns(metadataPath: string, columns: readonly string[]): void {
  if (!columns.includes('file_name')) {
    throw new HubMetadataError(
      `${metadataPath} has no file_name column (columns: ${columns.join(', ') || 'none'}), so its rows cannot be matched to audio files.`,
    );
  }
  if (!CAPTION_COLUMNS.some((column) => columns.includes(column))) {
    throw new HubMetadataError(
      `${metadataPath} has no caption column: expected one of ${CAPTION_COLUMNS.join(', ')} (columns: ${columns.join(', ')}).`,
    );
  }
}

/** Parses one metadata file found at `metadataPath` (a repo path). */
export function parseMetadata(metadataPath: string, content: string): ParsedMetadata {
  const dir = directoryOf(metadataPath);
  const records: Record<string, unknown>[] = [];
  const warnings: string[] = [];
  if (metadataPath.endsWith('.jsonl')) {
    let bad = 0;
    const columns = new Set<string>();
    for (const line of content.split(/\r?\n/)) {
      if (!line.trim()) continue;
      try {
        const value: unknown = JSON.parse(line);
        if (value && typeof value === 'object' && !Array.isArray(value)) {
          records.push(value as Record<string, unknown>);
          for (const key of Object.keys(value)) columns.add(key);
        } else bad++;
      } catch {
        bad++;
      }
    }
    if (records.length === 0) throw new HubMetadataError(`${metadataPath} holds no JSON object lines.`);
    checkColumns(metadataPath, [...columns]);
    if (bad > 0)
      warnings.push(`${metadataPath}: ${bad} line${bad === 1 ? ' is' : 's are'} not JSON objects.`);
  } else {
    const [header, ...rows] = parseCsv(content);
    const columns = (header ?? []).map((name) => name.trim());
    checkColumns(metadataPath, columns);
    for (const cells of rows)
      records.push(Object.fromEntries(columns.map((name, i) => [name, cells[i] ?? ''])));
  }
  const out: MetadataRow[] = [];
  let unnamed = 0;
  for (const record of records) {
    const fileName = record.file_name;
    if (typeof fileName !== 'string' || fileName.trim() === '') {
      unnamed++;
      continue;
    }
    const caption = text(record, CAPTION_COLUMNS);
    out.push({
      path: resolveRepoPath(dir, fileName.trim()),
      fileName: fileName.trim(),
      caption: caption === null ? '' : cleanCaption(caption).caption,
      licence: shortText(text(record, LICENCE_COLUMNS), 100),
      attribution: shortText(text(record, ATTRIBUTION_COLUMNS), DATASET_LIMITS.attributionMaxLength),
    });
  }
  if (unnamed > 0)
    warnings.push(`${metadataPath}: ${unnamed} row${unnamed === 1 ? ' has' : 's have'} no file_name.`);
  return { rows: out, warnings };
}

/**
 * The metadata files of a repo listing that `datasets` would use: metadata.jsonl or metadata.csv
 * (jsonl wins when a folder has both). Empty when the repo is not an audiofolder.
 */
export function findMetadataFiles(paths: readonly string[]): string[] {
  const byDir = new Map<string, string>();
  for (const filePath of paths) {
    const name = filePath.slice(filePath.lastIndexOf('/') + 1);
    if (!(METADATA_NAMES as readonly string[]).includes(name)) continue;
    const dir = directoryOf(filePath);
    const known = byDir.get(dir);
    if (!known || name === 'metadata.jsonl') byDir.set(dir, filePath);
  }
  return [...byDir.values()].sort();
}

/** Extension of a path, lowercase, without the dot. */
export function extensionOf(filePath: string): string {
  const name = filePath.slice(filePath.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** The licence a dataset card's YAML header declares for everything, when it names exactly one. */
export function cardLicence(readme: string): string | null {
  const header = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readme)?.[1];
  if (!header) return null;
  const single = /^license:[ \t]*["']?([A-Za-z0-9.+-]+)["']?[ \t]*$/m.exec(header)?.[1];
  if (single) return single === 'other' || single === 'unknown' ? null : single;
  const list = /^license:[ \t]*\r?\n((?:[ \t]*-[ \t]*\S+[ \t]*\r?\n?)+)/m.exec(header)?.[1];
  const items =
    list
      ?.split(/\r?\n/)
      .map((line) => line.replace(/^[ \t]*-[ \t]*/, '').trim())
      .filter(Boolean) ?? [];
  return items.length === 1 && items[0] !== 'other' ? (items[0] ?? null) : null;
}

/** Hub licence ids (lowercase) → the SPDX ids the studio's licence picker uses. */
const SPDX: Record<string, string> = {
  'cc0-1.0': 'CC0-1.0',
  'cc-by-4.0': 'CC-BY-4.0',
  'cc-by-3.0': 'CC-BY-3.0',
  'cc-by-sa-4.0': 'CC-BY-SA-4.0',
  'cc-by-sa-3.0': 'CC-BY-SA-3.0',
  'cc-by-nc-4.0': 'CC-BY-NC-4.0',
  'cc-by-nc-sa-4.0': 'CC-BY-NC-SA-4.0',
  'cc-by-nc-nd-4.0': 'CC-BY-NC-ND-4.0',
  'cc-by-nd-4.0': 'CC-BY-ND-4.0',
  mit: 'MIT',
  'apache-2.0': 'Apache-2.0',
  'gpl-3.0': 'GPL-3.0-or-later',
  'gpl-2.0': 'GPL-2.0-or-later',
  'lgpl-3.0': 'LGPL-3.0-or-later',
  'bsd-3-clause': 'BSD-3-Clause',
  unlicense: 'Unlicense',
};

export function toSpdx(licence: string): string {
  return SPDX[licence.trim().toLowerCase()] ?? licence.trim();
}
