/**
 * Captions that ship beside the audio in the Hugging Face audiofolder layout: a metadata.jsonl (one
 * JSON object per line) or metadata.csv with a `file_name` column, relative to the metadata file's
 * folder. The caption is the first non-empty of the `caption`, `description` or `text` columns
 * (MusicCaps and Song Describer use `caption`; other audio datasets use the other two).
 */
import { DATASET_LIMITS } from '../model';
import { directoryOf } from './import-entries';

export const CAPTION_COLUMNS = ['caption', 'description', 'text'] as const;

export interface MetadataCaptions {
  /** Normalised relative path ("songs/a.wav") → caption. */
  captions: Map<string, string>;
  /** Human-readable problems (bad lines, cut captions), at most a few per file. */
  warnings: string[];
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Collapses whitespace, drops control characters and cuts at the caption limit on a word boundary. */
export function cleanCaption(text: string): { caption: string; cut: boolean } {
  const flat = text.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  const max = DATASET_LIMITS.captionMaxChars;
  if (flat.length <= max) return { caption: flat, cut: false };
  const slice = flat.slice(0, max);
  const space = slice.lastIndexOf(' ');
  return { caption: (space > max / 2 ? slice.slice(0, space) : slice).trim(), cut: true };
}

/** RFC 4180 CSV: quoted fields with doubled quotes, CRLF or LF line ends, a header row. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((cells) => cells.some((cell) => cell.trim() !== ''));
}

function captionOf(record: Record<string, unknown>): string | null {
  for (const column of CAPTION_COLUMNS) {
    const value = record[column];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return null;
}

function join(dir: string, fileName: string): string {
  const relative = fileName.replace(/\\/g, '/').replace(/^\.\//, '');
  return dir ? `${dir}/${relative}` : relative;
}

/** Reads one metadata file found at `metadataPath`; captions are keyed by the audio file's path. */
export function readMetadataCaptions(
  metadataPath: string,
  text: string,
  format: 'jsonl' | 'csv',
  into: MetadataCaptions = { captions: new Map(), warnings: [] },
): MetadataCaptions {
  const dir = directoryOf(metadataPath);
  let cut = 0;
  let bad = 0;
  const add = (record: Record<string, unknown>) => {
    const fileName = record.file_name;
    const caption = captionOf(record);
    if (typeof fileName !== 'string' || fileName === '' || caption === null) return;
    const cleaned = cleanCaption(caption);
    if (cleaned.cut) cut++;
    if (cleaned.caption) into.captions.set(join(dir, fileName), cleaned.caption);
  };
  if (format === 'jsonl') {
    for (const line of text.split(/\r?\n/)) {
      if (!line.trim()) continue;
      try {
        const value: unknown = JSON.parse(line);
        if (value && typeof value === 'object' && !Array.isArray(value))
          add(value as Record<string, unknown>);
        else bad++;
      } catch {
        bad++;
      }
    }
  } else {
    const [header, ...rows] = parseCsv(text);
    if (!header?.includes('file_name')) {
      into.warnings.push(`${metadataPath} has no file_name column, so its captions were not read.`);
      return into;
    }
    for (const cells of rows) add(Object.fromEntries(header.map((name, i) => [name.trim(), cells[i] ?? ''])));
  }
  if (bad > 0)
    into.warnings.push(`${metadataPath}: ${bad} line${bad === 1 ? ' is' : 's are'} not JSON objects.`);
  if (cut > 0) {
    into.warnings.push(
      `${metadataPath}: ${cut} caption${cut === 1 ? ' was' : 's were'} over ${DATASET_LIMITS.captionMaxChars} characters and ${cut === 1 ? 'was' : 'were'} shortened.`,
    );
  }
  return into;
}
