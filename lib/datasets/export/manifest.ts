/**
 * Server only: the ExportManifest the browser pushes to the Hub from. Audio comes from same-origin
 * URLs (the clip's own audio when it ships untouched, the export file route when it is rendered:
 * trimmed or converted), metadata and the card inline. Rendering happens here, once, so sizes and
 * durations in the manifest are exact; the file route then serves the cached render.
 */
import 'server-only';
import { type ExportManifest, exportManifestSchema } from '../model';
import { type ExportStorage, resolveAudio } from './export-audio';
import type { ExportClip } from './exportable';
import { suggestRepoName } from './file-names';
import { clipTextFiles, type DatasetInfo, type ExportLayout, finalTextFiles, planAudio } from './layout';

export function exportFileUrl(datasetId: string, filePath: string): string {
  return `/api/datasets/${encodeURIComponent(datasetId)}/export/files/${filePath}`;
}

export function clipAudioUrl(clipId: string): string {
  return `/api/clips/${encodeURIComponent(clipId)}/audio`;
}

const utf8Length = (text: string) => new TextEncoder().encode(text).byteLength;

export async function buildManifest(request: {
  datasetId: string;
  dataset: DatasetInfo;
  clips: readonly ExportClip[];
  layout: ExportLayout;
  storage: ExportStorage;
}): Promise<ExportManifest> {
  const { datasetId, dataset, layout, storage } = request;
  const files: ExportManifest['files'] = [];
  const exported = [];
  for (const planned of planAudio(request.clips, layout)) {
    const audio = await resolveAudio(planned, storage);
    exported.push(audio);
    files.push({
      path: audio.path,
      url: audio.render ? exportFileUrl(datasetId, audio.path) : clipAudioUrl(audio.clip.id),
      text: null,
      size: audio.facts.size,
    });
    for (const text of clipTextFiles(layout, audio)) {
      files.push({ path: text.path, url: null, text: text.text, size: utf8Length(text.text) });
    }
  }
  for (const text of finalTextFiles(layout, dataset, exported)) {
    files.push({ path: text.path, url: null, text: text.text, size: utf8Length(text.text) });
  }
  return exportManifestSchema.parse({
    datasetName: dataset.name,
    suggestedRepo: suggestRepoName(dataset.name),
    files,
  });
}
