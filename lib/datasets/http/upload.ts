/**
 * Receiving one file's raw bytes (PUT /api/imports/:id/items/:itemId). The size is checked from
 * Content-Length before a byte is read; the body is then streamed to a file inside the blob store
 * while it is hashed, so a 100 MiB upload never sits in memory and is never read twice, and a body
 * whose SHA-256 is not the one the import announced is refused.
 */
import 'server-only';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { PublicError } from '../../http/errors';
import { DATASET_LIMITS } from '../model';
import { tooLargeMessage } from '../size-text';

export interface ExpectedUpload {
  size: number;
  sha256: string | null;
}

export interface ReceivedUpload {
  sha256: string;
  size: number;
}

/** Form encodings mean the client wrapped the file instead of sending its bytes. */
const WRAPPED = /^(multipart\/form-data|application\/x-www-form-urlencoded|application\/json|text\/)/i;

export function checkUploadHeaders(request: Request, expected: ExpectedUpload): number {
  const type = request.headers.get('content-type') ?? '';
  if (WRAPPED.test(type)) {
    throw new PublicError(
      'unsupported_media_type',
      "Send the file's own bytes as the request body (Content-Type: application/octet-stream), not a form.",
      415,
    );
  }
  const header = request.headers.get('content-length');
  if (header === null)
    throw new PublicError('length_required', 'Send a Content-Length header with the upload.', 411);
  if (!/^\d+$/.test(header.trim()))
    throw new PublicError('invalid_request', 'The Content-Length header is not a whole number.');
  const length = Number(header);
  if (length > DATASET_LIMITS.maxFileBytes) {
    throw new PublicError('payload_too_large', tooLargeMessage(length, DATASET_LIMITS.maxFileBytes), 413);
  }
  if (length !== expected.size) {
    throw new PublicError(
      'size_mismatch',
      `The import announced ${expected.size} bytes for this file, but the upload has ${length}; upload the file that was selected.`,
    );
  }
  return length;
}

/** Streams the body into `target`, hashing as it goes. On any failure `target` is removed. */
export async function receiveUpload(
  request: Request,
  expected: ExpectedUpload,
  target: string,
): Promise<ReceivedUpload> {
  const length = checkUploadHeaders(request, expected);
  const hash = createHash('sha256');
  let received = 0;
  const handle = await fs.promises.open(target, 'wx');
  try {
    if (request.body) {
      const reader = request.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received += value.byteLength;
        if (received > length) {
          await reader.cancel().catch(() => undefined);
          throw new PublicError(
            'invalid_request',
            `The upload is longer than its Content-Length (${length} bytes).`,
          );
        }
        hash.update(value);
        await handle.write(value);
      }
    }
    if (received < length) {
      throw new PublicError(
        'incomplete_upload',
        `The upload ended after ${received} of ${length} bytes; try again.`,
      );
    }
    const sha256 = hash.digest('hex');
    if (expected.sha256 && sha256 !== expected.sha256) {
      throw new PublicError(
        'hash_mismatch',
        `The uploaded bytes have SHA-256 ${sha256.slice(0, 12)}…, not the ${expected.sha256.slice(0, 12)}… this import announced: ` +
          'the file changed after it was selected or was damaged on the way. Upload it again.',
        422,
      );
    }
    await handle.close();
    return { sha256, size: received };
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.promises.rm(target, { force: true });
    throw error;
  }
}
