'use client';

/**
 * The review view's state is the URL. Changes go through the browser's history API, which Next.js
 * folds into its router (useSearchParams follows), so filtering and stepping through clips never
 * wait on a server round trip. Filter changes push a history entry (the back button undoes them);
 * moving between clips replaces it, so the history is not thousands of clips deep.
 *
 * The selected clip is also kept in React state and set at once: the router applies URL changes in
 * a transition, and J/K must feel instant even when the list holds thousands of clips.
 */
import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useState } from 'react';
import type { ClipQuery } from '@/lib/datasets/model';
import {
  clearFilters,
  parseReviewSearch,
  type ReviewState,
  reviewSearchString,
} from '@/lib/datasets/review/review-search';

/** The review state in the address bar right now (not as of the last render). */
export const liveUrlState = () => parseReviewSearch(new URLSearchParams(window.location.search));

export function useReviewUrl() {
  const params = useSearchParams();
  const pathname = usePathname();
  const urlState = useMemo(() => parseReviewSearch(new URLSearchParams(params.toString())), [params]);
  const [clip, setClip] = useState(urlState.clip);
  const [seenUrlClip, setSeenUrlClip] = useState(urlState.clip);
  if (urlState.clip !== seenUrlClip) {
    setSeenUrlClip(urlState.clip);
    // Follow the URL when it changed from outside (back button, a link); ignore a router update that
    // only catches up with an older selection of ours.
    if (typeof window === 'undefined' || urlState.clip === liveUrlState().clip) setClip(urlState.clip);
  }
  const state = useMemo(() => ({ ...urlState, clip }), [urlState, clip]);

  const navigate = useCallback(
    (change: (current: ReviewState) => ReviewState, mode: 'push' | 'replace') => {
      // Read the live URL, not a render's snapshot: several changes can land before a re-render.
      const current = liveUrlState();
      const url = `${pathname}${reviewSearchString(change(current))}`;
      if (mode === 'push') window.history.pushState(null, '', url);
      else window.history.replaceState(null, '', url);
    },
    [pathname],
  );

  const setQuery = useCallback(
    (patch: Partial<ClipQuery>, mode: 'push' | 'replace' = 'push') =>
      navigate((current) => ({ ...current, query: { ...current.query, ...patch } }), mode),
    [navigate],
  );
  const resetFilters = useCallback(
    () => navigate((current) => ({ ...current, query: clearFilters(current.query) }), 'push'),
    [navigate],
  );
  const selectClip = useCallback(
    (next: string | null) => {
      setClip(next);
      navigate((current) => ({ ...current, clip: next }), 'replace');
    },
    [navigate],
  );

  return { state, setQuery, resetFilters, selectClip };
}
