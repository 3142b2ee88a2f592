/**
 * A streamed zip archive (fflate's `Zip`): entries are pulled one at a time, each body chunk by
 * chunk, only when the consumer (the HTTP response) asks for more, so an export of any size
 * never sits in memory. Audio goes in stored (`ZipPassThrough`: it does not compress), text
 * deflated. Pure (web streams + fflate): no Node APIs.
 *
 * fflate writes classic zip, not ZIP64: the archive must stay under 4 GiB. Callers check their
 * estimate first (`ZIP_MAX_BYTES`); this stream also refuses to go past it rather than write
 * offsets that wrap around.
 */
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

/** Classic zip offsets are 32-bit; keep a margin for headers and the central directory. */
export const ZIP_MAX_BYTES = 0xffffffff - 64 * 1024 * 1024;

export interface ZipEntry {
  /** Forward-slash relative path inside the archive. */
  path: string;
  body: Uint8Array | AsyncIterable<Uint8Array>;
  /** Deflate (text) or store (audio, already compressed or incompressible). */
  compress: boolean;
}

export class ZipPathError extends Error {
  override name = 'ZipPathError';
}

/**
 * Refuses any entry name that could land outside the folder it is extracted into, or confuse an
 * unzipper: absolute paths, drive letters, backslashes, `.`/`..` segments, empty segments,
 * anything but printable ASCII.
 */
export function assertSafeEntryPath(path: string): string {
  const segments = path.split('/');
  const safe =
    path.length > 0 &&
    path.length <= 255 &&
    /^[\x21-\x7e]+$/.test(path) &&
    !path.includes('\\') &&
    !path.includes(':') &&
    segments.every((segment) => segment !== '' && segment !== '.' && segment !== '..');
  if (!safe)
    throw new ZipPathError(`Refusing an unsafe zip entry name: ${JSON.stringify(path.slice(0, 100))}`);
  return path;
}

function toIterator(body: AsyncIterable<Uint8Array>): AsyncIterator<Uint8Array> {
  return body[Symbol.asyncIterator]();
}

export function zipStream(
  entries: AsyncIterable<ZipEntry>,
  maxBytes = ZIP_MAX_BYTES,
): ReadableStream<Uint8Array> {
  const source = entries[Symbol.asyncIterator]();
  const ready: Uint8Array[] = [];
  let failure: Error | undefined;
  let finished = false;
  let emitted = 0;
  const zip = new Zip((error, chunk, final) => {
    if (error) {
      failure = error;
      return;
    }
    emitted += chunk.byteLength;
    ready.push(chunk);
    if (final) finished = true;
  });
  let current: { file: ZipPassThrough | ZipDeflate; chunks: AsyncIterator<Uint8Array> } | undefined;
  let ended = false;

  /** Moves the archive forward by one step: the next entry, or the next chunk of the current one. */
  const step = async () => {
    if (current) {
      const next = await current.chunks.next();
      if (next.done) {
        current.file.push(new Uint8Array(0), true);
        current = undefined;
      } else {
        current.file.push(next.value, false);
      }
      return;
    }
    const next = await source.next();
    if (next.done) {
      zip.end();
      ended = true;
      return;
    }
    const { path, body, compress } = next.value;
    assertSafeEntryPath(path);
    const file = compress ? new ZipDeflate(path, { level: 6 }) : new ZipPassThrough(path);
    zip.add(file);
    if (body instanceof Uint8Array) file.push(body, true);
    else current = { file, chunks: toIterator(body) };
  };

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      while (ready.length === 0 && !finished && !ended) {
        await step();
        if (failure) throw failure;
        if (emitted > maxBytes) {
          throw new Error(
            `The export is larger than ${Math.floor(maxBytes / 2 ** 20)} MiB, the most a zip file can hold here.`,
          );
        }
      }
      for (const chunk of ready.splice(0)) controller.enqueue(chunk);
      if (finished) controller.close();
    },
    async cancel() {
      zip.terminate();
      await current?.chunks.return?.();
      await source.return?.();
    },
  });
}
