/**
 * Pushes an exported dataset (an ExportManifest from GET /api/datasets/:id/export/manifest) to a
 * Hugging Face dataset repo, from the browser. No Node APIs and no `window`: it runs in a page, a
 * worker and in Node tests alike.
 *
 * 1. Reads every file from Genki Studio (same-origin URLs, or the manifest's inline text) into
 *    Blobs, with byte progress, checking each against the manifest's size.
 * 2. Creates the repo if it is missing (private unless the caller says otherwise).
 * 3. Commits everything in one commit with @huggingface/hub's `commitIter` (preupload → LFS
 *    uploads → NDJSON commit), deleting audio and metadata files a previous push left that this
 *    export no longer has, so the repo always loads as exactly this audiofolder.
 *
 * The access token goes to the Hub URL only: it is passed to @huggingface/hub and never stored,
 * logged or sent with the same-origin file reads. A failure at any point commits nothing (the
 * commit is atomic and comes last); pushing again is safe and skips LFS objects already uploaded.
 */
import { type CommitOperation, commitIter, createRepo, HubApiError, listFiles } from '@huggingface/hub';
import { isValidRepoId, isValidRepoPath } from '../hub/names';
import { HubPushError, type PushStage, scrub, toPushError } from './hub-push-errors';
import { readFile } from './hub-push-source';
import { type ExportManifest, exportManifestSchema } from './model';

export { HubPushError } from './hub-push-errors';

export const DEFAULT_HUB_URL = 'https://huggingface.co';

export interface HubPushProgress {
  stage: PushStage | 'done';
  /** Bytes read from Genki Studio so far, of `totalBytes`. */
  readBytes: number;
  /** Bytes the Hub has accepted so far (LFS uploads and committed files), of `totalBytes`. */
  uploadedBytes: number;
  totalBytes: number;
  /** The file the last event was about. */
  path?: string;
}

export interface HubPushOptions {
  manifest: ExportManifest;
  /** `namespace/name` of the dataset repo. */
  repo: string;
  /** A Hugging Face access token (hf_…) with write access; used for this push only. */
  accessToken: string;
  hubUrl?: string;
  /** Visibility when the repo has to be created (an existing repo keeps its own). */
  visibility?: 'private' | 'public';
  branch?: string;
  commitTitle?: string;
  commitDescription?: string;
  /** Base for the manifest's relative URLs (defaults to the page's origin). */
  baseUrl?: string;
  /** Fetch for Genki Studio's own URLs (defaults to the global fetch, same-origin credentials). */
  fetchFile?: typeof fetch;
  /** Fetch for Hub calls (defaults to the global fetch). */
  hubFetch?: typeof fetch;
  /** Passed to @huggingface/hub: the real Hub prefers Xet storage; the local test hub answers basic LFS. */
  useXet?: boolean;
  /** Hash large files in Web Workers (keeps the page responsive); passed to @huggingface/hub. */
  useWebWorkers?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: HubPushProgress) => void;
}

export interface HubPushResult {
  repo: string;
  repoUrl: string;
  commitSha: string;
  commitUrl: string;
  /** True when this push created the repo. */
  created: boolean;
  files: number;
  bytes: number;
  /** Stale files from an earlier push that this commit removed. */
  deleted: string[];
}

/** Files an earlier push may have left that would confuse the audiofolder loader. */
function isStale(path: string, keep: ReadonlySet<string>): boolean {
  if (keep.has(path)) return false;
  return path.startsWith('data/') || /^metadata\.(jsonl|csv|json|parquet)$/.test(path);
}

function validate(options: HubPushOptions): ExportManifest {
  if (!isValidRepoId(options.repo)) {
    throw new HubPushError(
      'invalid',
      `"${options.repo.slice(0, 100)}" is not a dataset repo id: use namespace/name.`,
    );
  }
  if (!options.accessToken.startsWith('hf_')) {
    throw new HubPushError(
      'invalid',
      'Hugging Face access tokens start with "hf_": paste a token with write access.',
    );
  }
  const parsed = exportManifestSchema.safeParse(options.manifest);
  if (!parsed.success)
    throw new HubPushError('invalid', 'The export manifest is malformed; reload the page.');
  const bad = parsed.data.files.find((file) => !isValidRepoPath(file.path));
  if (bad)
    throw new HubPushError(
      'invalid',
      `The export lists an unsafe path: ${JSON.stringify(bad.path.slice(0, 100))}.`,
    );
  return parsed.data;
}

export async function pushToHub(options: HubPushOptions): Promise<HubPushResult> {
  const manifest = validate(options);
  const hubUrl = (options.hubUrl ?? DEFAULT_HUB_URL).replace(/\/+$/, '');
  const token = options.accessToken;
  const repoDesignation = { type: 'dataset' as const, name: options.repo };
  const branch = options.branch ?? 'main';
  const totalBytes = manifest.files.reduce((sum, file) => sum + file.size, 0);
  const progress: HubPushProgress = { stage: 'reading files', readBytes: 0, uploadedBytes: 0, totalBytes };
  const report = (patch: Partial<HubPushProgress>) => {
    Object.assign(progress, patch);
    options.onProgress?.({ ...progress });
  };
  let stage: PushStage = 'reading files';
  const fail = (error: unknown) => toPushError(error, { hubUrl, repo: options.repo, token, stage });
  // @huggingface/hub only listens for a future abort, so a cancel is also checked between steps.
  const checkAbort = () => options.signal?.throwIfAborted();

  try {
    report({ stage });
    const blobs: Blob[] = [];
    for (const file of manifest.files) {
      checkAbort();
      blobs.push(
        await readFile(file, options, (bytes) =>
          report({ readBytes: progress.readBytes + bytes, path: file.path }),
        ),
      );
    }

    stage = 'creating the repo';
    checkAbort();
    report({ stage, path: undefined });
    let created = true;
    try {
      await createRepo({
        repo: repoDesignation,
        accessToken: token,
        hubUrl,
        visibility: options.visibility ?? 'private',
        fetch: options.hubFetch,
      });
    } catch (error) {
      // 409: it exists already, which is how every push after the first starts.
      if (!(error instanceof HubApiError && error.statusCode === 409)) throw error;
      created = false;
    }

    stage = 'listing the repo';
    const keep = new Set(manifest.files.map((file) => file.path));
    const deleted: string[] = [];
    if (!created) {
      const entries = listFiles({
        repo: repoDesignation,
        revision: branch,
        recursive: true,
        accessToken: token,
        hubUrl,
        fetch: options.hubFetch,
      });
      for await (const entry of entries) {
        if (entry.type === 'file' && isStale(entry.path, keep)) deleted.push(entry.path);
      }
    }

    stage = 'uploading';
    checkAbort();
    report({ stage });
    const sizes = new Map(manifest.files.map((file, index) => [file.path, blobs[index]?.size ?? 0]));
    const uploaded = new Map<string, number>();
    const operations: CommitOperation[] = [
      ...manifest.files.map(
        (file, index): CommitOperation => ({
          operation: 'addOrUpdate',
          path: file.path,
          content: blobs[index] ?? new Blob([]),
        }),
      ),
      ...deleted.map((path): CommitOperation => ({ operation: 'delete', path })),
    ];
    const iterator = commitIter({
      repo: repoDesignation,
      accessToken: token,
      hubUrl,
      branch,
      operations,
      title: options.commitTitle ?? `Upload ${manifest.datasetName} from Genki Studio`,
      description: options.commitDescription,
      abortSignal: options.signal,
      useXet: options.useXet,
      useWebWorkers: options.useWebWorkers,
      fetch: options.hubFetch,
    });
    let step = await iterator.next();
    while (!step.done) {
      checkAbort();
      const event = step.value;
      if (event.event === 'phase' && event.phase === 'committing') {
        stage = 'committing';
        report({ stage });
      } else if (event.event === 'fileProgress' && event.state === 'uploading') {
        uploaded.set(event.path, Math.min(1, event.progress) * (sizes.get(event.path) ?? 0));
        report({
          uploadedBytes: [...uploaded.values()].reduce((sum, bytes) => sum + bytes, 0),
          path: event.path,
        });
      } else if (event.event === 'fileProgress' && event.state === 'error') {
        throw new HubPushError(
          'hub_failed',
          `The Hub refused ${event.path}. Nothing was committed; push again to retry.`,
        );
      }
      step = await iterator.next();
    }
    const output = step.value;
    if (!output?.commit.oid)
      throw new HubPushError('hub_failed', `The Hub at ${hubUrl} did not return a commit.`);
    report({ stage: 'done', uploadedBytes: totalBytes, path: undefined });
    return {
      repo: options.repo,
      repoUrl: `${hubUrl}/datasets/${options.repo}`,
      commitSha: output.commit.oid,
      commitUrl: output.commit.url,
      created,
      files: manifest.files.length,
      bytes: totalBytes,
      deleted,
    };
  } catch (error) {
    const failure = fail(error);
    failure.message = scrub(failure.message, token);
    throw failure;
  }
}
