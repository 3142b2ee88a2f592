/**
 * Serving a stored blob with HTTP Range support (RFC 9110 §14): <audio> and wavesurfer seek by
 * asking for byte ranges, and Chromium will not let a user seek in media served without them. One
 * range per request (multi-range requests are answered with the whole file, which the RFC allows).
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';

export type ByteRange = { start: number; end: number };

/**
 * Parses a Range header against a size: a range, 'unsatisfiable' (→ 416), or null (no usable range
 * → 200 with the whole body).
 */
export function parseRange(header: string | null, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    // Suffix range: the last N bytes.
    const length = Number(last);
    if (length === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return 'unsatisfiable';
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (end < start) return null;
  return { start, end };
}

export interface BlobResponseOptions {
  file: string;
  size: number;
  mediaType: string;
  /** A strong validator (the blob's SHA-256 never changes for its content). */
  etag: string;
  disposition: string;
}

function fileStream(file: string, range?: ByteRange): ReadableStream<Uint8Array> {
  return Readable.toWeb(fs.createReadStream(file, range)) as ReadableStream<Uint8Array>;
}

export function blobResponse(request: Request, options: BlobResponseOptions): Response {
  const etag = `"${options.etag}"`;
  const headers = new Headers({
    'accept-ranges': 'bytes',
    'content-type': options.mediaType,
    'content-disposition': options.disposition,
    etag,
    // Private: a dataset can go from shared to private; revalidation is cheap (ETag).
    'cache-control': 'private, no-cache',
  });
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  // If-Range with a different validator means "the file changed": send all of it.
  const ifRange = request.headers.get('if-range');
  const range = ifRange && ifRange !== etag ? null : parseRange(request.headers.get('range'), options.size);
  if (range === 'unsatisfiable') {
    headers.set('content-range', `bytes */${options.size}`);
    headers.delete('content-disposition');
    return new Response(null, { status: 416, headers });
  }
  const head = request.method === 'HEAD';
  if (range) {
    headers.set('content-range', `bytes ${range.start}-${range.end}/${options.size}`);
    headers.set('content-length', String(range.end - range.start + 1));
    return new Response(head ? null : fileStream(options.file, range), { status: 206, headers });
  }
  headers.set('content-length', String(options.size));
  return new Response(head ? null : fileStream(options.file), { status: 200, headers });
}
