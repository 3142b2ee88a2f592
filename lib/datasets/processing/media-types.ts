/**
 * Media types for what the studio stores and serves. Browsers (and wavesurfer, which plays through
 * an <audio> element) pick a decoder from Content-Type, so each playable format gets its registered
 * type; tracker modules are never played directly (their rendered WAV is), only downloaded.
 */
import type { AudioFormat } from '../../audio/types';

const MEDIA_TYPES: Record<AudioFormat, string> = {
  wav: 'audio/wav',
  flac: 'audio/flac',
  ogg: 'audio/ogg',
  mp3: 'audio/mpeg',
  mod: 'audio/x-mod',
  xm: 'audio/x-xm',
  s3m: 'audio/x-s3m',
  it: 'audio/x-it',
};

export function mediaTypeFor(format: AudioFormat): string {
  return MEDIA_TYPES[format];
}

export const RENDERED_MEDIA_TYPE = 'audio/wav';
export const PEAKS_MEDIA_TYPE = 'application/json';
