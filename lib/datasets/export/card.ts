/**
 * The README.md dataset card shipped with every export. Pure.
 *
 * The YAML header is what the Hub reads: `license` (Hub licence ids; `other` plus a name and link
 * when a clip's licence has no Hub id), `task_categories: text-to-audio`, tags and the size
 * category. Every value people typed is emitted as a double-quoted YAML scalar (JSON escaping, plus
 * the line separators YAML treats as breaks), and every text in the Markdown body is escaped, so a
 * name like `</script>` or `---\nlicense: mit` can neither break the header nor inject HTML.
 */
import { isLicenceKnown } from './exportable';
import type { ExportLayout } from './layout';

/** SPDX ids (what the studio stores) → the Hub's licence ids. */
const HUB_LICENCES: Record<string, string> = {
  'cc0-1.0': 'cc0-1.0',
  'cc-by-4.0': 'cc-by-4.0',
  'cc-by-3.0': 'cc-by-3.0',
  'cc-by-sa-4.0': 'cc-by-sa-4.0',
  'cc-by-sa-3.0': 'cc-by-sa-3.0',
  'cc-by-nc-4.0': 'cc-by-nc-4.0',
  'cc-by-nc-sa-4.0': 'cc-by-nc-sa-4.0',
  'cc-by-nc-nd-4.0': 'cc-by-nc-nd-4.0',
  'cc-by-nd-4.0': 'cc-by-nd-4.0',
  mit: 'mit',
  'apache-2.0': 'apache-2.0',
  'gpl-3.0': 'gpl-3.0',
  'gpl-3.0-only': 'gpl-3.0',
  'gpl-3.0-or-later': 'gpl-3.0',
  'gpl-2.0': 'gpl-2.0',
  'gpl-2.0-or-later': 'gpl-2.0',
  'lgpl-3.0': 'lgpl-3.0',
  'bsd-3-clause': 'bsd-3-clause',
  unlicense: 'unlicense',
  'odc-by': 'odc-by',
};

export function hubLicenceId(licence: string): string {
  return HUB_LICENCES[licence.trim().toLowerCase()] ?? 'other';
}

/** A YAML double-quoted scalar (JSON strings are valid YAML once U+0085/2028/2029 are escaped). */
export function yamlString(text: string): string {
  return JSON.stringify(text).replace(
    /[\u0085\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Markdown-safe inline text: HTML and Markdown syntax characters are escaped, lines joined. */
export function markdownText(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]{}()#+!|~])/g, '\\$1');
}

export function sizeCategory(count: number): string {
  if (count < 1000) return 'n<1K';
  if (count < 10_000) return '1K<n<10K';
  if (count < 100_000) return '10K<n<100K';
  return '100K<n<1M';
}

export interface CardClip {
  path: string;
  licence: string | null;
  attribution: string | null;
  source: string;
  durationSeconds: number;
}

export interface CardInput {
  datasetName: string;
  description: string;
  layout: ExportLayout;
  clips: readonly CardClip[];
}

function header(input: CardInput): string {
  const licences = [...new Set(input.clips.map((clip) => clip.licence).filter(isLicenceKnown))].sort();
  const hubIds = [...new Set(licences.map(hubLicenceId))].sort();
  const lines = ['---'];
  if (hubIds.length === 1) lines.push(`license: ${hubIds[0]}`);
  else lines.push('license:', ...hubIds.map((id) => `- ${id}`));
  if (hubIds.includes('other')) {
    // The Hub asks for a name and a link for `other`; the card's licence table is the link.
    lines.push('license_name: see-licences-section', 'license_link: README.md');
  }
  lines.push(
    `pretty_name: ${yamlString(input.datasetName)}`,
    'task_categories:',
    '- text-to-audio',
    'tags:',
    '- chiptune',
    '- music',
    '- genki-dama',
    'size_categories:',
    `- ${sizeCategory(input.clips.length)}`,
    '---',
  );
  return lines.join('\n');
}

function layoutSection(layout: ExportLayout): string {
  if (layout === 'audiofolder') {
    return [
      '## Layout',
      '',
      'A Hugging Face audiofolder: the audio is in `data/`, and `metadata.jsonl` has one row per clip',
      '(`file_name` relative to it, `caption`, `moods`, `instruments`, `genre`, `bpm`, `key`, `licence`,',
      '`attribution`, `source`, `duration` in seconds).',
      '',
      '```python',
      'from datasets import load_dataset',
      '',
      'ds = load_dataset("audiofolder", data_dir="path/to/this/folder")  # or the Hub repo id',
      '```',
    ].join('\n');
  }
  return [
    '## Layout',
    '',
    'The audiocraft training layout used by the Genki-Dama trainer: WAV files in `dataset/train/`, each',
    'with a `.json` beside it (`description` is the caption; `moods`, `instrument(s)`, `genre`, `bpm`,',
    '`key`, `duration`, `sample_rate`, …), and `egs/train/data.jsonl` listing every file for audiocraft.',
    '',
    '```sh',
    'python -m genki.model_trainer.train --dataset_path dataset/train',
    '```',
  ].join('\n');
}

function minutes(seconds: number): string {
  return `${(seconds / 60).toFixed(1)} minutes`;
}

export function datasetCard(input: CardInput): string {
  const total = input.clips.reduce((sum, clip) => sum + clip.durationSeconds, 0);
  const byLicence = new Map<string, number>();
  for (const clip of input.clips) {
    const licence = clip.licence?.trim() ?? '';
    byLicence.set(licence, (byLicence.get(licence) ?? 0) + 1);
  }
  const description = input.description.trim();
  const attributed = input.clips.filter((clip) => clip.attribution?.trim());
  const body = [
    `# ${markdownText(input.datasetName)}`,
    '',
    description ? markdownText(description) : 'Chiptune clips with captions, curated in Genki Studio.',
    '',
    `${input.clips.length} chiptune clips (${minutes(total)}), each with a text caption for text-to-audio`,
    'training (MusicGen fine-tuning for the Genki-Dama subnet). Exported from Genki Studio.',
    '',
    layoutSection(input.layout),
    '',
    '## Licences',
    '',
    'Each clip carries its own licence (the `licence` field). Reuse must follow the licence of every clip.',
    '',
    '| Licence | Clips |',
    '| --- | --- |',
    ...[...byLicence]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([licence, count]) => `| ${markdownText(licence)} | ${count} |`),
    '',
    '## Attribution',
    '',
    ...(attributed.length === 0
      ? ['No clip asks for attribution.']
      : attributed.map(
          (clip) =>
            `- \`${clip.path}\`: ${markdownText(clip.attribution ?? '')} (${markdownText(clip.licence ?? '')}; source: ${markdownText(clip.source)})`,
        )),
    '',
  ];
  return `${header(input)}\n\n${body.join('\n')}`;
}
