/**
 * The import routes of the dataset contract (lib/datasets/model.ts), from the browser. Uploads use
 * XMLHttpRequest because it is the one browser API that reports request-body progress everywhere
 * (streamed fetch uploads need HTTP/2 and are Chromium-only).
 */
import type { z } from 'zod';
import { ApiError, apiRequest } from '../../http/api-client';
import {
  type createImportRequestSchema,
  type hubImportRequestSchema,
  type ImportItem,
  type ImportJob,
  importItemSchema,
  importJobSchema,
} from '../model';

const enc = encodeURIComponent;

export type CreateImportRequest = z.input<typeof createImportRequestSchema>;

export function createImport(datasetId: string, body: CreateImportRequest): Promise<ImportJob> {
  return apiRequest(`/api/datasets/${enc(datasetId)}/imports`, importJobSchema, { method: 'POST', body });
}

export function createHubImport(
  datasetId: string,
  body: z.input<typeof hubImportRequestSchema>,
): Promise<ImportJob> {
  return apiRequest(`/api/datasets/${enc(datasetId)}/imports/hub`, importJobSchema, { method: 'POST', body });
}

export function retryImportItem(importId: string, itemId: string): Promise<ImportItem> {
  return apiRequest(`/api/imports/${enc(importId)}/items/${enc(itemId)}/retry`, importItemSchema, {
    method: 'POST',
  });
}

function errorFrom(xhr: XMLHttpRequest): ApiError {
  let message = `The server answered ${xhr.status}.`;
  let code = 'http';
  try {
    const body = JSON.parse(xhr.responseText) as { error?: { code?: string; message?: string } };
    message = body.error?.message ?? message;
    code = body.error?.code ?? code;
  } catch {
    // Not JSON (a proxy page, say): keep the status line.
  }
  return new ApiError(message, xhr.status, code);
}

/** PUTs one item's raw bytes; `onProgress` gets bytes sent so far. */
export function uploadImportItem(
  importId: string,
  itemId: string,
  data: Blob,
  onProgress: (loaded: number, total: number) => void,
  signal?: AbortSignal,
): Promise<ImportItem> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', `/api/imports/${enc(importId)}/items/${enc(itemId)}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.withCredentials = true;
    xhr.upload.onprogress = (event) =>
      onProgress(event.loaded, event.lengthComputable ? event.total : data.size);
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(errorFrom(xhr));
        return;
      }
      try {
        const parsed = importItemSchema.safeParse(JSON.parse(xhr.responseText));
        if (parsed.success) resolve(parsed.data);
        else reject(new ApiError('The server sent an unexpected answer.', xhr.status, 'bad_response'));
      } catch {
        reject(new ApiError('The server sent an unexpected answer.', xhr.status, 'bad_response'));
      }
    };
    xhr.onerror = () =>
      reject(new ApiError('The upload was interrupted. Check your connection.', 0, 'network'));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(data);
  });
}
