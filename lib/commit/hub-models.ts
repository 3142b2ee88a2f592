/**
 * The miner's model repos and their commits, straight from the Hugging Face Hub in the browser
 * (@huggingface/hub `listModels` by owner, `listCommits`), checked with zod since the library
 * passes the Hub's JSON through untyped. Only public repos are listed: validators download without
 * a token, so a private repo could not be evaluated anyway. No Node APIs.
 */
import { listCommits, listModels } from '@huggingface/hub';
import { z } from 'zod';
import { HubError } from '../hub/errors';
import { type HubCallContext, toHubError } from '../hub/listing';
import { DEFAULT_HUB_TIMEOUT_MS, timedFetch } from '../hub/timed-fetch';

/** Hub user and organisation names: letters, digits, "-", "_", "." (never starting with a symbol). */
export const hubOwnerSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/, 'Write a Hugging Face username or organisation, e.g. my-name.');

export interface HubModelRepo {
  /** `owner/name`. */
  name: string;
  private: boolean;
  updatedAt: string;
}

export interface HubCommit {
  /** The full 40-hex commit SHA: the only revision a commitment may name. */
  oid: string;
  title: string;
  date: string;
  authors: string[];
}

const modelEntry = z.object({ name: z.string(), private: z.boolean().optional(), updatedAt: z.date() });
const commitEntry = z.object({
  oid: z.string().regex(/^[0-9a-f]{40}$/),
  title: z.string(),
  date: z.date(),
  authors: z.array(z.object({ username: z.string() })),
});

export interface HubListOptions {
  hubUrl: string;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

function callContext(options: HubListOptions): HubCallContext {
  const timed = timedFetch(options.fetch ?? globalThis.fetch.bind(globalThis), {
    timeoutMs: DEFAULT_HUB_TIMEOUT_MS,
    signal: options.signal,
    hubUrl: options.hubUrl,
    deadline: 'total',
  });
  return {
    hubUrl: options.hubUrl,
    fetch: timed.fetch,
    type: 'model',
    offlineHint: 'Check your connection; the studio lists repos straight from the Hub.',
  };
}

function malformed(hubUrl: string, what: string): HubError {
  return new HubError('bad_response', `The Hub at ${hubUrl} sent an unexpected listing of ${what}.`);
}

/** Public model repos of `owner`, most recently updated first (at most `limit`). */
export async function listOwnerModels(
  owner: string,
  options: HubListOptions & { limit?: number },
): Promise<HubModelRepo[]> {
  const name = hubOwnerSchema.parse(owner);
  const context = callContext(options);
  const out: HubModelRepo[] = [];
  try {
    for await (const raw of listModels({
      search: { owner: name },
      hubUrl: context.hubUrl,
      fetch: context.fetch,
      limit: options.limit ?? 200,
      sort: 'lastModified',
    })) {
      const parsed = modelEntry.safeParse(raw);
      if (!parsed.success) throw malformed(context.hubUrl, `${name}'s models`);
      // The Hub's author filter is exact, but a stand-in or mirror may be looser.
      if (!parsed.data.name.startsWith(`${name}/`) || parsed.data.private) continue;
      out.push({ name: parsed.data.name, private: false, updatedAt: parsed.data.updatedAt.toISOString() });
    }
  } catch (error) {
    throw toHubError(error, `the model repos of ${name}`, context);
  }
  return out.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.name.localeCompare(b.name));
}

/** The newest `limit` commits of `repo`'s main branch, newest first. */
export async function listRepoCommits(
  repo: string,
  options: HubListOptions & { limit?: number },
): Promise<HubCommit[]> {
  const limit = options.limit ?? 50;
  const context = callContext(options);
  const out: HubCommit[] = [];
  try {
    for await (const raw of listCommits({
      repo: { type: 'model', name: repo },
      hubUrl: context.hubUrl,
      fetch: context.fetch,
      batchSize: limit,
    })) {
      const parsed = commitEntry.safeParse(raw);
      if (!parsed.success) throw malformed(context.hubUrl, `${repo}'s commits`);
      const { oid, title, date, authors } = parsed.data;
      out.push({ oid, title, date: date.toISOString(), authors: authors.map((a) => a.username) });
      if (out.length >= limit) break;
    }
  } catch (error) {
    throw toHubError(error, `the commits of ${repo}`, context);
  }
  return out;
}
