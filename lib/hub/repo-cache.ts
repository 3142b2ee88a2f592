/**
 * Server/CLI only (Node file system): a local cache of Hugging Face repo files, keyed by repo,
 * commit and path. Layout under the cache directory:
 *
 *   <type>s/<owner>/<name>/refs/<branch-or-tag>       the commit it last resolved to
 *   <type>s/<owner>/<name>/<commit>/listing.json      every file of the commit: size and hashes
 *   <type>s/<owner>/<name>/<commit>/files/<path>      the files themselves (a usable model folder)
 *
 * A pinned commit whose listing and files are cached is served with no network at all. Repo ids,
 * revisions and paths are validated before they touch a path (lib/hub/names.ts), and every
 * resolved path is re-checked to stay inside the cache.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { HubError, MODEL_OFFLINE_HINT } from './errors';
import { downloadRepoFile } from './file-download';
import {
  type HubCallContext,
  listRepoFiles,
  type RepoFileEntry,
  repoFileEntrySchema,
  resolveCommit,
} from './listing';
import { assertRepoId, assertRepoPath, assertRevision, type HubRepoType, isCommitSha } from './names';
import { DEFAULT_HUB_TIMEOUT_MS, timedFetch } from './timed-fetch';

export interface DownloadProgress {
  repo: string;
  commit: string;
  /** The file being downloaded and its own progress. */
  path: string;
  fileBytes: number;
  fileSize: number;
  /** Progress over every file this `ensure` call downloads (cached files are not counted). */
  bytes: number;
  totalBytes: number;
}

export interface HubCacheOptions {
  cacheDir: string;
  /** Base URL of the Hub (lib/env.ts `getConfig().hfHubUrl`). */
  hubUrl: string;
  /** Deadline for response headers, and for silence in the middle of a body. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Appended to "could not reach the Hub" errors. Defaults to the model-loading hint. */
  offlineHint?: string;
}

const listingFileSchema = z.object({ version: z.literal(1), files: z.array(repoFileEntrySchema) });

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.partial`;
  await fs.writeFile(temp, text);
  await fs.rename(temp, file);
}

async function sizeOf(file: string): Promise<number | undefined> {
  try {
    const stat = await fs.stat(file);
    return stat.isFile() ? stat.size : undefined;
  } catch {
    return undefined;
  }
}

export class HubCache {
  private readonly root: string;
  private readonly context: HubCallContext;

  constructor(private readonly options: HubCacheOptions) {
    this.root = path.resolve(options.cacheDir);
    this.context = {
      hubUrl: options.hubUrl.replace(/\/+$/, ''),
      fetch: options.fetch ?? globalThis.fetch,
      type: 'model',
      offlineHint: options.offlineHint ?? MODEL_OFFLINE_HINT,
    };
  }

  /**
   * The files of `repo` at `revision`: resolves a branch/tag to its commit and loads the listing,
   * from the cache when possible. Downloads nothing yet; call `ensure` on the result.
   */
  async snapshot(repo: string, revision: string, type: HubRepoType = 'model'): Promise<RepoSnapshot> {
    assertRepoId(repo);
    assertRevision(revision);
    const timed = timedFetch(this.context.fetch, {
      timeoutMs: this.options.timeoutMs ?? DEFAULT_HUB_TIMEOUT_MS,
      signal: this.options.signal,
      hubUrl: this.context.hubUrl,
      deadline: 'total',
    });
    const context = { ...this.context, type, fetch: timed.fetch };
    const repoDir = this.inside(`${type}s`, ...repo.split('/'));
    const commit = await this.resolve(repo, revision, repoDir, context);
    const commitDir = this.inside(repoDir, commit);
    const listingFile = path.join(commitDir, 'listing.json');
    const cached = listingFileSchema.safeParse(await readJson(listingFile));
    let files: RepoFileEntry[];
    if (cached.success) {
      files = cached.data.files;
    } else {
      files = await listRepoFiles(repo, commit, context);
      await writeAtomically(listingFile, `${JSON.stringify({ version: 1, files }, null, 1)}\n`);
    }
    return new RepoSnapshot(repo, type, commit, commitDir, files, {
      // Downloads wrap the plain fetch with their own (idle) deadlines.
      context: { ...this.context, type },
      timeoutMs: this.options.timeoutMs ?? DEFAULT_HUB_TIMEOUT_MS,
      signal: this.options.signal,
    });
  }

  private async resolve(repo: string, revision: string, repoDir: string, context: HubCallContext) {
    if (isCommitSha(revision)) return revision;
    const refFile = this.inside(repoDir, 'refs', revision);
    try {
      const commit = await resolveCommit(repo, revision, context);
      await writeAtomically(refFile, commit);
      return commit;
    } catch (error) {
      // Offline with a branch name: fall back to the commit it pointed at last time.
      const known = (await fs.readFile(refFile, 'utf8').catch(() => '')).trim();
      if (
        error instanceof HubError &&
        (error.code === 'unreachable' || error.code === 'timeout') &&
        isCommitSha(known)
      ) {
        return known;
      }
      throw error;
    }
  }

  /** Joins validated segments under the cache root and refuses anything that lands outside it. */
  private inside(...segments: string[]): string {
    const target = path.resolve(this.root, ...segments);
    if (target !== this.root && !target.startsWith(`${this.root}${path.sep}`)) {
      throw new HubError('bad_response', `Refusing a cache path outside ${this.root}.`);
    }
    return target;
  }
}

export class RepoSnapshot {
  readonly files: ReadonlyMap<string, RepoFileEntry>;
  /** Folder holding the downloaded files under their repo paths. */
  readonly dir: string;

  constructor(
    readonly repo: string,
    readonly type: HubRepoType,
    readonly commit: string,
    commitDir: string,
    entries: readonly RepoFileEntry[],
    private readonly settings: { context: HubCallContext; timeoutMs: number; signal?: AbortSignal },
  ) {
    this.dir = path.join(commitDir, 'files');
    this.files = new Map(entries.map((entry) => [entry.path, entry]));
  }

  has(filePath: string): boolean {
    return this.files.has(filePath);
  }

  /** Absolute local path of a repo file (whether or not it is downloaded yet). */
  localPath(filePath: string): string {
    assertRepoPath(filePath);
    const target = path.resolve(this.dir, filePath);
    if (!target.startsWith(`${this.dir}${path.sep}`)) {
      throw new HubError('bad_response', `Refusing a repo path outside the cache: ${filePath}.`);
    }
    return target;
  }

  /**
   * Makes sure the given files are in the cache (downloading the missing or wrong-sized ones, one
   * after another) and returns their local paths. A file missing from the commit is an error.
   */
  async ensure(
    filePaths: readonly string[],
    onProgress?: (progress: DownloadProgress) => void,
  ): Promise<Map<string, string>> {
    const wanted: { entry: RepoFileEntry; target: string; size: number }[] = [];
    const out = new Map<string, string>();
    for (const filePath of filePaths) {
      const entry = this.files.get(assertRepoPath(filePath));
      if (!entry) {
        throw new HubError(
          'not_found',
          `${filePath} is not in ${this.repo}@${this.commit} on the Hub at ${this.settings.context.hubUrl}.`,
        );
      }
      const target = this.localPath(filePath);
      out.set(filePath, target);
      const size = entry.lfs?.size ?? entry.size;
      if ((await sizeOf(target)) !== size) wanted.push({ entry, target, size });
    }
    const totalBytes = wanted.reduce((sum, item) => sum + item.size, 0);
    let bytes = 0;
    for (const { entry, target, size } of wanted) {
      let fileBytes = 0;
      await downloadRepoFile({
        repo: this.repo,
        commit: this.commit,
        entry,
        target,
        context: this.settings.context,
        timeoutMs: this.settings.timeoutMs,
        signal: this.settings.signal,
        onBytes: (delta) => {
          fileBytes += delta;
          bytes += delta;
          onProgress?.({
            repo: this.repo,
            commit: this.commit,
            path: entry.path,
            fileBytes,
            fileSize: size,
            bytes,
            totalBytes,
          });
        },
      });
    }
    return out;
  }
}
