'use client';

/**
 * One wavesurfer.js instance for the review pane: created once (lazily imported, so the library
 * never enters the server bundle), fed a new clip on selection, destroyed on unmount. The waveform
 * is drawn from the peaks computed at import, so audio is streamed (Range requests) rather than
 * downloaded and decoded; only the spectrogram needs decoded audio, fetched when it is turned on.
 */
import { type RefObject, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type WaveSurfer from 'wavesurfer.js';
import type RegionsPluginClass from 'wavesurfer.js/plugins/regions';
import type SpectrogramPluginClass from 'wavesurfer.js/plugins/spectrogram';
import type { Peaks } from '@/lib/datasets/model';
import { formatPrecise } from '@/lib/datasets/review/format';
import { playback } from '@/lib/datasets/review/playback-controller';
import { clipAudioUrl } from '@/lib/queries/datasets';

export type RegionsPlugin = ReturnType<typeof RegionsPluginClass.create>;
type SpectrogramPlugin = ReturnType<typeof SpectrogramPluginClass.create>;

/** Zoom steps double or halve the pixels per second; 0 means "fit the whole clip". */
const MAX_PX_PER_SEC = 2000;
/** Decoding rate for the spectrogram: shows harmonics up to 12 kHz, enough to tell pulse from triangle. */
const SPECTROGRAM_SAMPLE_RATE = 24_000;

function themeColours() {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    waveColor: read('--wave', '#9e9bb3'),
    progressColor: read('--wave-progress', '#c2185b'),
    cursorColor: read('--fg', '#17162a'),
    regionColor: read('--wave-region', 'rgb(194 24 91 / 16%)'),
  };
}

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

export interface WaveformSource {
  clipId: string;
  durationSeconds: number;
  /** undefined while loading; null when the server has none (the audio is decoded instead). */
  peaks: Peaks | null | undefined;
  /** Start playing as soon as this clip is loaded (set when the reviewer moved on with J/↓). */
  autoplay: boolean;
}

export function useWavesurfer(
  containers: { waveform: RefObject<HTMLDivElement | null>; spectrogram: RefObject<HTMLDivElement | null> },
  timeLabel: RefObject<HTMLSpanElement | null>,
  source: WaveformSource,
) {
  const wsRef = useRef<WaveSurfer | null>(null);
  const [regions, setRegions] = useState<RegionsPlugin | null>(null);
  const spectrogramRef = useRef<SpectrogramPlugin | null>(null);
  /** Which clip's audio is decoded for real (not just drawn from peaks). */
  const decodedClip = useRef<string | null>(null);
  const loadedClip = useRef<string | null>(null);
  const [ready, setReady] = useState(false);
  const [playing, setPlaying] = useState(false);
  const [zoom, setZoom] = useState(0);
  const [spectrogram, setSpectrogram] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const handle = useMemo(() => ({ pause: () => wsRef.current?.pause() }), []);

  // Create once; destroy on unmount.
  useEffect(() => {
    let cancelled = false;
    let instance: WaveSurfer | null = null;
    let observer: MutationObserver | null = null;
    void (async () => {
      const [{ default: WaveSurferLib }, { default: Regions }] = await Promise.all([
        import('wavesurfer.js'),
        import('wavesurfer.js/plugins/regions'),
      ]);
      const container = containers.waveform.current;
      if (cancelled || !container) return;
      const colours = themeColours();
      const regionsPlugin = Regions.create();
      instance = WaveSurferLib.create({
        container,
        height: 128,
        waveColor: colours.waveColor,
        progressColor: colours.progressColor,
        cursorColor: colours.cursorColor,
        cursorWidth: 2,
        normalize: true,
        // Dragging across the waveform draws the trim region; a click seeks.
        dragToSeek: false,
        autoCenter: true,
        sampleRate: SPECTROGRAM_SAMPLE_RATE,
        plugins: [regionsPlugin],
      });
      const ws = instance;
      ws.on('play', () => {
        playback.claim(handle);
        setPlaying(true);
      });
      ws.on('pause', () => {
        playback.release(handle);
        setPlaying(false);
      });
      ws.on('finish', () => setPlaying(false));
      ws.on('timeupdate', (time) => {
        if (timeLabel.current) timeLabel.current.textContent = formatPrecise(time);
      });
      ws.on('error', (cause) => {
        if (!isAbort(cause))
          setError('This clip’s audio could not be loaded. Try again, or re-import the file.');
      });
      // Follow the theme toggle: the colours are CSS variables read at draw time.
      observer = new MutationObserver(() => {
        const next = themeColours();
        ws.setOptions({
          waveColor: next.waveColor,
          progressColor: next.progressColor,
          cursorColor: next.cursorColor,
        });
        for (const region of regionsPlugin.getRegions()) region.setOptions({ color: next.regionColor });
      });
      observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
      wsRef.current = ws;
      setRegions(regionsPlugin);
    })();
    return () => {
      cancelled = true;
      observer?.disconnect();
      playback.release(handle);
      instance?.destroy();
      wsRef.current = null;
      loadedClip.current = null;
      decodedClip.current = null;
      spectrogramRef.current = null;
      setRegions(null);
    };
  }, [containers.waveform, timeLabel, handle]);

  const { clipId, durationSeconds, peaks, autoplay } = source;
  const autoplayRef = useRef(autoplay);
  useEffect(() => {
    autoplayRef.current = autoplay;
  }, [autoplay]);

  // Load the selected clip once its peaks have settled (or are known to be missing).
  useEffect(() => {
    const ws = wsRef.current;
    if (!ws || !regions || peaks === undefined) return;
    if (loadedClip.current === clipId) return;
    loadedClip.current = clipId;
    const url = clipAudioUrl(clipId);
    const decode = spectrogramRef.current !== null || peaks === null;
    ws.pause();
    regions.clearRegions();
    // Each clip opens fitted to the width (the zoom level lives in the shared options).
    ws.setOptions({ minPxPerSec: 0 });
    setReady(false);
    setError(null);
    setZoom(0);
    if (timeLabel.current) timeLabel.current.textContent = formatPrecise(0);
    const loading = decode
      ? ws.load(url)
      : ws.load(url, [Float32Array.from(peaks?.data ?? [])], peaks?.durationSeconds ?? durationSeconds);
    decodedClip.current = decode ? clipId : null;
    loading
      .then(() => {
        setReady(true);
        if (autoplayRef.current) ws.play().catch(() => undefined);
      })
      .catch((cause: unknown) => {
        if (!isAbort(cause))
          setError('This clip’s audio could not be loaded. Try again, or re-import the file.');
      });
  }, [clipId, peaks, durationSeconds, regions, timeLabel]);

  const playPause = useCallback(() => {
    const ws = wsRef.current;
    if (ws && ready) ws.playPause().catch(() => undefined);
  }, [ready]);

  const changeZoom = useCallback(
    (direction: 1 | -1) => {
      const ws = wsRef.current;
      const container = containers.waveform.current;
      if (!ws || !ready || !container) return;
      const fit = container.clientWidth / Math.max(ws.getDuration(), 0.001);
      const current = zoom === 0 ? fit : zoom;
      let next = direction > 0 ? Math.min(current * 2, MAX_PX_PER_SEC) : current / 2;
      // Zooming out past "fit" just means fit again (no tiny waveform floating in white space).
      if (next <= fit * 1.01) next = 0;
      ws.zoom(next);
      setZoom(next);
    },
    [ready, zoom, containers.waveform],
  );

  const toggleSpectrogram = useCallback(async () => {
    const ws = wsRef.current;
    const target = containers.spectrogram.current;
    if (!ws || !target || busy) return;
    if (spectrogramRef.current) {
      ws.unregisterPlugin(spectrogramRef.current);
      spectrogramRef.current = null;
      setSpectrogram(false);
      return;
    }
    setBusy(true);
    try {
      const { default: Spectrogram } = await import('wavesurfer.js/plugins/spectrogram');
      if (decodedClip.current !== clipId) {
        // Drawing from peaks keeps no samples; fetch and decode this clip once, where it was.
        const time = ws.getCurrentTime();
        const wasPlaying = ws.isPlaying();
        await ws.load(clipAudioUrl(clipId));
        decodedClip.current = clipId;
        ws.setTime(time);
        if (wasPlaying) await ws.play();
      }
      setSpectrogram(true);
      spectrogramRef.current = ws.registerPlugin(
        Spectrogram.create({
          container: target,
          height: 160,
          labels: true,
          scale: 'linear',
          frequencyMax: SPECTROGRAM_SAMPLE_RATE / 2,
          fftSamples: 512,
          colorMap: 'roseus',
        }),
      );
    } catch (cause) {
      if (!isAbort(cause)) setError('The spectrogram needs the decoded audio, and it could not be decoded.');
    } finally {
      setBusy(false);
    }
  }, [busy, clipId, containers.spectrogram]);

  return {
    ws: wsRef,
    regions,
    ready,
    playing,
    zoom,
    spectrogram,
    busy,
    error,
    playPause,
    changeZoom,
    toggleSpectrogram,
    currentTime: () => wsRef.current?.getCurrentTime() ?? 0,
  };
}
