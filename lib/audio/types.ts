/**
 * Shared audio types for the scoring engine. Everything here runs in Node, in Web Workers (which
 * have no AudioContext) and in the CLI, so nothing may touch Web Audio, the DOM or Node-only APIs.
 */

/** Container/codec families the engine can read. Tracker modules are rendered through libopenmpt. */
export const AUDIO_FORMATS = ['wav', 'flac', 'ogg', 'mp3', 'mod', 'xm', 's3m', 'it'] as const;
export type AudioFormat = (typeof AUDIO_FORMATS)[number];
export const TRACKER_FORMATS: readonly AudioFormat[] = ['mod', 'xm', 's3m', 'it'];

/** PCM as decoded: one Float32Array per channel, samples in [-1, 1] (not clipped), at the file's rate. */
export interface DecodedAudio {
  format: AudioFormat;
  sampleRate: number;
  channels: Float32Array[];
  /** Frames per channel. */
  length: number;
  /** Tracker modules: title and renderer facts; other formats: what the container said. */
  meta?: Record<string, string | number>;
}

/** The engine's canonical input: mono (mean downmix), 48 kHz, float32. */
export interface PreparedAudio {
  samples: Float32Array;
  sampleRate: 48000;
  source: { format: AudioFormat; sampleRate: number; channels: number; durationSeconds: number };
}

export type AudioErrorCode = 'empty' | 'unsupported_format' | 'corrupt' | 'too_large' | 'too_long';

/** Every decode failure is one of these: a code for programs, a sentence for people. */
export class AudioDecodeError extends Error {
  override name = 'AudioDecodeError';
  constructor(
    readonly code: AudioErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Limits that protect a worker or the server from hostile input (both overridable per call). */
export const DEFAULT_AUDIO_LIMITS = {
  /** Bytes of encoded input. */
  maxBytes: 200 * 1024 * 1024,
  /** Seconds of decoded audio (tracker modules are rendered only this far). */
  maxSeconds: 15 * 60,
} as const;

export const CLAP_SAMPLE_RATE = 48000;
