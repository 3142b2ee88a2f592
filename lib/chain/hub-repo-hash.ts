/**
 * The directory hash of a Hub model repo at a commit, computed in the browser without downloading
 * the weights: the Hub's tree listing carries the SHA-256 of every LFS file (`lfs.oid`), which is
 * exactly the per-file term taoverse hashes, so only the small plain-git files (`.gitattributes`,
 * README, configs) are fetched and hashed with Web Crypto. The result equals taoverse's
 * `get_hash_of_directory` over a snapshot of the same commit (lib/chain/secure-hash-node.ts).
 * Also the layout a Genki-Dama validator needs before it evaluates a model. No Node APIs.
 */
import { listFiles } from '@huggingface/hub';
import { z } from 'zod';
import { HubError } from '../hub/errors';
import { type HubCallContext, toHubError } from '../hub/listing';
import { DEFAULT_HUB_TIMEOUT_MS, timedFetch } from '../hub/timed-fetch';
import { checkCommit, checkRepoId, DEFAULT_COMPETITION_ID, GENKI_COMPETITIONS } from './commitment-codec';
import {
  directoryHash,
  normalizeHotkey,
  SecureHashError,
  secureHash,
  sha256Base64,
  sha256HexToBase64,
  sortInWalkOrder,
  splitRepoPath,
} from './secure-hash';

export const DEFAULT_HUB_URL = 'https://huggingface.co';
/** The files audiocraft's loaders read from the repo root (Genki-Dama models/model.py). */
export const REQUIRED_MODEL_FILES = ['state_dict.bin', 'compression_state_dict.bin'] as const;
const defaultCompetition = GENKI_COMPETITIONS[DEFAULT_COMPETITION_ID];
/** `ModelConstraints.max_bytes` for the chiptune competition: 20 GiB. */
export const MAX_REPO_BYTES = defaultCompetition ? defaultCompetition.maxRepoBytes : 20 * 1024 ** 3;

export interface LayoutProblem {
  code: 'missing_file' | 'empty_file' | 'too_large';
  message: string;
}

export interface ModelLayoutReport {
  ok: boolean;
  totalBytes: number;
  maxBytes: number;
  problems: LayoutProblem[];
}

const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(2)} GiB`;

/**
 * What a Genki-Dama validator checks before loading: the summed file sizes (its `model_info`
 * siblings) may not exceed `max_bytes`, and both audiocraft packages must be at the repo root.
 */
export function checkModelLayout(
  files: readonly { path: string; size: number }[],
  options: { maxBytes?: number } = {},
): ModelLayoutReport {
  const maxBytes = options.maxBytes ?? MAX_REPO_BYTES;
  const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
  const problems: LayoutProblem[] = [];
  for (const required of REQUIRED_MODEL_FILES) {
    const file = files.find((candidate) => candidate.path === required);
    if (!file) {
      const nested = files.find((candidate) => candidate.path.endsWith(`/${required}`));
      problems.push({
        code: 'missing_file',
        message: nested
          ? `${required} must be at the repo root, not at ${nested.path}; validators load it from the root.`
          : `${required} is missing at the repo root; validators load the model from it.`,
      });
    } else if (file.size === 0) {
      problems.push({ code: 'empty_file', message: `${required} is empty; validators cannot load it.` });
    }
  }
  if (totalBytes > maxBytes) {
    problems.push({
      code: 'too_large',
      message: `The repo holds ${gib(totalBytes)} (${totalBytes} bytes); validators reject repos over ${gib(maxBytes)} (${maxBytes} bytes).`,
    });
  }
  return { ok: problems.length === 0, totalBytes, maxBytes, problems };
}

const treeEntrySchema = z.looseObject({
  type: z.enum(['file', 'directory', 'unknown']),
  path: z.string(),
  size: z.number().int().nonnegative(),
  oid: z
    .string()
    .regex(/^[0-9a-f]{40}$/)
    .optional(),
  lfs: z
    .looseObject({ oid: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().nonnegative() })
    .optional(),
  /** Xet-stored files: `oid` is then the git blob id of a pointer, not of the bytes. */
  xetHash: z.string().optional(),
});
type TreeEntry = z.infer<typeof treeEntrySchema>;

export interface HubRepoFile {
  path: string;
  size: number;
  /** True when the hash came from the listing (LFS) rather than from downloaded bytes. */
  lfs: boolean;
  /** base64(sha256(bytes)). */
  sha256: string;
}

export interface HubRepoHashProgress {
  phase: 'listing' | 'hashing';
  /** The file just finished, in the hashing phase. */
  path?: string;
  filesDone: number;
  filesTotal: number;
  /** Bytes whose hash is known: LFS files from the listing plus plain files downloaded. */
  bytesCovered: number;
  bytesTotal: number;
  bytesDownloaded: number;
  bytesToDownload: number;
}

export interface HubRepoHash {
  repo: string;
  commit: string;
  /** In os.walk order. */
  files: HubRepoFile[];
  dirHash: string;
  totalBytes: number;
  downloadedBytes: number;
  layout: ModelLayoutReport;
}

export interface HubRepoHashOptions {
  hubUrl?: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Plain files downloaded at once (default 4). */
  concurrency?: number;
  maxBytes?: number;
  onProgress?: (progress: HubRepoHashProgress) => void;
}

async function gitBlobOid(bytes: Uint8Array): Promise<string> {
  const header = new TextEncoder().encode(`blob ${bytes.byteLength}\0`);
  const data = new Uint8Array(header.byteLength + bytes.byteLength);
  data.set(header);
  data.set(bytes, header.byteLength);
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-1', data));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function downloadPlainFile(entry: TreeEntry, repo: string, commit: string, context: HubCallContext) {
  const label = `${entry.path} from ${repo}@${commit}`;
  const encoded = entry.path.split('/').map(encodeURIComponent).join('/');
  let bytes: Uint8Array;
  try {
    const response = await context.fetch(`${context.hubUrl}/${repo}/resolve/${commit}/${encoded}`);
    if (!response.ok) {
      await response.body?.cancel();
      throw new HubError(
        response.status === 404 ? 'not_found' : 'bad_response',
        `The Hub at ${context.hubUrl} answered HTTP ${response.status} when downloading ${label}.`,
      );
    }
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw toHubError(error, label, context);
  }
  if (bytes.byteLength !== entry.size) {
    throw new HubError(
      'corrupt',
      `The Hub sent ${bytes.byteLength} bytes for ${label}; its listing says ${entry.size}.`,
    );
  }
  if (entry.oid && !entry.xetHash && (await gitBlobOid(bytes)) !== entry.oid) {
    throw new HubError(
      'corrupt',
      `${label} does not match its git blob id ${entry.oid}; the download is damaged.`,
    );
  }
  return bytes;
}

async function listTree(
  repo: string,
  commit: string,
  context: HubCallContext,
  onListed: (n: number) => void,
) {
  const entries: TreeEntry[] = [];
  try {
    for await (const raw of listFiles({
      repo: { type: 'model', name: repo },
      revision: commit,
      recursive: true,
      hubUrl: context.hubUrl,
      fetch: context.fetch,
    })) {
      const parsed = treeEntrySchema.safeParse(raw);
      if (!parsed.success) {
        throw new HubError(
          'bad_response',
          `The Hub at ${context.hubUrl} sent a malformed file listing for ${repo}@${commit}: ${parsed.error.issues[0]?.message ?? 'invalid'}.`,
        );
      }
      if (parsed.data.type !== 'file') continue;
      splitRepoPath(parsed.data.path);
      entries.push(parsed.data);
      onListed(entries.length);
    }
  } catch (error) {
    if (error instanceof SecureHashError) throw error;
    throw toHubError(error, `${repo}@${commit}`, context);
  }
  return entries;
}

/** Hashes `repo` at `commit` as taoverse would hash its snapshot, downloading plain files only. */
export async function hashHubRepo(
  repo: string,
  commit: string,
  options: HubRepoHashOptions = {},
): Promise<HubRepoHash> {
  const invalid = checkRepoId(repo) ?? checkCommit(commit);
  if (invalid) throw new SecureHashError('bad_input', invalid.message);
  const hubUrl = (options.hubUrl ?? DEFAULT_HUB_URL).replace(/\/+$/, '');
  const timed = timedFetch(options.fetch ?? globalThis.fetch, {
    timeoutMs: options.timeoutMs ?? DEFAULT_HUB_TIMEOUT_MS,
    signal: options.signal,
    hubUrl,
    deadline: 'total',
  });
  const context: HubCallContext = {
    hubUrl,
    fetch: timed.fetch,
    type: 'model',
    offlineHint: 'Check the network, or set the Hub URL (GENKI_HF_HUB_URL).',
  };
  const progress: HubRepoHashProgress = {
    phase: 'listing',
    filesDone: 0,
    filesTotal: 0,
    bytesCovered: 0,
    bytesTotal: 0,
    bytesDownloaded: 0,
    bytesToDownload: 0,
  };
  const report = () => options.onProgress?.({ ...progress });
  const entries = await listTree(repo, commit, context, (listed) => {
    progress.filesTotal = listed;
    report();
  });
  const sizeOf = (entry: TreeEntry) => entry.lfs?.size ?? entry.size;
  Object.assign(progress, {
    phase: 'hashing',
    bytesTotal: entries.reduce((sum, entry) => sum + sizeOf(entry), 0),
    bytesToDownload: entries.reduce((sum, entry) => sum + (entry.lfs ? 0 : entry.size), 0),
  });
  report();

  const hashed: HubRepoFile[] = [];
  const finish = (file: HubRepoFile) => {
    hashed.push(file);
    progress.filesDone += 1;
    progress.bytesCovered += file.size;
    progress.path = file.path;
    report();
  };
  for (const entry of entries) {
    if (entry.lfs)
      finish({ path: entry.path, size: entry.lfs.size, lfs: true, sha256: sha256HexToBase64(entry.lfs.oid) });
  }
  const plain = entries.filter((entry) => !entry.lfs);
  let next = 0;
  const worker = async () => {
    for (let entry = plain[next++]; entry; entry = plain[next++]) {
      const bytes = await downloadPlainFile(entry, repo, commit, context);
      progress.bytesDownloaded += bytes.byteLength;
      finish({ path: entry.path, size: bytes.byteLength, lfs: false, sha256: await sha256Base64(bytes) });
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 4, plain.length));
  try {
    await Promise.all(Array.from({ length: workers }, worker));
  } catch (error) {
    // One failed download fails the hash: stop the others instead of finishing them for nothing.
    timed.abort(new HubError('aborted', 'Stopped: another file of the repo failed to download.'));
    throw error;
  }

  const files = sortInWalkOrder(hashed);
  return {
    repo,
    commit,
    files,
    dirHash: await directoryHash(files.map((file) => file.sha256)),
    totalBytes: progress.bytesTotal,
    downloadedBytes: progress.bytesDownloaded,
    layout: checkModelLayout(files, { maxBytes: options.maxBytes }),
  };
}

export interface HubRepoSecureHash extends HubRepoHash {
  hotkey: string;
  secureHash: string;
}

/** `hashHubRepo` plus the secure hash for `hotkey` (validated before anything is fetched). */
export async function secureHashOfHubRepo(
  repo: string,
  commit: string,
  hotkey: string,
  options: HubRepoHashOptions = {},
): Promise<HubRepoSecureHash> {
  const address = normalizeHotkey(hotkey);
  const hashed = await hashHubRepo(repo, commit, options);
  return { ...hashed, hotkey: address, secureHash: await secureHash(hashed.dirHash, address) };
}
