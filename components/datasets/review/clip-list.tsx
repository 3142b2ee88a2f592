'use client';

/**
 * The clip list, virtualised with @tanstack/react-virtual: only the rows in view (plus a few) are
 * in the DOM, so 5,000 clips scroll as smoothly as 50. It is one listbox whose selected option
 * follows the URL; the keyboard moves the selection (J/K, arrows, Home/End).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { ClipRow } from '@/lib/datasets/model';
import { ClipRowView, optionId, ROW_HEIGHT } from './clip-row';

interface ClipListProps {
  rows: readonly ClipRow[];
  selectedId: string | null;
  onSelect: (clipId: string) => void;
  busy: boolean;
}

export function ClipList({ rows, selectedId, onSelect, busy }: ClipListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => rows[index]?.id ?? index,
    overscan: 10,
    // React 19 warns about flushSync during render; a frame of lag while scrolling is invisible here.
    useFlushSync: false,
  });
  const selectedIndex = selectedId ? rows.findIndex((row) => row.id === selectedId) : -1;

  // Keep the selected row in view when it changes (keyboard stepping, shared links).
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  return (
    <div
      ref={scroller}
      className="clip-list"
      role="listbox"
      aria-label="Clips"
      aria-busy={busy}
      tabIndex={0}
      aria-activedescendant={selectedIndex >= 0 && selectedId ? optionId(selectedId) : undefined}
      onKeyDown={(event) => {
        const target =
          event.key === 'Home' ? rows[0] : event.key === 'End' ? rows[rows.length - 1] : undefined;
        if (target) {
          event.preventDefault();
          onSelect(target.id);
        }
      }}
    >
      <div role="presentation" className="clip-list-sizer" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <ClipRowView
              key={item.key}
              row={row}
              index={item.index}
              count={rows.length}
              selected={row.id === selectedId}
              start={item.start}
              onSelect={onSelect}
            />
          );
        })}
      </div>
    </div>
  );
}
