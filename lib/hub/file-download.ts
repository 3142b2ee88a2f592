/**
 * Server/CLI only (Node file system and crypto): downloads one repo file to disk, streaming the
 * body, counting bytes for progress, and verifying size and hash before the file appears.
 *
 * The bytes land in a temp file beside the target and are renamed into place only once complete
 * and verified, so readers (and a crash mid-download) never leave a half file under the real name.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileDownloadInfo } from '@huggingface/hub';
import { describeCause, HubError } from './errors';
import { type HubCallContext, type RepoFileEntry, toHubError } from './listing';
import { DEFAULT_HUB_TIMEOUT_MS, formatDuration, timedFetch } from './timed-fetch';

export interface FileDownloadRequest {
  repo: string;
  commit: string;
  entry: RepoFileEntry;
  target: string;
  context: HubCallContext;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called with the number of new bytes after each chunk. */
  onBytes?: (bytes: number) => void;
}

/** Which hash the listing lets us check: sha256 for LFS, the git blob SHA-1 for plain files. */
function hasherFor(entry: RepoFileEntry, size: number) {
  if (entry.lfs) return { algorithm: 'sha256', expected: entry.lfs.oid, hash: createHash('sha256') };
  if (entry.oid && !entry.xetHash) {
    const hash = createHash('sha1');
    hash.update(`blob ${size}\0`);
    return { algorithm: 'git sha1', expected: entry.oid, hash };
  }
  return undefined;
}

export async function downloadRepoFile(request: FileDownloadRequest): Promise<void> {
  const { repo, commit, entry, target, context } = request;
  const timeoutMs = request.timeoutMs ?? DEFAULT_HUB_TIMEOUT_MS;
  const label = `${entry.path} from ${repo}@${commit}`;
  const expectedSize = entry.lfs?.size ?? entry.size;
  const timed = timedFetch(context.fetch, { timeoutMs, signal: request.signal, hubUrl: context.hubUrl });

  // fileDownloadInfo resolves the URL and size (following the Hub's redirect to its CDN for LFS
  // files); the body is then streamed with our own reader so every failure keeps its cause.
  let response: Response;
  try {
    const info = await fileDownloadInfo({
      repo: { type: context.type, name: repo },
      path: entry.path,
      revision: commit,
      hubUrl: context.hubUrl,
      fetch: timed.fetch,
    });
    if (!info) throw new HubError('not_found', `${label} was not found on the Hub at ${context.hubUrl}.`);
    if (info.size !== expectedSize) {
      throw new HubError(
        'corrupt',
        `The Hub at ${context.hubUrl} reports ${info.size} bytes for ${label}; its file listing says ${expectedSize}.`,
      );
    }
    response = await timed.fetch(info.url);
  } catch (error) {
    throw toHubError(error, label, context);
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new HubError(
      response.status === 404 ? 'not_found' : 'bad_response',
      `The Hub at ${context.hubUrl} answered HTTP ${response.status} when downloading ${label}.`,
    );
  }

  await fs.mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.partial`;
  const file = await fs.open(temp, 'wx');
  const hasher = hasherFor(entry, expectedSize);
  let received = 0;
  let idle: HubError | undefined;
  try {
    const reader = response.body.getReader();
    for (;;) {
      // An idle deadline per chunk: a stalled connection fails instead of hanging forever.
      const timer = setTimeout(() => {
        idle = new HubError(
          'timeout',
          `Downloading ${label} stalled: no data from ${context.hubUrl} for ${formatDuration(timeoutMs)} after ${received} of ${expectedSize} bytes.`,
        );
        timed.abort(idle);
        void reader.cancel(idle).catch(() => undefined);
      }, timeoutMs);
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (idle) throw idle;
        if (error instanceof HubError) throw error;
        throw new HubError(
          'corrupt',
          `Downloading ${label} was cut short after ${received} of ${expectedSize} bytes: ${describeCause(error)}.`,
          { cause: error },
        );
      } finally {
        clearTimeout(timer);
      }
      if (idle) throw idle;
      if (chunk.done) break;
      const bytes = chunk.value;
      if (received + bytes.byteLength > expectedSize) {
        throw new HubError(
          'corrupt',
          `The Hub sent more than the ${expectedSize} bytes listed for ${label}.`,
        );
      }
      await file.write(bytes);
      hasher?.hash.update(bytes);
      received += bytes.byteLength;
      request.onBytes?.(bytes.byteLength);
    }
    if (received !== expectedSize) {
      throw new HubError(
        'corrupt',
        `Downloading ${label} ended after ${received} of ${expectedSize} bytes; the file was not saved.`,
      );
    }
    if (hasher) {
      const actual = hasher.hash.digest('hex');
      if (actual !== hasher.expected) {
        throw new HubError(
          'corrupt',
          `${label} failed its ${hasher.algorithm} check (expected ${hasher.expected}, got ${actual}); the file was not saved.`,
        );
      }
    }
    await file.sync();
    await file.close();
    await fs.rename(temp, target);
  } catch (error) {
    await file.close().catch(() => undefined);
    await fs.rm(temp, { force: true });
    throw error;
  }
}
