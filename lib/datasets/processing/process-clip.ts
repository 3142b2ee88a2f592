/**
 * What happens to one imported file, as a pure function of its bytes: decode (or render a tracker
 * module), make the playable copy, check quality, compute waveform peaks and suggest a tempo. It
 * runs inside the clip-processor worker thread (worker.ts) and, unchanged, in tests.
 */
import { decodeAudio } from '../../audio/decode';
import { type AudioFormat, type DecodedAudio, TRACKER_FORMATS } from '../../audio/types';
import { DATASET_LIMITS, type Peaks, type QualityReport } from '../model';
import { mediaTypeFor, RENDERED_MEDIA_TYPE } from './media-types';
import { computePeaks } from './peaks';
import { assessQuality } from './quality';
import { estimateBpm } from './tempo';
import { encodeWav16 } from './wav-encode';

export interface ClipInfo {
  format: AudioFormat;
  /** Of the playable audio: the file's own rate, or 48 kHz for a rendered module. */
  sampleRate: number;
  channels: number;
  frames: number;
  durationSeconds: number;
  /** Tracker modules: the song title stored in the module, when it has one. */
  title: string | null;
}

export interface ProcessedClip {
  info: ClipInfo;
  /** The bytes to play: the original file, or a 16-bit 48 kHz stereo WAV rendered from a module. */
  audio: { bytes: Uint8Array; mediaType: string; rendered: boolean };
  sourceMediaType: string;
  quality: QualityReport;
  peaks: Peaks;
  bpm: number | null;
}

export interface ProcessOptions {
  maxBytes?: number;
  maxSeconds?: number;
}

/** Throws AudioDecodeError (with a sentence for the miner) for empty, corrupt, unsupported or over-long input. */
export async function processClip(
  bytes: Uint8Array,
  fileName: string,
  options: ProcessOptions = {},
): Promise<ProcessedClip> {
  const decoded = await decodeAudio(bytes, {
    fileName,
    maxBytes: options.maxBytes ?? DATASET_LIMITS.maxFileBytes,
    maxSeconds: options.maxSeconds ?? DATASET_LIMITS.maxClipSeconds,
  });
  const rendered = TRACKER_FORMATS.includes(decoded.format);
  return {
    info: clipInfo(decoded),
    audio: rendered
      ? { bytes: encodeWav16(decoded.channels, decoded.sampleRate), mediaType: RENDERED_MEDIA_TYPE, rendered }
      : { bytes, mediaType: mediaTypeFor(decoded.format), rendered },
    sourceMediaType: mediaTypeFor(decoded.format),
    quality: assessQuality(decoded),
    peaks: computePeaks(decoded.channels, decoded.sampleRate),
    bpm: estimateBpm(decoded.channels, decoded.sampleRate),
  };
}

function clipInfo(decoded: DecodedAudio): ClipInfo {
  const title = typeof decoded.meta?.title === 'string' ? decoded.meta.title.trim() : '';
  return {
    format: decoded.format,
    sampleRate: decoded.sampleRate,
    channels: decoded.channels.length,
    frames: decoded.length,
    durationSeconds: decoded.length / decoded.sampleRate,
    title: title || null,
  };
}
