/** One row of the clip list: compact, fixed height (the list is virtualised), text only. */
import { memo } from 'react';
import type { ClipRow } from '@/lib/datasets/model';
import { formatClock } from '@/lib/datasets/review/format';
import { LicenceBadge, QualityBadge, ScoreBadge, StatusBadge } from '../shared/clip-badges';

export const ROW_HEIGHT = 68;

export const optionId = (clipId: string) => `clip-option-${clipId}`;

interface ClipRowViewProps {
  row: ClipRow;
  index: number;
  count: number;
  selected: boolean;
  /** Offset from the top of the list, in pixels. */
  start: number;
  onSelect: (clipId: string) => void;
}

/** Memoised: scrolling re-renders the list, but a row only re-renders when its own data changes. */
export const ClipRowView = memo(function ClipRowView({
  row,
  index,
  count,
  selected,
  start,
  onSelect,
}: ClipRowViewProps) {
  const id = optionId(row.id);
  return (
    // The listbox handles the keyboard (aria-activedescendant); rows only need the pointer.
    // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/useFocusableInteractive: focus stays on the listbox, which points at the selected option (aria-activedescendant) and handles the keys.
    <div
      id={id}
      role="option"
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={count}
      aria-labelledby={`${id}-name`}
      aria-describedby={`${id}-details`}
      className={`clip-row status-row-${row.status}`}
      style={{ transform: `translateY(${start}px)`, height: ROW_HEIGHT }}
      onClick={() => onSelect(row.id)}
    >
      <div className="clip-row-line">
        <span className="clip-row-position" aria-hidden="true">
          {row.position}
        </span>
        <span id={`${id}-name`} className="clip-row-name" title={row.fileName}>
          {row.fileName}
        </span>
        <span className="clip-row-duration">{formatClock(row.durationSeconds)}</span>
      </div>
      <div id={`${id}-details`} className="clip-row-line clip-row-details">
        <StatusBadge status={row.status} />
        <QualityBadge level={row.qualityLevel} short />
        <LicenceBadge licence={row.licence} />
        <ScoreBadge score={row.clapScore} stale={row.clapStale} />
        <span className={row.caption ? 'clip-row-caption' : 'clip-row-caption muted'}>
          {row.caption || 'No caption'}
        </span>
      </div>
    </div>
  );
});
