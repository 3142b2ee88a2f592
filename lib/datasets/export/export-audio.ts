/**
 * Server only (Node file system): finds the bytes behind each planned audio file of an export.
 * Stored audio is read from the blob store as is; rendered audio (trims, WAV conversion) is
 * rendered once into a cache under the data directory and reused by every later export, manifest
 * and file request, so a push that fetches 1 000 trimmed files renders each once.
 *
 * Cache layout: <cacheDir>/<aa>/<key>.wav and <key>.json (facts), where the key hashes the source
 * audio's sha256 and the trim window, never a name; both are written beside and renamed into
 * place, so readers never see half a file. The cache is bounded by storage housekeeping
 * (lib/storage/export-cache-gc.ts), which evicts the least recently used renders: a cache hit
 * touches the WAV's mtime, since atime is unreliable.
 */
import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { AudioFacts, ExportedAudio, PlannedAudio } from './layout';
import { renderExportAudio } from './render';

export interface ExportStorage {
  /** Absolute path of a blob's bytes (BlobStore.pathFor). */
  blobPath(sha256: string): string;
  /** Folder for rendered export audio. */
  cacheDir: string;
}

export interface ResolvedAudio extends ExportedAudio {
  /** The file on disk holding exactly the exported bytes. */
  file: string;
  /** A strong validator of those bytes (the blob's sha256, or the render key). */
  etag: string;
}

export class ExportStorageError extends Error {
  override name = 'ExportStorageError';
}

const factsSchema = z.object({
  version: z.literal(1),
  size: z.number().int().nonnegative(),
  durationSeconds: z.number().positive(),
  sampleRate: z.number().int().positive(),
});

const RENDER_VERSION = 'export-render-v1';

/**
 * Renders in progress by key. On globalThis, not in this module: the Next bundler gives the
 * instrumentation hook (where storage housekeeping is scheduled) and the routes (which render)
 * separate copies of this module, and housekeeping must see the routes' renders (isRenderInFlight).
 */
const holder = globalThis as typeof globalThis & {
  __genkiExportRenders?: Map<string, Promise<ResolvedAudio>>;
};
const inFlight = () => {
  holder.__genkiExportRenders ??= new Map();
  return holder.__genkiExportRenders;
};

/** The cache key of a render: its source audio and trim window, never a name. */
export function renderKey(planned: PlannedAudio): string {
  const trim = planned.render?.trim;
  return createHash('sha256')
    .update(`${RENDER_VERSION}:${planned.clip.audioSha256}:${trim ? `${trim.start}:${trim.end}` : 'whole'}`)
    .digest('hex');
}

async function writeAtomically(file: string, data: Uint8Array | string): Promise<void> {
  await fsp.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${randomBytes(6).toString('hex')}.partial`;
  await fsp.writeFile(temp, data);
  await fsp.rename(temp, file);
}

async function readFacts(file: string): Promise<AudioFacts | undefined> {
  try {
    const parsed = factsSchema.safeParse(JSON.parse(await fsp.readFile(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

async function renderCached(planned: PlannedAudio, storage: ExportStorage): Promise<ResolvedAudio> {
  const key = renderKey(planned);
  const dir = path.join(path.resolve(storage.cacheDir), key.slice(0, 2));
  const wav = path.join(dir, `${key}.wav`);
  const factsFile = path.join(dir, `${key}.json`);
  const cached = await readFacts(factsFile);
  if (cached && (await fsp.stat(wav).catch(() => undefined))?.size === cached.size) {
    // Touching marks the entry used, which keeps eviction off it while it is streamed. If that
    // fails the entry was evicted (or is going) meanwhile: render again rather than hand out a
    // file that may vanish before it is opened.
    const now = new Date();
    const touched = await fsp.utimes(wav, now, now).then(
      () => true,
      () => false,
    );
    if (touched) return { ...planned, facts: cached, file: wav, etag: key };
  }
  const source = await readBlob(planned, storage);
  const rendered = await renderExportAudio(source, planned.render?.trim ?? null, planned.clip.fileName);
  const facts: AudioFacts = {
    size: rendered.bytes.byteLength,
    durationSeconds: rendered.durationSeconds,
    sampleRate: rendered.sampleRate,
  };
  await writeAtomically(wav, rendered.bytes);
  await writeAtomically(factsFile, JSON.stringify({ version: 1, ...facts }));
  return { ...planned, facts, file: wav, etag: key };
}

async function readBlob(planned: PlannedAudio, storage: ExportStorage): Promise<Uint8Array> {
  try {
    return new Uint8Array(await fsp.readFile(storage.blobPath(planned.clip.audioSha256)));
  } catch (error) {
    throw new ExportStorageError(`The audio of "${planned.clip.fileName}" is missing from storage.`, {
      cause: error,
    });
  }
}

/** True while this process renders `key` into the cache (housekeeping must not evict it). */
export function isRenderInFlight(key: string): boolean {
  return inFlight().has(key);
}

/** The bytes and facts of one planned audio file (rendering it first when it needs rendering). */
export async function resolveAudio(planned: PlannedAudio, storage: ExportStorage): Promise<ResolvedAudio> {
  if (!planned.render) {
    const file = storage.blobPath(planned.clip.audioSha256);
    const stat = await fsp.stat(file).catch(() => undefined);
    if (!stat?.isFile())
      throw new ExportStorageError(`The audio of "${planned.clip.fileName}" is missing from storage.`);
    return {
      ...planned,
      file,
      etag: planned.clip.audioSha256,
      facts: {
        size: stat.size,
        durationSeconds: planned.clip.durationSeconds,
        sampleRate: planned.clip.sampleRate,
      },
    };
  }
  const key = renderKey(planned);
  // Two requests for the same render (a push fetching while a zip streams) share one render.
  const renders = inFlight();
  const running = renders.get(key);
  if (running) return { ...(await running), ...planned };
  const promise = renderCached(planned, storage);
  renders.set(key, promise);
  try {
    return await promise;
  } finally {
    renders.delete(key);
  }
}

/** Checks every stored file an export needs is on disk before a response starts streaming. */
export function assertStoredAudio(planned: readonly PlannedAudio[], storage: ExportStorage): void {
  const missing = planned.filter((item) => !fs.existsSync(storage.blobPath(item.clip.audioSha256)));
  if (missing.length > 0) {
    const names = missing.slice(0, 5).map((item) => `"${item.clip.fileName}"`);
    throw new ExportStorageError(
      `The audio of ${missing.length} clip${missing.length === 1 ? ' is' : 's are'} missing from storage (${names.join(', ')}${missing.length > 5 ? ', …' : ''}).`,
    );
  }
}

/** Bytes of a file on disk, chunk by chunk (for the zip stream and file responses). */
export async function* fileChunks(
  file: string,
  range?: { start: number; end: number },
): AsyncGenerator<Uint8Array> {
  const stream = fs.createReadStream(file, { highWaterMark: 256 * 1024, ...range });
  try {
    for await (const chunk of stream) yield new Uint8Array(chunk as Buffer);
  } finally {
    stream.destroy();
  }
}
