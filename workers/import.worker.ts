/// <reference lib="webworker" />
/**
 * The import worker: SHA-256 of dropped files and reading of dropped zips, off the main thread so a
 * 2 GB zip or 5,000 files never freeze the page. Files arrive as File handles (no copy); zip
 * entries leave as transferred ArrayBuffers, one at a time.
 */
import {
  type ImportWorkerRequest,
  type ImportWorkerResponse,
  importWorkerRequestSchema,
} from '@/lib/datasets/client/import-worker-protocol';
import { sha256Hex } from '@/lib/datasets/client/sha256';
import { scanZip } from '@/lib/datasets/client/zip-import';

declare const self: DedicatedWorkerGlobalScope;

function post(message: ImportWorkerResponse, transfer: Transferable[] = []) {
  self.postMessage(message, transfer);
}

async function handle(request: ImportWorkerRequest) {
  if (request.type === 'hash') {
    for (const [index, file] of request.files.entries()) {
      try {
        post({
          type: 'hashed',
          id: request.id,
          index,
          sha256: await sha256Hex(await file.arrayBuffer()),
          error: null,
        });
      } catch (error) {
        post({
          type: 'hashed',
          id: request.id,
          index,
          sha256: null,
          error: (error as Error).message || 'unreadable',
        });
      }
    }
    post({ type: 'done', id: request.id, captions: [], warnings: [], skipped: 0 });
    return;
  }
  const { file, id } = request;
  const read = async (offset: number, length: number) =>
    new Uint8Array(await file.slice(offset, offset + length).arrayBuffer());
  const result = await scanZip(read, file.size, {
    onEntry: (entry) =>
      post(
        {
          type: 'zip-entry',
          id,
          path: entry.path,
          fileName: entry.fileName,
          sha256: entry.sha256,
          bytes: entry.bytes.buffer,
        },
        [entry.bytes.buffer],
      ),
    onRefused: (path, reason) => post({ type: 'zip-refused', id, path, reason }),
    onProgress: (done, total) => post({ type: 'zip-progress', id, done, total }),
  });
  post({
    type: 'done',
    id,
    captions: [...result.captions],
    warnings: result.warnings,
    skipped: result.skipped,
  });
}

let queue: Promise<void> = Promise.resolve();

self.onmessage = (event: MessageEvent<unknown>) => {
  const parsed = importWorkerRequestSchema.safeParse(event.data);
  if (!parsed.success) {
    const id =
      typeof (event.data as { id?: unknown })?.id === 'number' ? (event.data as { id: number }).id : -1;
    post({ type: 'error', id, message: 'Malformed request to the import worker.' });
    return;
  }
  const request = parsed.data;
  queue = queue.then(() =>
    handle(request).catch((error: unknown) =>
      post({
        type: 'error',
        id: request.id,
        message: error instanceof Error ? error.message : String(error),
      }),
    ),
  );
};
