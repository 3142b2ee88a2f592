/**
 * Server only: importing a Hugging Face DATASET repo (audiofolder layout) into a dataset.
 *
 * `startHubImport` does everything that can fail as a whole before any job exists, so a bad
 * repo id, an unknown revision, a private or missing repo, a Hub that does not answer, or
 * metadata we cannot read is one clear HTTP error and nothing is half-imported: it resolves the
 * revision to a commit, lists the files, reads the metadata (and the card's licence), and creates
 * an import job with one item per metadata row ('hub' kind, captions as 'imported'). Rows whose
 * file is absent, outside the repo or in a format we cannot decode become failed items at once.
 *
 * The downloads then run in the background (hub-download.ts), one file at a time through the
 * HubCache (repo type 'dataset': size and hash verified), each handed to the import pipeline.
 */
import 'server-only';
import fs from 'node:fs/promises';
import type { Db } from '../../db';
import { PublicError } from '../../http/errors';
import { HubError } from '../../hub/errors';
import { assertRepoId, assertRevision, HubNameError } from '../../hub/names';
import { HubCache, type RepoSnapshot } from '../../hub/repo-cache';
import type { DatasetRecord } from '../datasets-store';
import { failItem } from '../import-items';
import { findImportJob } from '../import-rows';
import { createImportJob, type NewImportItem } from '../imports-store';
import { DATASET_LIMITS, type ImportJob } from '../model';
import { downloadHubItems, type HubImportDeps, type SidecarItem, writeSidecar } from './hub-download';
import {
  cardLicence,
  extensionOf,
  findMetadataFiles,
  HubMetadataError,
  IMPORTABLE_EXTENSIONS,
  type MetadataRow,
  parseMetadata,
  toSpdx,
} from './metadata';

export type { HubImportDeps } from './hub-download';

/** Metadata files larger than this are not an audiofolder we can take in one import. */
const MAX_METADATA_BYTES = 32 * 1024 * 1024;
export const HUB_IMPORT_OFFLINE_HINT = 'Check GENKI_HF_HUB_URL and the network, then start the import again.';

export function hubCacheFor(deps: HubImportDeps): HubCache {
  return new HubCache({
    cacheDir: deps.cacheDir,
    hubUrl: deps.hubUrl,
    fetch: deps.fetch,
    timeoutMs: deps.timeoutMs,
    offlineHint: HUB_IMPORT_OFFLINE_HINT,
  });
}

/** HubErrors as answers to the importing browser: 404 for what is not there, 502 for a Hub failure. */
export function hubPublicError(error: unknown): unknown {
  if (error instanceof HubNameError) return new PublicError('invalid_request', error.message, 400);
  if (error instanceof HubMetadataError) return new PublicError('bad_metadata', error.message, 422);
  if (!(error instanceof HubError)) return error;
  if (error.code === 'not_found' || error.code === 'forbidden') {
    return new PublicError('hub_not_found', error.message, 404);
  }
  return new PublicError('hub_failed', error.message, 502);
}

async function readText(snapshot: RepoSnapshot, filePath: string): Promise<string> {
  const local = (await snapshot.ensure([filePath])).get(filePath);
  return local ? fs.readFile(local, 'utf8') : '';
}

interface PlannedItem {
  item: NewImportItem;
  /** Why the row cannot be imported (the item is failed with this), or null. */
  problem: string | null;
  sidecar: Omit<SidecarItem, 'itemId'> | null;
}

function planItem(
  snapshot: RepoSnapshot,
  row: MetadataRow,
  metadataPath: string,
  defaultLicence: string | null,
): PlannedItem {
  const display = (row.path ?? row.fileName).split('/').pop() || row.fileName;
  const base = {
    fileName: display.slice(0, 255),
    relativePath: (row.path ?? row.fileName).slice(0, 1024),
    caption: row.caption || undefined,
  };
  const entry = row.path ? snapshot.files.get(row.path) : undefined;
  const fail = (problem: string): PlannedItem => ({
    item: { ...base, size: 0, sha256: null },
    problem,
    sidecar: null,
  });
  if (!row.path)
    return fail(`${metadataPath} points outside the repo (${JSON.stringify(row.fileName.slice(0, 200))}).`);
  if (!entry)
    return fail(`Listed in ${metadataPath} but not in ${snapshot.repo} at ${snapshot.commit.slice(0, 12)}.`);
  const extension = extensionOf(row.path);
  if (!IMPORTABLE_EXTENSIONS.has(extension)) {
    return fail(
      `.${extension || '(none)'} files cannot be imported: use WAV, FLAC, Ogg Vorbis, MP3 or a tracker module.`,
    );
  }
  const licence = row.licence ? toSpdx(row.licence) : defaultLicence;
  return {
    // An LFS file's oid is the SHA-256 of its content: duplicates are found before downloading.
    item: { ...base, size: entry.lfs?.size ?? entry.size, sha256: entry.lfs?.oid ?? null },
    problem: null,
    sidecar: { path: row.path, licence, attribution: row.attribution },
  };
}

export interface StartedHubImport {
  job: ImportJob;
  /** Settles when every download has been handed over (or failed); never rejects. */
  done: Promise<void>;
}

export async function startHubImport(
  deps: HubImportDeps,
  db: Db,
  dataset: DatasetRecord,
  request: { repo: string; revision: string },
): Promise<StartedHubImport> {
  try {
    assertRepoId(request.repo);
    assertRevision(request.revision);
    const snapshot = await hubCacheFor(deps).snapshot(request.repo, request.revision, 'dataset');
    const paths = [...snapshot.files.keys()];
    const metadataFiles = findMetadataFiles(paths);
    if (metadataFiles.length === 0) {
      throw new PublicError(
        'not_audiofolder',
        `${request.repo}@${request.revision} has no metadata.jsonl or metadata.csv, so there are no captions to import. ` +
          'Genki Studio imports Hugging Face audiofolder datasets: audio files plus a metadata file with file_name and a caption column.',
        422,
      );
    }
    const rows: { row: MetadataRow; metadataPath: string }[] = [];
    for (const metadataPath of metadataFiles) {
      const size = snapshot.files.get(metadataPath)?.size ?? 0;
      if (size > MAX_METADATA_BYTES) {
        throw new PublicError(
          'bad_metadata',
          `${metadataPath} is ${Math.round(size / 2 ** 20)} MiB; the limit is 32 MiB.`,
          422,
        );
      }
      const parsed = parseMetadata(metadataPath, await readText(snapshot, metadataPath));
      for (const row of parsed.rows) rows.push({ row, metadataPath });
    }
    const seen = new Set<string>();
    const unique = rows.filter(({ row }) => {
      const key = row.path ?? `?${row.fileName}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (unique.length === 0)
      throw new PublicError('bad_metadata', `The metadata of ${request.repo} lists no files.`, 422);
    if (unique.length > DATASET_LIMITS.maxFilesPerImport) {
      throw new PublicError(
        'too_many_files',
        `${request.repo} lists ${unique.length} files; one import takes at most ${DATASET_LIMITS.maxFilesPerImport}.`,
        422,
      );
    }
    const readme = snapshot.has('README.md') ? await readText(snapshot, 'README.md') : '';
    const card = cardLicence(readme);
    const planned = unique.map(({ row, metadataPath }) =>
      planItem(snapshot, row, metadataPath, card ? toSpdx(card) : null),
    );
    const label = `${request.repo}@${request.revision}`.slice(0, 200);
    const job = createImportJob(db, dataset, { kind: 'hub', label, items: planned.map((plan) => plan.item) });
    const sidecar: SidecarItem[] = [];
    for (const [index, plan] of planned.entries()) {
      const item = job.items.find((candidate) => candidate.position === index);
      if (!item) continue;
      if (plan.problem) failItem(db, item.id, plan.problem);
      else if (plan.sidecar && item.state === 'pending') sidecar.push({ itemId: item.id, ...plan.sidecar });
    }
    await writeSidecar(deps, job.id, {
      version: 1,
      repo: request.repo,
      commit: snapshot.commit,
      items: sidecar,
    });
    const done = downloadHubItems(deps, db, job.id).then(
      () => undefined,
      (error: unknown) => {
        console.error(`[genki] Hub import ${job.id} stopped:`, error);
      },
    );
    return { job: findImportJob(db, job.id) ?? job, done };
  } catch (error) {
    throw hubPublicError(error);
  }
}
