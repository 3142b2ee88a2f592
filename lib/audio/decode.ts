/**
 * The engine's one entry point for encoded audio: checks the limits, sniffs the format from the
 * bytes, and dispatches to our WAV reader, the wasm codecs or libopenmpt. Every failure is an
 * AudioDecodeError with a code (for programs) and a sentence (for people).
 */
import { decodeFlac, decodeMp3, decodeOggVorbis } from './codecs';
import { describeUnsupported, SUPPORTED_FORMATS_TEXT, sniffAudioFormat } from './formats';
import { renderTracker } from './tracker';
import { AudioDecodeError, DEFAULT_AUDIO_LIMITS, type DecodedAudio, TRACKER_FORMATS } from './types';
import { decodeWav } from './wav';

export interface DecodeOptions {
  /** Used only as a hint for files without magic bytes (15-sample MODs, MP3s with leading junk). */
  fileName?: string;
  /** Refuse inputs larger than this many bytes before decoding. */
  maxBytes?: number;
  /** Refuse audio longer than this; tracker modules are rendered only this far instead. */
  maxSeconds?: number;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

export async function decodeAudio(bytes: Uint8Array, options: DecodeOptions = {}): Promise<DecodedAudio> {
  const maxBytes = options.maxBytes ?? DEFAULT_AUDIO_LIMITS.maxBytes;
  const maxSeconds = options.maxSeconds ?? DEFAULT_AUDIO_LIMITS.maxSeconds;
  if (bytes.length === 0) throw new AudioDecodeError('empty', 'The audio file is empty (0 bytes).');
  if (bytes.length > maxBytes) {
    throw new AudioDecodeError(
      'too_large',
      `The audio file is ${megabytes(bytes.length)}; the limit is ${megabytes(maxBytes)}.`,
    );
  }
  const format = sniffAudioFormat(bytes, options.fileName);
  if (!format) {
    throw new AudioDecodeError(
      'unsupported_format',
      `This file looks like ${describeUnsupported(bytes)}, which is not supported. ${SUPPORTED_FORMATS_TEXT}`,
    );
  }
  const decoded = await decodeFormat(bytes, format, maxSeconds, options.fileName);
  // A last check whatever the decoder: nothing longer than the limit leaves this function.
  if (!isTracker(decoded) && decoded.length / decoded.sampleRate > maxSeconds) {
    throw new AudioDecodeError(
      'too_long',
      `The audio is ${(decoded.length / decoded.sampleRate).toFixed(1)} s long; the limit is ${maxSeconds} s.`,
    );
  }
  return decoded;
}

function isTracker(decoded: DecodedAudio): boolean {
  return TRACKER_FORMATS.includes(decoded.format);
}

function decodeFormat(
  bytes: Uint8Array,
  format: DecodedAudio['format'],
  maxSeconds: number,
  fileName: string | undefined,
): Promise<DecodedAudio> {
  switch (format) {
    case 'wav':
      return Promise.resolve().then(() => decodeWav(bytes, { maxSeconds }));
    case 'flac':
      return decodeFlac(bytes, maxSeconds);
    case 'ogg':
      return decodeOggVorbis(bytes, maxSeconds);
    case 'mp3':
      return decodeMp3(bytes, maxSeconds, fileName);
    case 'mod':
    case 'xm':
    case 's3m':
    case 'it':
      return renderTracker(bytes, format, maxSeconds);
  }
}
