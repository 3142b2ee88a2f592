'use client';

/**
 * Mirrors the clip's trim as one Regions-plugin region. Dragging across the waveform creates it,
 * dragging its body or edges moves it; each finished drag reports the new trim. Updates coming back
 * from the server re-draw the region without moving the playhead.
 */
import { useEffect, useRef } from 'react';
import type { Region } from 'wavesurfer.js/plugins/regions';
import { normaliseTrim, sameTrim, type Trim } from '@/lib/datasets/review/trim';
import type { RegionsPlugin } from './use-wavesurfer';

const TRIM_REGION = 'trim';

function regionColour(): string {
  return (
    getComputedStyle(document.documentElement).getPropertyValue('--wave-region').trim() ||
    'rgb(194 24 91 / 16%)'
  );
}

export function useTrimRegion(
  regions: RegionsPlugin | null,
  ready: boolean,
  clip: { id: string; durationSeconds: number },
  trim: Trim | null,
  onTrimChange: ((trim: Trim | null) => void) | undefined,
) {
  const onChange = useRef(onTrimChange);
  const duration = useRef(clip.durationSeconds);
  const saved = useRef(trim);
  useEffect(() => {
    onChange.current = onTrimChange;
    duration.current = clip.durationSeconds;
    saved.current = trim;
  }, [onTrimChange, clip.durationSeconds, trim]);
  const clipId = clip.id;
  const editable = onTrimChange !== undefined;
  /** True while this hook itself adds a region, so its own "created" event is not a user edit. */
  const syncing = useRef(false);

  // Listen for the reviewer's drags.
  useEffect(() => {
    if (!regions) return;
    const finish = (region: Region) => {
      const next = normaliseTrim({ start: region.start, end: region.end }, duration.current);
      if (!sameTrim(next, saved.current)) onChange.current?.(next);
    };
    const offUpdated = regions.on('region-updated', finish);
    const offCreated = regions.on('region-created', (region) => {
      if (syncing.current) return;
      // A new drag selection replaces the old trim: one region only.
      for (const other of regions.getRegions()) if (other !== region) other.remove();
      region.setOptions({ id: TRIM_REGION });
      finish(region);
    });
    const stopSelecting = editable ? regions.enableDragSelection({ color: regionColour() }) : () => undefined;
    return () => {
      offUpdated();
      offCreated();
      stopSelecting();
    };
  }, [regions, editable]);

  // Draw the saved (or optimistic) trim.
  // biome-ignore lint/correctness/useExhaustiveDependencies: clipId re-syncs after each load clears the regions.
  useEffect(() => {
    if (!regions || !ready) return;
    const existing = regions.getRegions();
    const current = existing[0];
    if (!trim) {
      if (existing.length > 0) regions.clearRegions();
      return;
    }
    if (existing.length === 1 && current) {
      if (!sameTrim({ start: current.start, end: current.end }, trim)) current.setOptions(trim);
      return;
    }
    regions.clearRegions();
    syncing.current = true;
    try {
      regions.addRegion({
        id: TRIM_REGION,
        start: trim.start,
        end: trim.end,
        color: regionColour(),
        drag: editable,
        resize: editable,
        minLength: 0.25,
      });
    } finally {
      syncing.current = false;
    }
  }, [regions, ready, trim, editable, clipId]);
}
