import { describe, expect, it, vi } from 'vitest';
import { createPlaybackController, guardDocumentMedia } from './playback-controller';

describe('playback controller', () => {
  it('pauses the previous player when another starts', () => {
    const controller = createPlaybackController();
    const a = { pause: vi.fn() };
    const b = { pause: vi.fn() };
    controller.claim(a);
    expect(controller.current()).toBe(a);
    controller.claim(b);
    expect(a.pause).toHaveBeenCalledTimes(1);
    expect(b.pause).not.toHaveBeenCalled();
    expect(controller.current()).toBe(b);
  });

  it('does not pause a player that claims again', () => {
    const controller = createPlaybackController();
    const a = { pause: vi.fn() };
    controller.claim(a);
    controller.claim(a);
    expect(a.pause).not.toHaveBeenCalled();
  });

  it('keeps the new owner when the paused player releases from its pause handler', () => {
    const controller = createPlaybackController();
    const a = { pause: () => controller.release(a) };
    const b = { pause: vi.fn() };
    controller.claim(a);
    controller.claim(b);
    expect(controller.current()).toBe(b);
  });

  it('ignores a release from a player that is not current, and notifies subscribers', () => {
    const controller = createPlaybackController();
    const listener = vi.fn();
    const unsubscribe = controller.subscribe(listener);
    const a = { pause: vi.fn() };
    const b = { pause: vi.fn() };
    controller.claim(a);
    controller.release(b);
    expect(controller.current()).toBe(a);
    controller.release(a);
    expect(controller.current()).toBeNull();
    expect(listener).toHaveBeenCalledTimes(2);
    unsubscribe();
    controller.claim(b);
    expect(listener).toHaveBeenCalledTimes(2);
  });
});

describe('guardDocumentMedia', () => {
  it('pauses other media elements and registered players when an element plays', () => {
    const target = new EventTarget();
    const controller = createPlaybackController();
    const cleanup = guardDocumentMedia(target as unknown as Document, controller);
    const waveform = { pause: vi.fn() };
    controller.claim(waveform);

    const audio = { pause: vi.fn() } as unknown as HTMLMediaElement;
    const play = new Event('play');
    Object.defineProperty(play, 'target', { value: audio });
    target.dispatchEvent(play);
    expect(waveform.pause).toHaveBeenCalledTimes(1);

    controller.claim({ pause: vi.fn() });
    expect(audio.pause).toHaveBeenCalledTimes(1);

    cleanup();
    const again = new Event('play');
    Object.defineProperty(again, 'target', { value: { pause: vi.fn() } });
    const before = controller.current();
    target.dispatchEvent(again);
    expect(controller.current()).toBe(before);
  });
});
