/**
 * Page side of workers/import.worker.ts: one lazily started worker shared by every import, and
 * promises per request. Browser-only; imported by the import manager, never by server code.
 */
import { type ImportWorkerResponse, importWorkerResponseSchema } from './import-worker-protocol';

type Listener = (message: ImportWorkerResponse) => void;

let worker: Worker | undefined;
let nextId = 1;
const listeners = new Map<number, { onMessage: Listener; fail: (error: Error) => void }>();

function failAll(message: string) {
  for (const entry of listeners.values()) entry.fail(new Error(message));
  listeners.clear();
  worker?.terminate();
  worker = undefined;
}

function getWorker(): Worker {
  if (worker) return worker;
  // This exact `new Worker(new URL(…, import.meta.url))` form is what bundlers recognise.
  const started = new Worker(new URL('../../../workers/import.worker.ts', import.meta.url), {
    type: 'module',
  });
  started.onmessage = (event: MessageEvent<unknown>) => {
    const parsed = importWorkerResponseSchema.safeParse(event.data);
    if (!parsed.success) {
      failAll('The import worker sent a malformed message.');
      return;
    }
    listeners.get(parsed.data.id)?.onMessage(parsed.data);
  };
  started.onerror = (event) => failAll(`The import worker stopped: ${event.message || 'script error'}.`);
  worker = started;
  return started;
}

function run(
  request: { type: 'hash'; files: File[] } | { type: 'zip'; file: File },
  onMessage: Listener,
): Promise<Extract<ImportWorkerResponse, { type: 'done' }>> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const done = () => listeners.delete(id);
    listeners.set(id, {
      fail: reject,
      onMessage: (message) => {
        if (message.type === 'done') {
          done();
          resolve(message);
        } else if (message.type === 'error') {
          done();
          reject(new Error(message.message));
        } else onMessage(message);
      },
    });
    getWorker().postMessage({ ...request, id });
  });
}

/** SHA-256 of each file; `onHashed` gets null and a reason for a file that could not be read. */
export async function hashFiles(
  files: File[],
  onHashed: (index: number, sha256: string | null, error: string | null) => void,
): Promise<void> {
  await run({ type: 'hash', files }, (message) => {
    if (message.type === 'hashed') onHashed(message.index, message.sha256, message.error);
  });
}

export interface ZipReadHandlers {
  onEntry(entry: { path: string; fileName: string; sha256: string; file: File }): void;
  onRefused(path: string, reason: string): void;
  onProgress(done: number, total: number): void;
}

export async function readZip(
  zip: File,
  handlers: ZipReadHandlers,
): Promise<{ captions: Map<string, string>; warnings: string[]; skipped: number }> {
  const result = await run({ type: 'zip', file: zip }, (message) => {
    if (message.type === 'zip-entry') {
      handlers.onEntry({
        path: message.path,
        fileName: message.fileName,
        sha256: message.sha256,
        file: new File([message.bytes], message.fileName, { type: 'application/octet-stream' }),
      });
    } else if (message.type === 'zip-refused') handlers.onRefused(message.path, message.reason);
    else if (message.type === 'zip-progress') handlers.onProgress(message.done, message.total);
  });
  return { captions: new Map(result.captions), warnings: result.warnings, skipped: result.skipped };
}
