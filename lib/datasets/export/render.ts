/**
 * Turns a clip's stored audio into the WAV an export ships when the stored bytes cannot go out as
 * they are: a non-destructive trim is applied, or the layout needs WAV (the Genki-Dama trainer only
 * picks up `.wav` files). Pure (lib/audio only), so it runs on the server and in tests alike.
 *
 * WAV input is cut byte for byte (exact samples, any depth); compressed input (MP3, Vorbis, FLAC)
 * and modules are decoded and written as 16-bit PCM.
 */
import { decodeAudio } from '../../audio/decode';
import { sniffAudioFormat } from '../../audio/formats';
import { readWavHeader } from '../../audio/wav';
import { DATASET_LIMITS } from '../model';
import { encodePcm16Wav, sliceWav } from './wav-encode';

export interface TrimWindow {
  start: number;
  end: number;
}

export interface RenderedAudio {
  bytes: Uint8Array;
  frames: number;
  sampleRate: number;
  channels: number;
  durationSeconds: number;
}

export class ExportRenderError extends Error {
  override name = 'ExportRenderError';
}

/** The frame window a trim selects in audio of `totalFrames` at `sampleRate` (clamped). */
export function trimFrames(
  trim: TrimWindow | null,
  sampleRate: number,
  totalFrames: number,
): { start: number; end: number } {
  if (!trim) return { start: 0, end: totalFrames };
  const start = Math.min(totalFrames, Math.max(0, Math.round(trim.start * sampleRate)));
  const end = Math.min(totalFrames, Math.max(start, Math.round(trim.end * sampleRate)));
  return { start, end };
}

/**
 * True when a trim changes nothing (it covers the whole clip to within a millisecond), so the
 * stored bytes can be exported untouched.
 */
export function isWholeClip(trim: TrimWindow | null, durationSeconds: number): boolean {
  return !trim || (trim.start <= 0.0005 && trim.end >= durationSeconds - 0.0005);
}

export async function renderExportAudio(
  input: Uint8Array,
  trim: TrimWindow | null,
  label: string,
): Promise<RenderedAudio> {
  const format = sniffAudioFormat(input);
  let rendered: Omit<RenderedAudio, 'durationSeconds'>;
  if (format === 'wav') {
    const header = readWavHeader(input);
    const window = trimFrames(trim, header.sampleRate, header.frames);
    rendered = sliceWav(input, window.start, window.end);
  } else {
    const decoded = await decodeAudio(input, { maxSeconds: DATASET_LIMITS.maxClipSeconds });
    const window = trimFrames(trim, decoded.sampleRate, decoded.length);
    const channels = decoded.channels.map((channel) => channel.subarray(window.start, window.end));
    rendered = {
      bytes: encodePcm16Wav(channels, decoded.sampleRate),
      frames: window.end - window.start,
      sampleRate: decoded.sampleRate,
      channels: channels.length,
    };
  }
  if (rendered.frames === 0) {
    throw new ExportRenderError(
      trim
        ? `The trim of "${label}" (${trim.start.toFixed(2)}–${trim.end.toFixed(2)} s) selects no audio: it starts at or after the end of the clip.`
        : `"${label}" holds no audio to export.`,
    );
  }
  return { ...rendered, durationSeconds: rendered.frames / rendered.sampleRate };
}
