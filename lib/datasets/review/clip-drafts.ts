/**
 * Unsaved clip edits (caption, tags, licence, trim) kept in the browser until the server confirms
 * them, so text typed before a reload, a crash or a lost connection is never lost. Drafts are
 * patches in the contract's own shape (UpdateClipRequest) and are re-validated when read back.
 */
import { type UpdateClipRequest, updateClipRequestSchema } from '../model';

export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const PREFIX = 'genki:clip-draft:';

export function browserDraftStorage(): DraftStorage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    // Storage disabled (private mode, policy): drafts then live only in memory.
    return null;
  }
}

export function isEmptyPatch(patch: UpdateClipRequest): boolean {
  return Object.values(patch).every((value) => value === undefined);
}

/** Applies `next` over `base`; tag fields merge one by one (the contract's tags patch is partial). */
export function mergePatch(base: UpdateClipRequest, next: UpdateClipRequest): UpdateClipRequest {
  const merged: UpdateClipRequest = { ...base, ...next };
  if (base.tags && next.tags) merged.tags = { ...base.tags, ...next.tags };
  return merged;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What is still unsaved after `sent` was saved: fields edited again while the request was in
 * flight keep their newer value.
 */
export function withoutSaved(pending: UpdateClipRequest, sent: UpdateClipRequest): UpdateClipRequest {
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(pending)) {
    const sentValue = (sent as Record<string, unknown>)[key];
    if (key === 'tags' && value && sentValue) {
      const tags: Record<string, unknown> = {};
      for (const [tag, tagValue] of Object.entries(value)) {
        if (!same(tagValue, (sentValue as Record<string, unknown>)[tag])) tags[tag] = tagValue;
      }
      if (Object.keys(tags).length > 0) rest.tags = tags;
    } else if (value !== undefined && !same(value, sentValue)) {
      rest[key] = value;
    }
  }
  return rest as UpdateClipRequest;
}

export function readDraft(storage: DraftStorage | null, clipId: string): UpdateClipRequest | null {
  if (!storage) return null;
  try {
    const raw = storage.getItem(PREFIX + clipId);
    if (!raw) return null;
    const parsed = updateClipRequestSchema.safeParse(JSON.parse(raw));
    if (parsed.success && !isEmptyPatch(parsed.data)) return parsed.data;
    storage.removeItem(PREFIX + clipId);
  } catch {
    // A corrupt entry is dropped rather than blocking the editor.
  }
  return null;
}

export function writeDraft(storage: DraftStorage | null, clipId: string, patch: UpdateClipRequest): void {
  if (!storage) return;
  try {
    if (isEmptyPatch(patch)) storage.removeItem(PREFIX + clipId);
    else storage.setItem(PREFIX + clipId, JSON.stringify(patch));
  } catch {
    // Quota exceeded: the draft stays in memory for this page view.
  }
}
