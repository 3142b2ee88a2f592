/**
 * The review workspace keeps its view state in the URL (filters, sort and the selected clip), so a
 * view can be shared and the back button works. This module converts between search params and
 * that state; it is pure so it runs in server components, client components and tests alike.
 */
import { type ClipQuery, clipQuerySchema } from '../model';

export interface ReviewState {
  query: ClipQuery;
  /** The selected clip's id, or null when none is selected. */
  clip: string | null;
}

/** What Next.js gives a page (`searchParams`) or what the browser has (`URLSearchParams`). */
export type SearchInput = URLSearchParams | Record<string, string | string[] | undefined>;

const CLIP_ID = /^[a-z]{2,4}_[A-Za-z0-9]{10,32}$/;

export const DEFAULT_CLIP_QUERY: ClipQuery = clipQuerySchema.parse({});

/** Every key the clip query understands, in the order they are written to the URL. */
export const CLIP_QUERY_KEYS = Object.keys(clipQuerySchema.shape) as (keyof ClipQuery)[];

function readParam(input: SearchInput, key: string): string | undefined {
  if (input instanceof URLSearchParams) return input.get(key) ?? undefined;
  const value = input[key];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Reads the review state from search params. A bad value (hand-edited or stale link) drops only
 * that one filter instead of failing the whole page.
 */
export function parseReviewSearch(input: SearchInput): ReviewState {
  const candidate: Record<string, string> = {};
  for (const key of CLIP_QUERY_KEYS) {
    const value = readParam(input, key)?.trim();
    if (value) candidate[key] = value;
  }
  let query = DEFAULT_CLIP_QUERY;
  // Each pass removes the fields zod rejected; at most one pass per field is ever needed.
  for (let pass = 0; pass <= CLIP_QUERY_KEYS.length; pass++) {
    const parsed = clipQuerySchema.safeParse(candidate);
    if (parsed.success) {
      query = parsed.data;
      break;
    }
    for (const issue of parsed.error.issues) delete candidate[String(issue.path[0])];
  }
  // A range typed backwards still means something: swap it rather than show nothing.
  if (
    query.minDuration !== undefined &&
    query.maxDuration !== undefined &&
    query.minDuration > query.maxDuration
  )
    query = { ...query, minDuration: query.maxDuration, maxDuration: query.minDuration };
  const clip = readParam(input, 'clip');
  return { query, clip: clip && CLIP_ID.test(clip) ? clip : null };
}

/** Only the values that differ from the defaults: a stable react-query key and a short URL. */
export function compactClipQuery(query: ClipQuery): Partial<ClipQuery> {
  const compact: Partial<ClipQuery> = {};
  for (const key of CLIP_QUERY_KEYS) {
    const value = query[key];
    if (value === undefined || value === '' || value === DEFAULT_CLIP_QUERY[key]) continue;
    Object.assign(compact, { [key]: value });
  }
  return compact;
}

/** The search string (with its leading "?", or "" when everything is default) for a state. */
export function reviewSearchString(state: ReviewState): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(compactClipQuery(state.query))) params.set(key, String(value));
  if (state.clip) params.set('clip', state.clip);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** True when any filter (not sort) narrows the list. */
export function hasActiveFilters(query: ClipQuery): boolean {
  return (
    query.status !== 'all' ||
    query.quality !== 'all' ||
    query.licence !== 'all' ||
    query.minDuration !== undefined ||
    query.maxDuration !== undefined ||
    query.minScore !== undefined ||
    Boolean(query.tag) ||
    Boolean(query.q)
  );
}

/** The same sort, no filters: what "Clear filters" goes to. */
export function clearFilters(query: ClipQuery): ClipQuery {
  return { ...DEFAULT_CLIP_QUERY, sort: query.sort, order: query.order };
}
