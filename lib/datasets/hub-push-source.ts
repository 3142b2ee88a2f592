/**
 * Reading an export's files from Genki Studio for the Hub push (browser-safe): same-origin URLs
 * with the session cookie and never the Hub token, read as streams for byte progress, checked
 * against the manifest's sizes. A failure here is the studio's, and says so.
 */

import { HubPushError } from './hub-push-errors';
import type { ExportManifest } from './model';

export interface SourceOptions {
  /** Base for the manifest's relative URLs (defaults to the page's origin). */
  baseUrl?: string;
  /** Fetch for Genki Studio's own URLs (defaults to the global fetch, same-origin credentials). */
  fetchFile?: typeof fetch;
  signal?: AbortSignal;
}

function defaultBase(): string | undefined {
  const location = (globalThis as { location?: { origin?: string } }).location;
  return location?.origin;
}

/** Runs a read from Genki Studio: a network failure there is the studio's, not the Hub's. */
async function fromStudio<T>(
  filePath: string,
  signal: AbortSignal | undefined,
  read: () => Promise<T>,
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    // A cancelled push stays an abort (toPushError reports it as such).
    if (signal?.aborted) throw error;
    throw new HubPushError(
      'source_failed',
      `Could not read ${filePath} from Genki Studio (${error instanceof Error ? error.message : String(error)}); check the connection and push again.`,
      undefined,
      { cause: error },
    );
  }
}

export async function readFile(
  file: ExportManifest['files'][number],
  options: SourceOptions,
  onBytes: (bytes: number) => void,
): Promise<Blob> {
  if (file.text !== null) {
    const blob = new Blob([file.text], { type: 'text/plain' });
    onBytes(blob.size);
    return blob;
  }
  if (file.url === null)
    throw new HubPushError('invalid', `The manifest gives neither a URL nor text for ${file.path}.`);
  const base = options.baseUrl ?? defaultBase();
  const url = base ? new URL(file.url, base).href : file.url;
  const response = await fromStudio(file.path, options.signal, () =>
    (options.fetchFile ?? fetch)(url, { credentials: 'same-origin', signal: options.signal }),
  );

  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new HubPushError(
      'source_failed',
      `Genki Studio answered HTTP ${response.status} for ${file.path}; reload the page and push again.`,
      response.status,
    );
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await fromStudio(file.path, options.signal, () => reader.read());
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    onBytes(value.byteLength);
  }
  if (size !== file.size) {
    throw new HubPushError(
      'source_failed',
      `${file.path} is ${size} bytes, but the export listed ${file.size}: the dataset changed while pushing. Push again.`,
    );
  }
  return new Blob(chunks as BlobPart[]);
}
