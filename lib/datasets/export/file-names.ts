/**
 * Names for exported files and Hub repos, derived from names people typed (clip file names,
 * dataset names). Pure and dependency-free: the server, the browser and tests share it.
 *
 * Every name that comes out is lowercase ASCII `[a-z0-9-]`, never empty, never `.`/`..`, and
 * bounded in length, so it can be joined into a zip entry, a repo path or a URL with no escaping.
 * Uniqueness comes from the `NNNN-` position prefix, not from the slug.
 */

const SLUG_MAX = 48;

/**
 * The words Hugging Face `datasets` treats as split names when they appear as a separate word in a
 * file name (`**[-._ 0-9/]test[-._ 0-9]*`): a clip called "test tone" would otherwise land in its
 * own "test" split and vanish from "train". We prefix them so auto-detection sees one split.
 */
const SPLIT_WORDS = new Set([
  'train',
  'training',
  'validation',
  'valid',
  'dev',
  'val',
  'test',
  'testing',
  'eval',
  'evaluation',
]);

/** Lowercase ASCII slug of any text: accents folded, everything else collapsed to single `-`. */
export function slugify(text: string, maxLength = SLUG_MAX, fallback = 'clip'): string {
  const folded = text
    .normalize('NFKD')
    // Combining marks left by NFKD (é → e + ◌́) are dropped, so "Café" becomes "cafe".
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  const words = folded
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    // Digits count as separators in those patterns too ("2test" matches), so check letter runs.
    .map((word) => word.replace(/[a-z]+/g, (run) => (SPLIT_WORDS.has(run) ? `x${run}` : run)));
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > maxLength) {
      if (!slug) slug = word.slice(0, maxLength);
      break;
    }
    slug = next;
  }
  return slug || fallback;
}

/** The name without its last extension (".mod", ".wav"), and without any folder part. */
export function baseName(fileName: string): string {
  const last = fileName.split(/[/\\]/).pop() ?? fileName;
  const dot = last.lastIndexOf('.');
  return dot > 0 ? last.slice(0, dot) : last;
}

/**
 * `NNNN-slug` stems for clips in export order: 1-based, zero-padded to at least four digits (more
 * when a dataset has 10 000+ clips, so names still sort in order). Unique by construction.
 */
export function exportStems(fileNames: readonly string[]): string[] {
  const width = Math.max(4, String(fileNames.length).length);
  return fileNames.map(
    (name, index) => `${String(index + 1).padStart(width, '0')}-${slugify(baseName(name))}`,
  );
}

/**
 * A repo name the Hub accepts (letters, digits, `-`, `_`, `.`; no `--` or `..`; ≤ 96 characters)
 * suggested from a dataset name.
 */
export function suggestRepoName(datasetName: string): string {
  return slugify(datasetName, 64, 'genki-dataset');
}

/** A file name for Content-Disposition: the slug plus a fixed suffix, always safe to quote. */
export function downloadFileName(datasetName: string, layout: string): string {
  return `${slugify(datasetName, 64, 'dataset')}-${slugify(layout, 16, 'export')}.zip`;
}
