/**
 * One clip plays at a time across the page. Every player (the review waveform, previews in other
 * panels) claims playback when it starts; the controller pauses whoever held it before. Players
 * built on detached media elements (wavesurfer creates its own <audio>) register explicitly;
 * plain <audio>/<video> elements in the document are caught by `guardDocumentMedia`.
 */

export interface PlaybackHandle {
  /** Stops this player's audio (called when another player starts). */
  pause(): void;
}

export interface PlaybackController {
  /** Call when a player starts playing: pauses the previous player. */
  claim(handle: PlaybackHandle): void;
  /** Call when a player pauses, ends or unmounts. */
  release(handle: PlaybackHandle): void;
  current(): PlaybackHandle | null;
  subscribe(listener: () => void): () => void;
}

export function createPlaybackController(): PlaybackController {
  let current: PlaybackHandle | null = null;
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  return {
    claim(handle) {
      if (current === handle) return;
      const previous = current;
      current = handle;
      // Set the new owner first: a previous player whose pause handler releases must not clear it.
      previous?.pause();
      notify();
    },
    release(handle) {
      if (current !== handle) return;
      current = null;
      notify();
    },
    current: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/** The page-wide controller every player shares. */
export const playback = createPlaybackController();

/**
 * Routes plays of media elements inside `root` through the controller: `play` does not bubble, so
 * one capturing listener sees every <audio> and <video> below it. Returns the cleanup.
 */
export function guardDocumentMedia(
  root: Pick<Document, 'addEventListener' | 'removeEventListener'>,
  controller = playback,
) {
  const handles = new WeakMap<HTMLMediaElement, PlaybackHandle>();
  const handleFor = (media: HTMLMediaElement) => {
    let handle = handles.get(media);
    if (!handle) {
      handle = { pause: () => media.pause() };
      handles.set(media, handle);
    }
    return handle;
  };
  const onPlay = (event: Event) => {
    const media = event.target;
    if (media && typeof (media as HTMLMediaElement).pause === 'function')
      controller.claim(handleFor(media as HTMLMediaElement));
  };
  const onStop = (event: Event) => {
    const media = event.target as HTMLMediaElement | null;
    const handle = media ? handles.get(media) : undefined;
    if (handle) controller.release(handle);
  };
  const capture = { capture: true };
  root.addEventListener('play', onPlay, capture);
  root.addEventListener('pause', onStop, capture);
  root.addEventListener('ended', onStop, capture);
  return () => {
    root.removeEventListener('play', onPlay, capture);
    root.removeEventListener('pause', onStop, capture);
    root.removeEventListener('ended', onStop, capture);
  };
}
