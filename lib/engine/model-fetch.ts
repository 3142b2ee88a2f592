/**
 * Browser side of model loading: fetch a model file from the app's own /api/models route with byte
 * progress, through Cache Storage so a model downloads once per browser. URLs carry the file's
 * content id (?v=<etag>), so a cached entry can never be stale.
 */
import type { ModelManifest } from './protocol';

export const MODEL_CACHE_NAME = 'genki-models-v1';

export type FileProgress = (loaded: number, total: number) => void;

async function openCache(): Promise<Cache | undefined> {
  try {
    return typeof caches === 'undefined' ? undefined : await caches.open(MODEL_CACHE_NAME);
  } catch {
    // Storage can be unavailable (private mode, quota): download without caching.
    return undefined;
  }
}

async function readWithProgress(
  response: Response,
  total: number,
  onProgress: FileProgress,
): Promise<Uint8Array> {
  const out = new Uint8Array(total);
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length !== total) throw new Error(`received ${bytes.length} of ${total} bytes`);
    return bytes;
  }
  const reader = response.body.getReader();
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (loaded + value.length > total) throw new Error(`received more than the ${total} bytes announced`);
    out.set(value, loaded);
    loaded += value.length;
    onProgress(loaded, total);
  }
  if (loaded !== total) throw new Error(`received ${loaded} of ${total} bytes`);
  return out;
}

export async function fetchModelFile(
  manifest: ModelManifest,
  filePath: string,
  onProgress: FileProgress,
): Promise<Uint8Array> {
  const entry = manifest.files.find((file) => file.path === filePath);
  if (!entry) throw new Error(`The model manifest has no ${filePath}.`);
  const url = `${manifest.baseUrl}${entry.path}?v=${entry.etag}`;
  const cache = await openCache();
  const cached = await cache?.match(url);
  if (cached) {
    const bytes = new Uint8Array(await cached.arrayBuffer());
    if (bytes.length === entry.size) {
      onProgress(bytes.length, entry.size);
      return bytes;
    }
    await cache?.delete(url);
  }
  const response = await fetch(url);
  if (!response.ok) {
    const detail = await response
      .json()
      .then((body: { error?: { message?: string } }) => body.error?.message)
      .catch(() => undefined);
    throw new Error(`${filePath}: the server answered ${response.status}${detail ? ` (${detail})` : ''}`);
  }
  const bytes = await readWithProgress(response, entry.size, onProgress);
  await cache?.put(url, new Response(bytes.slice().buffer)).catch(() => undefined);
  return bytes;
}
