'use client';

/**
 * The review workspace (page-client of /datasets/[id]/review): filters and sort, the virtualised
 * clip list and the selected clip's detail pane, all driven by the URL and the keyboard.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ClipStatus } from '@/lib/datasets/model';
import { plural } from '@/lib/datasets/review/format';
import { compactClipQuery, hasActiveFilters } from '@/lib/datasets/review/review-search';
import type { ReviewAction } from '@/lib/datasets/review/shortcuts';
import { clipListOptions, datasetOptions } from '@/lib/queries/datasets';
import { BulkActions } from './bulk-actions';
import { ClipDetail, type ClipDetailHandle } from './clip-detail';
import { ClipFilters } from './clip-filters';
import { ClipList } from './clip-list';
import { ShortcutSheet, type ShortcutSheetHandle } from './shortcut-sheet';
import { useClipPatch } from './use-clip-mutations';
import { useReviewShortcuts } from './use-review-shortcuts';
import { liveUrlState, useReviewUrl } from './use-review-url';

const currentClipInUrl = () => liveUrlState().clip;

export function ReviewWorkspace({ datasetId, canEdit }: { datasetId: string; canEdit: boolean }) {
  const { state, setQuery, resetFilters, selectClip } = useReviewUrl();
  const compact = useMemo(() => compactClipQuery(state.query), [state.query]);
  const list = useQuery({ ...clipListOptions(datasetId, compact), placeholderData: keepPreviousData });
  const dataset = useQuery(datasetOptions(datasetId));
  const rows = useMemo(() => list.data?.clips ?? [], [list.data]);
  const detail = useRef<ClipDetailHandle>(null);
  const sheet = useRef<ShortcutSheetHandle>(null);
  const [autoplayClip, setAutoplayClip] = useState<string | null>(null);
  const decision = useClipPatch(datasetId);

  // Keyboard-first: with nothing selected, the first clip is.
  useEffect(() => {
    const first = rows[0];
    if (state.clip || !first) return;
    // Next.js hooks into the history API in an effect of its own, which runs after this one on the
    // first render: wait a tick so the URL change goes through the router.
    const timer = setTimeout(() => selectClip(first.id), 0);
    return () => clearTimeout(timer);
  }, [state.clip, rows, selectClip]);

  const step = useCallback(
    (direction: 1 | -1, autoplay: boolean) => {
      if (rows.length === 0) return;
      // The live URL, not this render's state: fast key repeats land before React re-renders.
      const current = currentClipInUrl();
      const index = current ? rows.findIndex((row) => row.id === current) : -1;
      const nextIndex = index < 0 ? 0 : Math.min(Math.max(index + direction, 0), rows.length - 1);
      const next = rows[nextIndex];
      if (!next || next.id === current) return;
      setAutoplayClip(autoplay ? next.id : null);
      selectClip(next.id);
    },
    [rows, selectClip],
  );

  // A click selects without playing: the reviewer chose it with the pointer, Space plays it.
  const pick = useCallback(
    (clipId: string) => {
      setAutoplayClip(null);
      selectClip(clipId);
    },
    [selectClip],
  );

  const decide = useCallback(
    (status: ClipStatus, reportReason?: string | null) => {
      const clipId = currentClipInUrl();
      if (!clipId) return;
      decision.mutate({
        clipId,
        patch: { status, reportReason: status === 'reported' ? (reportReason ?? null) : null },
      });
      // Deciding moves on (and plays the next clip); undoing a decision stays put.
      if (status !== 'new') step(1, true);
    },
    [decision, step],
  );

  const onAction = useCallback(
    (action: ReviewAction) => {
      if (action === 'next') step(1, true);
      else if (action === 'previous') step(-1, false);
      else if (action === 'show-shortcuts') sheet.current?.open();
      else detail.current?.run(action);
    },
    [step],
  );
  useReviewShortcuts(canEdit, onAction);

  const selectedRow = rows.find((row) => row.id === state.clip);
  // `total` counts the whole dataset; the rows are the clips that match the filters.
  const total = list.data?.total ?? 0;

  return (
    <div className="review">
      <ClipFilters
        query={state.query}
        byStatus={dataset.data?.stats.byStatus}
        onChange={setQuery}
        onClear={resetFilters}
      />
      <div className="review-bar">
        <p className="review-count" aria-live="polite">
          {list.isPending
            ? 'Loading clips…'
            : list.isPlaceholderData
              ? 'Filtering…'
              : hasActiveFilters(state.query)
                ? `${plural(rows.length, 'clip')} of ${total.toLocaleString('en')} match`
                : plural(total, 'clip')}
        </p>
        {canEdit && <BulkActions datasetId={datasetId} rows={rows} />}
        <button
          type="button"
          className="button button-small button-ghost"
          onClick={() => sheet.current?.open()}
          aria-keyshortcuts="?"
        >
          <kbd>?</kbd> Shortcuts
        </button>
      </div>
      {list.isError && (
        <p className="alert" role="alert">
          The clips could not be loaded: {list.error.message}
        </p>
      )}
      <div className="review-panes">
        <div className="review-list-pane">
          {rows.length === 0 && !list.isPending ? (
            <div className="review-empty">
              <p>
                {hasActiveFilters(state.query)
                  ? 'No clip matches these filters.'
                  : 'This dataset has no clips yet.'}
              </p>
              {hasActiveFilters(state.query) ? (
                <button type="button" className="button" onClick={resetFilters}>
                  Clear filters
                </button>
              ) : (
                canEdit && (
                  <Link className="button button-primary" href={`/datasets/${encodeURIComponent(datasetId)}`}>
                    Add audio
                  </Link>
                )
              )}
            </div>
          ) : (
            <ClipList rows={rows} selectedId={state.clip} onSelect={pick} busy={list.isFetching} />
          )}
        </div>
        <div className="review-detail-pane">
          {state.clip ? (
            <ClipDetail
              ref={detail}
              datasetId={datasetId}
              clipId={state.clip}
              row={selectedRow}
              canEdit={canEdit}
              autoplay={autoplayClip === state.clip}
              onDecide={decide}
              decisionError={decision.error ? `The decision was not saved: ${decision.error.message}` : null}
            />
          ) : (
            <p className="review-empty muted">Select a clip to listen to it and edit its caption.</p>
          )}
        </div>
      </div>
      <ShortcutSheet ref={sheet} canEdit={canEdit} />
    </div>
  );
}
