/**
 * Server only: the request handling shared by the export routes (zip, manifest, files). Reads are
 * not mutations, so there is no Origin check, but the contract's read rule holds (lib/datasets/
 * access.ts): a private dataset is visible to its owner's session only; anyone else gets 404.
 */
import 'server-only';
import { getDb } from '../../db';
import { getConfig } from '../../env';
import { errorBody, errorResponse, PublicError } from '../../http/errors';
import { exportCacheDir } from '../../storage/paths';
import { readableDataset } from '../access';
import { getBlobStore } from '../blob-store';
import { listClips } from '../clips-store';
import type { DatasetRecord } from '../datasets-store';
import { viewerOf } from '../http/viewer';
import type { Clip } from '../model';
import { type ExportStorage, ExportStorageError } from './export-audio';
import { ExportTooLargeError } from './export-zip';
import { findExportBlockers } from './exportable';
import { EXPORT_LAYOUTS, type ExportLayout, isExportLayout } from './layout';
import { ExportRenderError } from './render';

export const NO_STORE = { 'cache-control': 'no-store' } as const;

export function exportStorage(): ExportStorage {
  const blobs = getBlobStore();
  return {
    blobPath: (sha256) => blobs.pathFor(sha256),
    cacheDir: exportCacheDir(getConfig().dataDir),
  };
}

/** The dataset and its clips, or a 404 PublicError when the viewer may not see it. */
export function loadDataset(request: Request, id: string): { dataset: DatasetRecord; clips: Clip[] } {
  const db = getDb();
  const dataset = readableDataset(db, id, viewerOf(request));
  return { dataset, clips: listClips(db, dataset.id) };
}

export function layoutParam(request: Request, fallback: ExportLayout | null): ExportLayout {
  const value = new URL(request.url).searchParams.get('format') ?? fallback;
  if (!isExportLayout(value)) {
    throw new PublicError(
      'invalid_request',
      `Choose an export format: ?format=${EXPORT_LAYOUTS.join(' or ?format=')}.`,
    );
  }
  return value;
}

/** 409 with the contract's ExportBlocked body, or null when the export may run. */
export function blockedResponse(clips: readonly Clip[]): Response | null {
  const blocked = findExportBlockers(clips);
  return blocked ? Response.json(blocked, { status: 409, headers: NO_STORE }) : null;
}

/** Export failures that are the data's fault get a specific status and message; the rest are 500s. */
export function exportErrorResponse(error: unknown): Response {
  if (error instanceof ExportTooLargeError) {
    return Response.json(errorBody('export_too_large', error.message), { status: 413, headers: NO_STORE });
  }
  if (error instanceof ExportRenderError) {
    return Response.json(errorBody('export_failed', error.message), { status: 422, headers: NO_STORE });
  }
  if (error instanceof ExportStorageError) {
    console.error('[genki] export storage error:', error);
    return Response.json(errorBody('export_failed', `${error.message} Re-import the clip or skip it.`), {
      status: 500,
      headers: NO_STORE,
    });
  }
  return errorResponse(error);
}
