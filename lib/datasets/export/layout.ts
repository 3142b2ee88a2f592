/**
 * What an export contains, file by file, for either layout. Pure: the zip route, the manifest
 * route and the export-file route all plan with this, so paths agree everywhere.
 *
 * Planning is two-step because a rendered (trimmed or re-encoded) file's exact duration is known
 * only once it is rendered: `planAudio` names the audio files and says which must be rendered;
 * once their facts are known, `clipTextFiles` / `finalTextFiles` write the metadata.
 *
 *   audiofolder:  data/<NNNN>-<slug>.<ext>, metadata.jsonl, README.md
 *   audiocraft:   dataset/train/<NNNN>-<slug>.wav, dataset/train/<NNNN>-<slug>.json,
 *                 egs/train/data.jsonl, README.md
 */
import { datasetCard } from './card';
import { type ExportClip, exportableClips } from './exportable';
import { exportStems } from './file-names';
import { isWholeClip, type TrimWindow } from './render';
import { audiocraftClipJson, audiocraftMetaLine, audiofolderRow, clipSource, toJsonLines } from './rows';

export const EXPORT_LAYOUTS = ['audiofolder', 'audiocraft'] as const;
export type ExportLayout = (typeof EXPORT_LAYOUTS)[number];

/** Formats whose stored bytes an audiofolder can ship as they are (the Hub viewer plays them). */
const SHIPPABLE = new Set(['wav', 'flac', 'ogg', 'mp3']);

export interface PlannedAudio {
  path: string;
  stem: string;
  clip: ExportClip;
  /** null: the stored audio goes out byte for byte; else it is rendered to WAV with this trim. */
  render: { trim: TrimWindow | null } | null;
}

/** Facts about the audio file as exported (after any rendering). */
export interface AudioFacts {
  size: number;
  durationSeconds: number;
  sampleRate: number;
}

export interface ExportedAudio extends PlannedAudio {
  facts: AudioFacts;
}

export interface TextFile {
  path: string;
  text: string;
}

export interface DatasetInfo {
  name: string;
  description: string;
}

export function isExportLayout(value: string | null): value is ExportLayout {
  return value !== null && (EXPORT_LAYOUTS as readonly string[]).includes(value);
}

/** The extension of the stored audio, or null when it cannot ship as is (unknown format). */
export function storedExtension(clip: Pick<ExportClip, 'format' | 'isRenderedModule'>): string | null {
  if (clip.isRenderedModule) return 'wav';
  const format = clip.format.toLowerCase();
  return SHIPPABLE.has(format) ? format : null;
}

export function audioFolderFor(layout: ExportLayout): string {
  return layout === 'audiofolder' ? 'data' : 'dataset/train';
}

export function planAudio(clips: readonly ExportClip[], layout: ExportLayout): PlannedAudio[] {
  const exportable = exportableClips(clips);
  const stems = exportStems(exportable.map((clip) => clip.fileName));
  return exportable.map((clip, index) => {
    const stem = stems[index] ?? `${index + 1}-clip`;
    const trimmed = !isWholeClip(clip.trim, clip.durationSeconds);
    const stored = storedExtension(clip);
    // The Genki-Dama trainer lists `*.wav` only: the audiocraft layout is all WAV.
    const needsWav = stored === null || (layout === 'audiocraft' && stored !== 'wav');
    const render = trimmed || needsWav ? { trim: trimmed ? clip.trim : null } : null;
    const extension = render ? 'wav' : (stored ?? 'wav');
    return { path: `${audioFolderFor(layout)}/${stem}.${extension}`, stem, clip, render };
  });
}

/** Files written beside each audio file as soon as it is exported (audiocraft's `<clip>.json`). */
export function clipTextFiles(layout: ExportLayout, audio: ExportedAudio): TextFile[] {
  if (layout !== 'audiocraft') return [];
  const json = audiocraftClipJson(audio.clip, audio.stem, audio.facts);
  return [{ path: audio.path.replace(/\.wav$/, '.json'), text: `${JSON.stringify(json, null, 2)}\n` }];
}

/** Files written once every audio file is known: the metadata index and the dataset card. */
export function finalTextFiles(
  layout: ExportLayout,
  dataset: DatasetInfo,
  audios: readonly ExportedAudio[],
): TextFile[] {
  const card = datasetCard({
    datasetName: dataset.name,
    description: dataset.description,
    layout,
    clips: audios.map((audio) => ({
      path: audio.path,
      licence: audio.clip.licence,
      attribution: audio.clip.attribution,
      source: clipSource(audio.clip),
      durationSeconds: audio.facts.durationSeconds,
    })),
  });
  if (layout === 'audiofolder') {
    // file_name is relative to metadata.jsonl, which sits at the root beside data/.
    const rows = audios.map((audio) => audiofolderRow(audio.clip, audio.path, audio.facts.durationSeconds));
    return [
      { path: 'metadata.jsonl', text: toJsonLines(rows) },
      { path: 'README.md', text: card },
    ];
  }
  const lines = audios.map((audio) => audiocraftMetaLine(audio.path, audio.facts));
  return [
    { path: 'egs/train/data.jsonl', text: toJsonLines(lines) },
    { path: 'README.md', text: card },
  ];
}

/** The planned audio file at `filePath` in either layout (the export file route serves only these). */
export function findPlannedAudio(clips: readonly ExportClip[], filePath: string): PlannedAudio | undefined {
  for (const layout of EXPORT_LAYOUTS) {
    if (!filePath.startsWith(`${audioFolderFor(layout)}/`)) continue;
    return planAudio(clips, layout).find((planned) => planned.path === filePath);
  }
  return undefined;
}
