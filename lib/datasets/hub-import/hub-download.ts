/**
 * Server only: the background half of a Hub import. Downloads every still-pending item of a 'hub'
 * import job, one file at a time through the HubCache (size and hash checked), and hands the bytes
 * to the import pipeline; afterwards it gives the new clips the licence and attribution the
 * metadata (or the dataset card) declared.
 *
 * What to download is kept in a sidecar file (<dataDir>/hub-imports/<importId>.json: repo, commit,
 * item → repo path, licence, attribution), so `resumeHubImport` can run again after a restart or a
 * retry: it only touches items that are 'pending'. A file the Hub cannot serve fails its own item;
 * a Hub that stops answering fails the current and every remaining item with a message saying so,
 * so nothing is left silently half-imported.
 */
import 'server-only';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Db } from '../../db';
import { HubError } from '../../hub/errors';
import { HubCache } from '../../hub/repo-cache';
import { updateClip } from '../clips-store';
import { failItem } from '../import-items';
import { findItem, type ItemDbRow } from '../import-rows';

export interface HubImportDeps {
  hubUrl: string;
  /** The HubCache folder (<dataDir>/hub-cache). */
  cacheDir: string;
  /** Where import sidecars live (<dataDir>/hub-imports). */
  stateDir: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Hands one downloaded file to the import pipeline (acceptItemBytes in production). */
  accept(item: ItemDbRow, bytes: Uint8Array): void;
  /** Resolves once the pipeline has processed everything queued (waitForPipelineIdle). */
  waitIdle(): Promise<void>;
}

const sidecarItemSchema = z.object({
  itemId: z.string(),
  path: z.string(),
  licence: z.string().nullable(),
  attribution: z.string().nullable(),
});
const sidecarSchema = z.object({
  version: z.literal(1),
  repo: z.string(),
  commit: z.string().regex(/^[0-9a-f]{40}$/),
  items: z.array(sidecarItemSchema),
});
export type SidecarItem = z.infer<typeof sidecarItemSchema>;
export type Sidecar = z.infer<typeof sidecarSchema>;

export interface HubImportProgress {
  path: string | null;
  bytes: number;
  totalBytes: number;
  files: number;
  totalFiles: number;
}

const progressByImport = new Map<string, HubImportProgress>();

/** Download progress of a running Hub import (in memory; undefined when none is running). */
export function hubImportProgress(importId: string): HubImportProgress | undefined {
  return progressByImport.get(importId);
}

function sidecarPath(deps: HubImportDeps, importId: string): string {
  if (!/^imp_[A-Za-z0-9]{10,32}$/.test(importId)) throw new Error(`Not an import id: ${importId}`);
  return path.join(path.resolve(deps.stateDir), `${importId}.json`);
}

export async function writeSidecar(deps: HubImportDeps, importId: string, sidecar: Sidecar): Promise<void> {
  const file = sidecarPath(deps, importId);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${randomBytes(6).toString('hex')}.partial`;
  await fs.writeFile(temp, JSON.stringify(sidecar));
  await fs.rename(temp, file);
}

export async function readSidecar(deps: HubImportDeps, importId: string): Promise<Sidecar | undefined> {
  try {
    return sidecarSchema.parse(JSON.parse(await fs.readFile(sidecarPath(deps, importId), 'utf8')));
  } catch {
    return undefined;
  }
}

const isOutage = (error: unknown) =>
  error instanceof HubError &&
  (error.code === 'unreachable' || error.code === 'timeout' || error.code === 'aborted');

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Downloads the pending items of a Hub import; returns how many files were handed over. */
export async function downloadHubItems(deps: HubImportDeps, db: Db, importId: string): Promise<number> {
  const sidecar = await readSidecar(deps, importId);
  if (!sidecar) return 0;
  const pending = sidecar.items.filter((entry) => findItem(db, entry.itemId)?.state === 'pending');
  if (pending.length === 0) return 0;
  const cache = new HubCache({
    cacheDir: deps.cacheDir,
    hubUrl: deps.hubUrl,
    fetch: deps.fetch,
    timeoutMs: deps.timeoutMs,
    offlineHint: 'Retry the failed files once the Hub is reachable.',
  });
  const progress: HubImportProgress = {
    path: null,
    bytes: 0,
    totalBytes: 0,
    files: 0,
    totalFiles: pending.length,
  };
  progressByImport.set(importId, progress);
  let handed = 0;
  try {
    // The commit is pinned: its listing is cached, so this needs no network when it was just listed.
    const snapshot = await cache.snapshot(sidecar.repo, sidecar.commit, 'dataset');
    progress.totalBytes = pending.reduce((sum, entry) => {
      const file = snapshot.files.get(entry.path);
      return sum + (file?.lfs?.size ?? file?.size ?? 0);
    }, 0);
    for (const [index, entry] of pending.entries()) {
      const item = findItem(db, entry.itemId);
      if (item?.state !== 'pending') continue;
      progress.path = entry.path;
      try {
        const base = progress.bytes;
        const fetchBytes = async () => {
          const local = (
            await snapshot.ensure([entry.path], (event) => {
              progress.bytes = base + event.fileBytes;
            })
          ).get(entry.path);
          if (!local) throw new Error(`${entry.path} was not downloaded.`);
          return { local, bytes: new Uint8Array(await fs.readFile(local)) };
        };
        // Another import of the same repo may remove the cached copy between ensure and read: once more.
        const { local, bytes } = await fetchBytes().catch((error: unknown) =>
          (error as NodeJS.ErrnoException).code === 'ENOENT' ? fetchBytes() : Promise.reject(error),
        );
        deps.accept(item, bytes);
        handed++;
        // The blob store has the bytes now; the cached copy would only double the disk use.
        await fs.rm(local, { force: true });
      } catch (error) {
        if (isOutage(error)) {
          const message = `The Hugging Face Hub stopped answering while this import downloaded ${entry.path}: ${describe(error)}`;
          for (const rest of pending.slice(index)) {
            if (findItem(db, rest.itemId)?.state === 'pending')
              failItem(db, rest.itemId, `${message} Retry this file.`);
          }
          break;
        }
        failItem(db, item.id, `Downloading ${entry.path} from the Hub failed: ${describe(error)}`);
      } finally {
        progress.files++;
      }
    }
  } catch (error) {
    // The listing itself failed (the Hub went away between the request and the download).
    for (const entry of pending) {
      if (findItem(db, entry.itemId)?.state === 'pending')
        failItem(db, entry.itemId, `${describe(error)} Retry this file.`);
    }
  } finally {
    progressByImport.delete(importId);
  }
  await deps.waitIdle();
  applyLicences(db, sidecar.items);
  return handed;
}

/** Licence and attribution from the metadata, on clips that do not have one yet. */
function applyLicences(db: Db, items: readonly SidecarItem[]): void {
  for (const entry of items) {
    if (!entry.licence && !entry.attribution) continue;
    const item = findItem(db, entry.itemId);
    if (item?.state !== 'done' || !item.clip_id) continue;
    const clip = db.prepare('SELECT licence, attribution FROM clips WHERE id = ?').get(item.clip_id) as
      | { licence: string | null; attribution: string | null }
      | undefined;
    if (!clip) continue;
    updateClip(db, item.clip_id, {
      ...(clip.licence === null && entry.licence ? { licence: entry.licence } : {}),
      ...(clip.attribution === null && entry.attribution ? { attribution: entry.attribution } : {}),
    });
  }
}
