/**
 * Asking the Hub what a revision contains: the commit a branch/tag points at, and the recursive
 * file listing (sizes and hashes, which the downloader verifies against). Every answer is checked
 * with zod, since @huggingface/hub passes the JSON through untyped. No Node APIs.
 */
import {
  datasetInfo,
  HubApiError,
  InvalidApiResponseFormatError,
  listFiles,
  modelInfo,
} from '@huggingface/hub';
import { z } from 'zod';
import { describeCause, HubError } from './errors';
import { type HubRepoType, isCommitSha, isValidRepoPath } from './names';

export const repoFileEntrySchema = z.object({
  path: z.string(),
  size: z.number().int().nonnegative(),
  /** Git blob id (SHA-1 of "blob <size>\0<content>") for plain files; of the pointer for LFS. */
  oid: z
    .string()
    .regex(/^[0-9a-f]{40}$/)
    .optional(),
  lfs: z.object({ oid: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().nonnegative() }).optional(),
  xetHash: z.string().optional(),
});
export type RepoFileEntry = z.infer<typeof repoFileEntrySchema>;

const treeEntrySchema = repoFileEntrySchema.extend({
  type: z.enum(['file', 'directory', 'unknown']),
  lfs: z
    .looseObject({ oid: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().nonnegative() })
    .optional(),
});

export interface HubCallContext {
  hubUrl: string;
  fetch: typeof fetch;
  type: HubRepoType;
  /** Appended to "could not reach" messages: what the operator can configure instead. */
  offlineHint: string;
}

/** Turns whatever a Hub call threw into a HubError whose message names the Hub and the target. */
export function toHubError(error: unknown, target: string, context: HubCallContext): HubError {
  if (error instanceof HubError) return error;
  const { hubUrl, offlineHint } = context;
  if (error instanceof HubApiError) {
    const detail = error.message.split('. URL:')[0] ?? error.message;
    if (error.statusCode === 404) {
      return new HubError('not_found', `${target} was not found on the Hub at ${hubUrl} (${detail}).`, {
        cause: error,
      });
    }
    if (error.statusCode === 401 || error.statusCode === 403) {
      return new HubError(
        'forbidden',
        `The Hub at ${hubUrl} refused access to ${target} (HTTP ${error.statusCode}): it does not exist or is not public. Genki Studio fetches public repos only.`,
        { cause: error },
      );
    }
    return new HubError(
      'bad_response',
      `The Hub at ${hubUrl} answered HTTP ${error.statusCode} for ${target} (${detail}).`,
      { cause: error },
    );
  }
  if (error instanceof InvalidApiResponseFormatError) {
    return new HubError(
      'bad_response',
      `The Hub at ${hubUrl} sent an unexpected answer for ${target}: ${error.message}`,
      {
        cause: error,
      },
    );
  }
  if (error instanceof TypeError && (error.message === 'fetch failed' || error.cause !== undefined)) {
    // undici's "fetch failed" (the cause says why): DNS, connection refused, reset, TLS.
    return new HubError(
      'unreachable',
      `Could not reach the Hugging Face Hub at ${hubUrl} to fetch ${target}: ${describeCause(error)}. ${offlineHint}`,
      { cause: error },
    );
  }
  return new HubError('bad_response', `Fetching ${target} from ${hubUrl} failed: ${describeCause(error)}`, {
    cause: error,
  });
}

/** The commit SHA a revision names (a SHA is returned as is, without a request). */
export async function resolveCommit(
  repo: string,
  revision: string,
  context: HubCallContext,
): Promise<string> {
  if (isCommitSha(revision)) return revision;
  const params = {
    name: repo,
    revision,
    hubUrl: context.hubUrl,
    fetch: context.fetch,
    additionalFields: ['sha' as const],
  };
  let sha: unknown;
  try {
    sha = context.type === 'dataset' ? (await datasetInfo(params)).sha : (await modelInfo(params)).sha;
  } catch (error) {
    throw toHubError(error, `${repo}@${revision}`, context);
  }
  if (typeof sha !== 'string' || !isCommitSha(sha)) {
    throw new HubError(
      'bad_response',
      `The Hub at ${context.hubUrl} gave no commit SHA for ${repo}@${revision}.`,
    );
  }
  return sha;
}

/** Every file of a commit with its size and hashes. Entries with unsafe paths are left out. */
export async function listRepoFiles(
  repo: string,
  commit: string,
  context: HubCallContext,
): Promise<RepoFileEntry[]> {
  const out: RepoFileEntry[] = [];
  try {
    const entries = listFiles({
      repo: { type: context.type, name: repo },
      revision: commit,
      recursive: true,
      hubUrl: context.hubUrl,
      fetch: context.fetch,
    });
    for await (const raw of entries) {
      const parsed = treeEntrySchema.safeParse(raw);
      if (!parsed.success) {
        throw new HubError(
          'bad_response',
          `The Hub at ${context.hubUrl} sent a malformed file listing for ${repo}@${commit}: ${parsed.error.issues[0]?.message ?? 'invalid'}.`,
        );
      }
      const { type, lfs, ...entry } = parsed.data;
      if (type !== 'file' || !isValidRepoPath(entry.path)) continue;
      out.push({ ...entry, ...(lfs ? { lfs: { oid: lfs.oid, size: lfs.size } } : {}) });
    }
  } catch (error) {
    throw toHubError(error, `${repo}@${commit}`, context);
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
