/**
 * Server only: the Hub import wired to this server (configured Hub URL, data directory, the import
 * pipeline), plus `resumeHubImport` for the retry route and start-up.
 *
 * Retrying a failed Hub file: the retry route moves an item without bytes back to 'pending'; for a
 * 'hub' import it should then call `resumeHubImport(importId)`, which downloads it again.
 */
import 'server-only';
import path from 'node:path';
import { getDb } from '../../db';
import { getConfig } from '../../env';
import { getBlobStore } from '../blob-store';
import { waitForPipelineIdle } from '../pipeline/clip-pipeline';
import { acceptItemBytes } from '../pipeline/ingest';
import { downloadHubItems, type HubImportDeps } from './hub-download';

export function defaultHubImportDeps(): HubImportDeps {
  const config = getConfig();
  const dataDir = path.resolve(config.dataDir);
  return {
    hubUrl: config.hfHubUrl,
    cacheDir: path.join(dataDir, 'hub-cache'),
    stateDir: path.join(dataDir, 'hub-imports'),
    accept: (item, bytes) => {
      acceptItemBytes(getDb(), getBlobStore(), item, bytes);
    },
    waitIdle: waitForPipelineIdle,
  };
}

/** Downloads the pending files of a Hub import in the background (a no-op for other imports). */
export function resumeHubImport(importId: string): void {
  void downloadHubItems(defaultHubImportDeps(), getDb(), importId).catch((error: unknown) => {
    console.error(`[genki] Hub import ${importId} stopped:`, error);
  });
}

/**
 * At server start: resumes every Hub import that still has files waiting for download (a restart
 * interrupted it). Returns how many imports were resumed.
 */
export function resumeAllHubImports(): number {
  const rows = getDb()
    .prepare(
      `SELECT DISTINCT i.import_id AS id FROM import_items i JOIN imports m ON m.id = i.import_id
       WHERE m.kind = 'hub' AND i.state = 'pending'`,
    )
    .all() as { id: string }[];
  for (const row of rows) resumeHubImport(row.id);
  return rows.length;
}
