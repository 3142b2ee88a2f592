import { describe, expect, it } from 'vitest';
import {
  type DraftStorage,
  isEmptyPatch,
  mergePatch,
  readDraft,
  withoutSaved,
  writeDraft,
} from './clip-drafts';

function memoryStorage(): DraftStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

describe('clip drafts', () => {
  it('merges patches, tags field by field', () => {
    expect(
      mergePatch({ caption: 'a', tags: { moods: ['happy'] } }, { tags: { bpm: 120 }, licence: 'CC0-1.0' }),
    ).toEqual({ caption: 'a', tags: { moods: ['happy'], bpm: 120 }, licence: 'CC0-1.0' });
  });

  it('keeps what was edited again while a save was in flight', () => {
    const sent = { caption: 'one', licence: 'MIT', tags: { moods: ['happy'], bpm: 120 } };
    const pending = { caption: 'one two', licence: 'MIT', tags: { moods: ['happy'], bpm: 121 } };
    expect(withoutSaved(pending, sent)).toEqual({ caption: 'one two', tags: { bpm: 121 } });
    expect(isEmptyPatch(withoutSaved(sent, sent))).toBe(true);
  });

  it('keeps null values (clearing a licence or trim) distinct from unsaved ones', () => {
    expect(withoutSaved({ trim: null }, {})).toEqual({ trim: null });
    expect(withoutSaved({ trim: null }, { trim: null })).toEqual({});
  });

  it('round-trips through storage and drops empty or invalid drafts', () => {
    const storage = memoryStorage();
    writeDraft(storage, 'clp_abcdefghij', { caption: 'draft text', captionOrigin: 'human' });
    expect(readDraft(storage, 'clp_abcdefghij')).toEqual({ caption: 'draft text', captionOrigin: 'human' });
    writeDraft(storage, 'clp_abcdefghij', {});
    expect(storage.data.size).toBe(0);
    storage.setItem('genki:clip-draft:clp_x', '{"caption": 5}');
    expect(readDraft(storage, 'clp_x')).toBeNull();
    expect(storage.data.size).toBe(0);
    storage.setItem('genki:clip-draft:clp_y', 'not json');
    expect(readDraft(storage, 'clp_y')).toBeNull();
    expect(readDraft(null, 'clp_y')).toBeNull();
  });
});
