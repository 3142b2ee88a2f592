/**
 * Which clips an export contains, and what blocks it. Pure: shared by the zip route, the manifest
 * route and tests, so "blocked" means the same thing everywhere.
 *
 * Exportable = every clip not skipped or reported. An export is blocked while any exportable clip
 * has no known licence (we cannot publish what we may not redistribute), an empty caption (the
 * caption is the training text) or a trim that selects no audio, or when nothing is left to export.
 */
import type { z } from 'zod';
import type { Clip, exportBlockedSchema } from '../model';

export type ExportBlocked = z.infer<typeof exportBlockedSchema>;

/** The clip fields an export reads (routes pass full Clips; tests may build smaller objects). */
export type ExportClip = Pick<
  Clip,
  | 'id'
  | 'position'
  | 'fileName'
  | 'sourcePath'
  | 'audioSha256'
  | 'format'
  | 'isRenderedModule'
  | 'sampleRate'
  | 'channels'
  | 'durationSeconds'
  | 'status'
  | 'caption'
  | 'tags'
  | 'licence'
  | 'attribution'
  | 'trim'
>;

/** Licence values that mean "nobody knows" (SPDX's NOASSERTION included). */
const UNKNOWN_LICENCES = new Set(['', 'unknown', 'none', 'noassertion', 'n/a', '?']);

export function isLicenceKnown(licence: string | null): licence is string {
  return licence !== null && !UNKNOWN_LICENCES.has(licence.trim().toLowerCase());
}

export function exportableClips<T extends Pick<Clip, 'status' | 'position'>>(clips: readonly T[]): T[] {
  return clips
    .filter((clip) => clip.status !== 'skipped' && clip.status !== 'reported')
    .sort((a, b) => a.position - b.position);
}

function listNames(names: readonly string[], max = 5): string {
  const shown = names.slice(0, max).map((name) => `"${name}"`);
  const more = names.length > max ? ` and ${names.length - max} more` : '';
  return `${shown.join(', ')}${more}`;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * The 409 body when the export may not run yet, else null. The message says how many clips and
 * which (the first few by name), and what to do; `clips` lists every one with its reason.
 */
export function findExportBlockers(clips: readonly ExportClip[]): ExportBlocked | null {
  const exportable = exportableClips(clips);
  if (exportable.length === 0) {
    return {
      error: {
        code: 'export_blocked',
        message:
          clips.length === 0
            ? 'This dataset has no clips yet: import some audio before exporting.'
            : 'Every clip in this dataset is skipped or reported, so there is nothing to export.',
        clips: [],
      },
    };
  }
  const blocked: ExportBlocked['error']['clips'] = [];
  const noLicence: string[] = [];
  const noCaption: string[] = [];
  const badTrim: string[] = [];
  for (const clip of exportable) {
    const reasons: string[] = [];
    if (!isLicenceKnown(clip.licence)) {
      reasons.push('unknown licence');
      noLicence.push(clip.fileName);
    }
    if (clip.caption.trim() === '') {
      reasons.push('empty caption');
      noCaption.push(clip.fileName);
    }
    if (clip.trim && clip.trim.start >= clip.durationSeconds) {
      reasons.push('trim starts after the end of the audio');
      badTrim.push(clip.fileName);
    }
    if (reasons.length > 0)
      blocked.push({ id: clip.id, fileName: clip.fileName, reason: reasons.join(', ') });
  }
  if (blocked.length === 0) return null;
  const parts: string[] = [];
  if (noLicence.length > 0) {
    parts.push(
      `${plural(noLicence.length, 'clip has', 'clips have')} no known licence (${listNames(noLicence)})`,
    );
  }
  if (noCaption.length > 0) {
    parts.push(
      `${plural(noCaption.length, 'clip has', 'clips have')} an empty caption (${listNames(noCaption)})`,
    );
  }
  if (badTrim.length > 0) {
    parts.push(
      `${plural(badTrim.length, 'clip has a trim', 'clips have trims')} past the end of the audio (${listNames(badTrim)})`,
    );
  }
  return {
    error: {
      code: 'export_blocked',
      message:
        `${plural(blocked.length, 'clip blocks', 'clips block')} the export: ${parts.join('; ')}. ` +
        'Fix each of them (licence, caption, trim), or skip those clips.',
      clips: blocked,
    },
  };
}
