/**
 * WAV writing for exports. Pure (no Node APIs).
 *
 * - `sliceWav` trims a WAV without touching the samples: the frames in the window are copied byte
 *   for byte (RIFX is byte-swapped to little-endian), so PCM of any depth and float stay exact.
 * - `encodePcm16Wav` writes decoded audio (MP3, Vorbis, FLAC) as 16-bit PCM, the format every
 *   reader (libsndfile, the Hub viewer, torchaudio) accepts; the source was already lossy or
 *   16-bit in practice, and TPDF-free rounding is what libsndfile does too.
 *
 * Output is canonical RIFF: PCM/float tags for mono/stereo full-width samples, otherwise
 * WAVE_FORMAT_EXTENSIBLE (more channels, or fewer valid bits than the container holds).
 */
import { readWavHeader, type WavHeader } from '../../audio/wav';

const EXTENSIBLE_GUID_TAIL = [
  0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71,
];
/** RIFF sizes are 32-bit; our clips are far smaller (100 MiB import limit), but never wrap. */
const MAX_RIFF_BYTES = 0xffffffff - 1024;

export class WavWriteError extends Error {
  override name = 'WavWriteError';
}

interface WavFormat {
  encoding: 'pcm' | 'float';
  channels: number;
  sampleRate: number;
  bytesPerSample: number;
  validBits: number;
}

function writeAscii(view: DataView, offset: number, text: string): void {
  for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
}

/** A 44-byte (or 68-byte extensible) header for `dataBytes` of sample data. */
export function wavHeader(format: WavFormat, dataBytes: number): Uint8Array {
  const fullWidth = format.validBits === format.bytesPerSample * 8;
  const extensible = format.channels > 2 || !fullWidth;
  const fmtSize = extensible ? 40 : 16;
  const headerBytes = 12 + 8 + fmtSize + 8;
  if (headerBytes + dataBytes + (dataBytes & 1) > MAX_RIFF_BYTES) {
    throw new WavWriteError(`The audio is too large for a WAV file (${dataBytes} bytes of samples).`);
  }
  const out = new Uint8Array(headerBytes);
  const view = new DataView(out.buffer);
  const tag = format.encoding === 'float' ? 3 : 1;
  const blockAlign = format.channels * format.bytesPerSample;
  writeAscii(view, 0, 'RIFF');
  view.setUint32(4, headerBytes - 8 + dataBytes + (dataBytes & 1), true);
  writeAscii(view, 8, 'WAVE');
  writeAscii(view, 12, 'fmt ');
  view.setUint32(16, fmtSize, true);
  view.setUint16(20, extensible ? 0xfffe : tag, true);
  view.setUint16(22, format.channels, true);
  view.setUint32(24, format.sampleRate, true);
  view.setUint32(28, format.sampleRate * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, format.bytesPerSample * 8, true);
  if (extensible) {
    view.setUint16(36, 22, true);
    view.setUint16(38, format.validBits, true);
    // Channel mask 0: "no speaker positions", which every reader accepts for any channel count.
    view.setUint32(40, 0, true);
    view.setUint16(44, tag, true);
    out.set(EXTENSIBLE_GUID_TAIL, 46);
  }
  writeAscii(view, 12 + 8 + fmtSize, 'data');
  view.setUint32(12 + 8 + fmtSize + 4, dataBytes, true);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

export interface WavSlice {
  bytes: Uint8Array;
  frames: number;
  sampleRate: number;
  channels: number;
}

/** Frames [startFrame, endFrame) of a WAV file, clamped to what the file holds. */
export function sliceWav(input: Uint8Array, startFrame: number, endFrame: number): WavSlice {
  const header: WavHeader = readWavHeader(input);
  const start = Math.max(0, Math.min(Math.floor(startFrame), header.frames));
  const end = Math.max(start, Math.min(Math.floor(endFrame), header.frames));
  const blockAlign = header.channels * header.bytesPerSample;
  const from = header.dataOffset + start * blockAlign;
  let samples = input.subarray(from, from + (end - start) * blockAlign);
  if (!header.littleEndian) {
    // RIFX stores samples big-endian; our output is RIFF, so reverse the bytes of each sample.
    const swapped = new Uint8Array(samples.byteLength);
    const width = header.bytesPerSample;
    for (let at = 0; at < samples.byteLength; at += width) {
      for (let i = 0; i < width; i++) swapped[at + i] = samples[at + width - 1 - i] ?? 0;
    }
    samples = swapped;
  }
  const pad = samples.byteLength & 1 ? [new Uint8Array(1)] : [];
  const head = wavHeader(header, samples.byteLength);
  return {
    bytes: concat([head, samples, ...pad]),
    frames: end - start,
    sampleRate: header.sampleRate,
    channels: header.channels,
  };
}

/** Decoded float channels (equal lengths) → 16-bit PCM WAV, clamped to full scale. */
export function encodePcm16Wav(channels: readonly Float32Array[], sampleRate: number): Uint8Array {
  const count = channels.length;
  const frames = channels[0]?.length ?? 0;
  if (count === 0) throw new WavWriteError('There is no audio channel to write.');
  const dataBytes = frames * count * 2;
  const head = wavHeader(
    { encoding: 'pcm', channels: count, sampleRate, bytesPerSample: 2, validBits: 16 },
    dataBytes,
  );
  const out = new Uint8Array(head.byteLength + dataBytes);
  out.set(head, 0);
  const view = new DataView(out.buffer, head.byteLength);
  let at = 0;
  for (let i = 0; i < frames; i++) {
    for (const channel of channels) {
      const value = channel[i] ?? 0;
      const scaled = Math.round(value * 32768);
      view.setInt16(at, Math.min(32767, Math.max(-32768, scaled)), true);
      at += 2;
    }
  }
  return out;
}
