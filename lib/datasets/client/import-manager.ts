/**
 * The import manager: one per page load, at module level, so imports go on while the person moves
 * around the app. Files and zips go through the same steps:
 *
 *   classify + limit checks → SHA-256 in a worker → POST the item list (the server marks duplicates)
 *   → stash each pending file in OPFS → PUT the bytes, 2 at a time, with byte progress.
 *
 * A bad file never blocks the others: it is refused with a reason at whichever step found the
 * problem, and the rest go ahead. Server-side state (processing, done, failed) is read through
 * react-query; this module only invalidates those queries when it knows something changed.
 * Uploading is in import-uploads.ts; Retry and resuming after a reload in import-retry.ts.
 */
import type { ImportItem } from '../model';
import { createImport } from './import-api';
import { checkImportLimits, classifyEntry, findBatchDuplicates } from './import-entries';
import { type MetadataCaptions, readMetadataCaptions } from './import-metadata';
import { type LocalImport, putImport, rekeyImport, updateImport } from './import-store';
import { enqueueUpload, finishWhenIdle, invalidateImport, keepInMemory } from './import-uploads';
import { hashFiles, readZip } from './import-worker-client';
import { stashAvailable, stashFile } from './opfs-stash';

export interface PickedFile {
  file: File;
  /** Relative path inside the dropped folder ("album/track.wav"), or the bare file name. */
  path: string;
}

interface Candidate {
  path: string;
  fileName: string;
  data: Blob;
  size: number;
  sha256: string;
  caption?: string;
}

let draftCounter = 0;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function newDraft(datasetId: string, label: string, phase: LocalImport['phase']): LocalImport {
  const draft: LocalImport = {
    key: `local-${++draftCounter}`,
    importId: null,
    datasetId,
    label,
    phase,
    prepared: null,
    error: null,
    refused: [],
    warnings: [],
    skipped: 0,
    items: new Map(),
    resumable: false,
    stashing: false,
    resumed: false,
  };
  putImport(draft);
  return draft;
}

function labelFor(picked: readonly PickedFile[]): string {
  const tops = new Set(picked.map((entry) => (entry.path.includes('/') ? entry.path.split('/')[0] : '')));
  const [top] = tops;
  if (tops.size === 1 && top) return top;
  return picked.length === 1 ? (picked[0]?.file.name ?? '1 file') : `${picked.length} files`;
}

/** Files or a dropped folder: everything from classification to upload. */
export async function importFiles(datasetId: string, picked: readonly PickedFile[]): Promise<void> {
  const draft = newDraft(datasetId, labelFor(picked), 'hashing');
  try {
    const captions: MetadataCaptions = { captions: new Map(), warnings: [] };
    const audio: { path: string; fileName: string; file: File; size: number }[] = [];
    for (const { file, path } of picked) {
      const verdict = classifyEntry({ name: path });
      if (verdict.kind === 'audio')
        audio.push({ path: verdict.path, fileName: verdict.fileName, file, size: file.size });
      else if (verdict.kind === 'metadata') {
        readMetadataCaptions(verdict.path, await file.text(), verdict.format, captions);
      } else if (verdict.kind === 'reject')
        draft.refused.push({ path: verdict.path, reason: verdict.reason });
      else draft.skipped++;
    }
    draft.warnings.push(...captions.warnings);
    const limits = checkImportLimits(audio);
    if (limits.fatal) throw new Error(limits.fatal);
    draft.refused.push(...limits.refused);
    updateImport(draft.key, { prepared: { done: 0, total: limits.accepted.length } });
    const hashed: Candidate[] = [];
    let done = 0;
    await hashFiles(
      limits.accepted.map((entry) => entry.file),
      (index, sha256, error) => {
        const entry = limits.accepted[index];
        if (!entry) return;
        if (sha256) {
          const caption = captions.captions.get(entry.path);
          hashed.push({ ...entry, data: entry.file, sha256, ...(caption ? { caption } : {}) });
        } else
          draft.refused.push({
            path: entry.path,
            reason: `it could not be read (${error ?? 'unknown error'})`,
          });
        updateImport(draft.key, { prepared: { done: ++done, total: limits.accepted.length } });
      },
    );
    await submit(draft, 'files', hashed);
  } catch (error) {
    updateImport(draft.key, { phase: 'failed', error: message(error) });
  }
}

/** A zip: read in the worker (entry checks, metadata captions, hashes), then the same upload path. */
export async function importZip(datasetId: string, zip: File): Promise<void> {
  const draft = newDraft(datasetId, zip.name, 'reading');
  try {
    const entries: Candidate[] = [];
    const result = await readZip(zip, {
      onEntry: (entry) =>
        entries.push({
          path: entry.path,
          fileName: entry.fileName,
          data: entry.file,
          size: entry.file.size,
          sha256: entry.sha256,
        }),
      onRefused: (path, reason) => draft.refused.push({ path, reason }),
      onProgress: (done, total) => updateImport(draft.key, { prepared: { done, total } }),
    });
    for (const entry of entries) {
      const caption = result.captions.get(entry.path);
      if (caption) entry.caption = caption;
    }
    draft.warnings.push(...result.warnings);
    draft.skipped = result.skipped;
    await submit(draft, 'zip', entries);
  } catch (error) {
    updateImport(draft.key, { phase: 'failed', error: `${zip.name}: ${message(error)}` });
  }
}

async function submit(draft: LocalImport, kind: 'files' | 'zip', candidates: Candidate[]) {
  const { unique, duplicates } = findBatchDuplicates(candidates);
  for (const { item, of } of duplicates) {
    draft.refused.push({ path: item.path, reason: `same bytes as ${of.path} in this import` });
  }
  if (unique.length === 0) {
    throw new Error(
      candidates.length === 0 && draft.refused.length === 0
        ? 'No audio files found. Supported: WAV, FLAC, Ogg Vorbis, MP3 and tracker modules (MOD, XM, S3M, IT).'
        : 'None of the files can be imported (see the reasons below).',
    );
  }
  updateImport(draft.key, { phase: 'creating' });
  const job = await createImport(draft.datasetId, {
    kind,
    label: draft.label.slice(0, 200),
    items: unique.map((entry) => ({
      fileName: entry.fileName,
      relativePath: entry.path === entry.fileName ? null : entry.path,
      size: entry.size,
      sha256: entry.sha256,
      ...(entry.caption ? { caption: entry.caption } : {}),
    })),
  });
  rekeyImport(draft.key, job.id);
  const byKey = new Map(unique.map((entry) => [`${entry.path}\u0000${entry.sha256}`, entry]));
  const pending: { item: ImportItem; data: Blob }[] = [];
  job.items.forEach((item, index) => {
    const entry = byKey.get(`${item.relativePath ?? item.fileName}\u0000${item.sha256}`) ?? unique[index];
    if (item.state === 'pending' && entry) pending.push({ item, data: entry.data });
  });
  const resumable = await stashAvailable();
  updateImport(job.id, { phase: 'uploading', prepared: null, resumable });
  invalidateImport(draft.datasetId, job.id);
  for (const { item } of pending) {
    draft.items.set(item.id, {
      itemId: item.id,
      fileName: item.fileName,
      size: item.size,
      loaded: 0,
      state: 'waiting',
      error: null,
    });
  }
  updateImport(job.id, { stashing: true });
  // Stash first, then queue: a reload after this point resumes from OPFS. Uploads start as soon as
  // the first file is stashed, so the two overlap.
  for (const { item, data } of pending) {
    const kept = resumable && (await stashFile(job.id, item.id, data));
    if (!kept) {
      keepInMemory(job.id, item.id, data);
      if (resumable) updateImport(job.id, { resumable: false });
    }
    enqueueUpload(draft.datasetId, job.id, item.id);
  }
  updateImport(job.id, { stashing: false });
  void finishWhenIdle(job.id);
}
