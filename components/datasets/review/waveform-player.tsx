'use client';

/**
 * The selected clip's waveform: play/pause, click-to-seek, zoom, a spectrogram toggle and the
 * non-destructive trim as a draggable region. It never loops or rewinds on its own: a region edit
 * leaves the playhead where it was, and "Listen to trim" stops at the trim’s end.
 */
import { useQuery } from '@tanstack/react-query';
import { type Ref, useImperativeHandle, useRef, useState } from 'react';
import { formatClock, formatPrecise } from '@/lib/datasets/review/format';
import { setTrimEdge, type Trim } from '@/lib/datasets/review/trim';
import { peaksOptions } from '@/lib/queries/datasets';
import { useTrimRegion } from './use-trim-region';
import { useWavesurfer } from './use-wavesurfer';

export interface WaveformHandle {
  playPause(): void;
  zoom(direction: 1 | -1): void;
  toggleSpectrogram(): void;
  setTrimEdge(edge: 'start' | 'end'): void;
}

interface WaveformPlayerProps {
  clipId: string;
  fileName: string;
  durationSeconds: number;
  trim: Trim | null;
  /** Absent in a read-only view: the trim is shown but cannot be changed. */
  onTrimChange?: (trim: Trim | null) => void;
  autoplay: boolean;
  ref?: Ref<WaveformHandle>;
}

export function WaveformPlayer({
  clipId,
  fileName,
  durationSeconds,
  trim,
  onTrimChange,
  autoplay,
  ref,
}: WaveformPlayerProps) {
  const waveform = useRef<HTMLDivElement>(null);
  const spectrogramBox = useRef<HTMLDivElement>(null);
  const timeLabel = useRef<HTMLSpanElement>(null);
  const [containers] = useState(() => ({ waveform, spectrogram: spectrogramBox }));
  const peaks = useQuery({ ...peaksOptions(clipId), retry: false });
  const player = useWavesurfer(containers, timeLabel, {
    clipId,
    durationSeconds,
    peaks: peaks.isSuccess ? peaks.data : peaks.isError ? null : undefined,
    autoplay,
  });
  const [trimMessage, setTrimMessage] = useState<string | null>(null);
  const editable = onTrimChange !== undefined;
  useTrimRegion(player.regions, player.ready, { id: clipId, durationSeconds }, trim, onTrimChange);

  function moveTrimEdge(edge: 'start' | 'end') {
    if (!onTrimChange || !player.ready) return;
    const result = setTrimEdge(trim, edge, player.currentTime(), durationSeconds);
    if (result.ok) {
      setTrimMessage(null);
      onTrimChange(result.trim);
    } else {
      setTrimMessage(result.error);
    }
  }

  useImperativeHandle(ref, () => ({
    playPause: player.playPause,
    zoom: player.changeZoom,
    toggleSpectrogram: () => void player.toggleSpectrogram(),
    setTrimEdge: moveTrimEdge,
  }));

  const kept = trim ? trim.end - trim.start : durationSeconds;
  return (
    <section className="waveform" aria-label="Waveform">
      <div className="waveform-toolbar" role="toolbar" aria-label={`Playback of ${fileName}`}>
        <button
          type="button"
          className="button button-primary waveform-play"
          onClick={player.playPause}
          disabled={!player.ready}
          aria-label={player.playing ? 'Pause' : 'Play'}
          aria-keyshortcuts="Space"
        >
          <span aria-hidden="true">{player.playing ? '❚❚' : '▶'}</span>
        </button>
        <span className="waveform-time">
          <span ref={timeLabel}>0:00.0</span> / {formatClock(durationSeconds)}
        </span>
        <span className="toolbar-spacer" />
        <button
          type="button"
          className="button"
          onClick={() => player.changeZoom(-1)}
          disabled={!player.ready || player.zoom === 0}
          aria-label="Zoom out"
          aria-keyshortcuts="-"
        >
          <span aria-hidden="true">−</span>
        </button>
        <button
          type="button"
          className="button"
          onClick={() => player.changeZoom(1)}
          disabled={!player.ready}
          aria-label="Zoom in"
          aria-keyshortcuts="+"
        >
          <span aria-hidden="true">+</span>
        </button>
        <button
          type="button"
          className="button"
          aria-pressed={player.spectrogram}
          onClick={() => void player.toggleSpectrogram()}
          disabled={!player.ready || player.busy}
          aria-keyshortcuts="G"
        >
          {player.busy ? 'Decoding…' : 'Spectrogram'}
        </button>
      </div>
      <div ref={waveform} className="waveform-canvas" data-ready={player.ready} />
      <div ref={spectrogramBox} className="waveform-spectrogram" hidden={!player.spectrogram} />
      {player.error && (
        <p className="alert" role="alert">
          {player.error}
        </p>
      )}
      <fieldset className="trim-controls plain-fieldset">
        <legend className="visually-hidden">Trim</legend>
        <p className="trim-readout">
          {trim ? (
            <>
              Trim <strong>{formatPrecise(trim.start)}</strong> – <strong>{formatPrecise(trim.end)}</strong> (
              {formatClock(kept)} kept)
            </>
          ) : (
            <>
              No trim: the whole clip is used.
              {editable ? ' Drag across the waveform or press [ and ] to trim.' : ''}
            </>
          )}
        </p>
        {editable && (
          <div className="button-row">
            <button
              type="button"
              className="button"
              onClick={() => moveTrimEdge('start')}
              disabled={!player.ready}
              aria-keyshortcuts="["
            >
              Set trim start
            </button>
            <button
              type="button"
              className="button"
              onClick={() => moveTrimEdge('end')}
              disabled={!player.ready}
              aria-keyshortcuts="]"
            >
              Set trim end
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                if (trim) player.ws.current?.play(trim.start, trim.end).catch(() => undefined);
              }}
              disabled={!player.ready || !trim}
            >
              Listen to trim
            </button>
            <button
              type="button"
              className="button button-ghost"
              onClick={() => {
                setTrimMessage(null);
                onTrimChange(null);
              }}
              disabled={!trim}
            >
              Clear trim
            </button>
          </div>
        )}
        <p className="hint" aria-live="polite">
          {trimMessage}
        </p>
      </fieldset>
    </section>
  );
}
