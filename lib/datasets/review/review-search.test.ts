import { describe, expect, it } from 'vitest';
import {
  clearFilters,
  compactClipQuery,
  DEFAULT_CLIP_QUERY,
  hasActiveFilters,
  parseReviewSearch,
  reviewSearchString,
} from './review-search';

const CLIP = 'clp_abcdefghij12';

describe('parseReviewSearch', () => {
  it('gives the defaults for an empty URL', () => {
    expect(parseReviewSearch(new URLSearchParams())).toEqual({ query: DEFAULT_CLIP_QUERY, clip: null });
  });

  it('reads every filter, the sort and the selected clip', () => {
    const state = parseReviewSearch(
      new URLSearchParams(
        `status=new&quality=warn&licence=unknown&minDuration=10&maxDuration=60.5&minScore=0.2&tag=happy&q=boss+fight&sort=score&order=desc&clip=${CLIP}`,
      ),
    );
    expect(state).toEqual({
      query: {
        status: 'new',
        quality: 'warn',
        licence: 'unknown',
        minDuration: 10,
        maxDuration: 60.5,
        minScore: 0.2,
        tag: 'happy',
        q: 'boss fight',
        sort: 'score',
        order: 'desc',
      },
      clip: CLIP,
    });
  });

  it('accepts the record Next.js passes to pages, taking the first of repeated values', () => {
    const state = parseReviewSearch({ status: ['accepted', 'skipped'], q: 'loop', clip: undefined });
    expect(state.query.status).toBe('accepted');
    expect(state.query.q).toBe('loop');
    expect(state.clip).toBeNull();
  });

  it('drops only the values that are invalid', () => {
    const state = parseReviewSearch(
      new URLSearchParams('status=banana&minScore=7&sort=name&minDuration=-3&clip=../../etc'),
    );
    expect(state.query).toEqual({ ...DEFAULT_CLIP_QUERY, sort: 'name' });
    expect(state.clip).toBeNull();
  });

  it('swaps a duration range typed backwards', () => {
    const state = parseReviewSearch(new URLSearchParams('minDuration=90&maxDuration=30'));
    expect(state.query.minDuration).toBe(30);
    expect(state.query.maxDuration).toBe(90);
  });

  it('ignores blank values', () => {
    expect(parseReviewSearch(new URLSearchParams('q=%20%20&tag=')).query).toEqual(DEFAULT_CLIP_QUERY);
  });
});

describe('reviewSearchString', () => {
  it('is empty for the defaults', () => {
    expect(reviewSearchString({ query: DEFAULT_CLIP_QUERY, clip: null })).toBe('');
  });

  it('writes only non-default values and round-trips', () => {
    const state = {
      query: {
        ...DEFAULT_CLIP_QUERY,
        status: 'reported' as const,
        minScore: -0.1,
        q: 'a&b',
        order: 'desc' as const,
      },
      clip: CLIP,
    };
    const text = reviewSearchString(state);
    expect(text).toBe(`?status=reported&minScore=-0.1&q=a%26b&order=desc&clip=${CLIP}`);
    expect(parseReviewSearch(new URLSearchParams(text.slice(1)))).toEqual(state);
  });
});

describe('query helpers', () => {
  it('compacts to the non-default values', () => {
    expect(compactClipQuery({ ...DEFAULT_CLIP_QUERY, licence: 'known', maxDuration: 0 })).toEqual({
      licence: 'known',
      maxDuration: 0,
    });
  });

  it('knows when filters are active and clears them but keeps the sort', () => {
    const query = { ...DEFAULT_CLIP_QUERY, tag: 'retro', sort: 'duration' as const, order: 'desc' as const };
    expect(hasActiveFilters(DEFAULT_CLIP_QUERY)).toBe(false);
    expect(hasActiveFilters({ ...DEFAULT_CLIP_QUERY, sort: 'name' })).toBe(false);
    expect(hasActiveFilters(query)).toBe(true);
    expect(clearFilters(query)).toEqual({ ...DEFAULT_CLIP_QUERY, sort: 'duration', order: 'desc' });
  });
});
