/**
 * MPEG audio (MP2/MP3) framing: ID3v2 tags, frame headers, the Xing/Info tag and a frame walk. Used
 * to sniff MP3 without trusting file names, to know the duration before decoding (the `too_long`
 * check) and to notice truncated files, which mpg123 decodes silently up to the cut.
 */
import { byteAt, hasAscii } from './bytes';

/** Offset just past any ID3v2 tags at `offset` (several may follow one another). */
export function skipId3v2(bytes: Uint8Array, offset = 0): number {
  let pos = offset;
  while (
    hasAscii(bytes, pos, 'ID3') &&
    byteAt(bytes, pos + 3) < 0xff &&
    byteAt(bytes, pos + 4) < 0xff &&
    pos + 10 <= bytes.length
  ) {
    let size = 0;
    for (let i = 6; i < 10; i++) {
      const b = byteAt(bytes, pos + i);
      // Sizes are "syncsafe": 7 bits per byte. A set high bit means this is not an ID3 tag.
      if (b & 0x80) return pos;
      size = size * 128 + b;
    }
    const footer = byteAt(bytes, pos + 5) & 0x10 ? 10 : 0;
    pos += 10 + size + footer;
  }
  return pos;
}

export interface MpegFrameHeader {
  /** 1 = MPEG-1, 2 = MPEG-2, 2.5 = MPEG-2.5. */
  version: 1 | 2 | 2.5;
  layer: 1 | 2 | 3;
  sampleRate: number;
  /** kbit/s; 0 for free-format streams, whose frame length the header does not give. */
  bitrate: number;
  channels: 1 | 2;
  /** Bytes including the header; 0 when unknown (free format). */
  frameLength: number;
  samplesPerFrame: number;
}

const SAMPLE_RATES: Record<number, readonly number[]> = {
  3: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  0: [11025, 12000, 8000],
};
const BITRATES = {
  v1l1: [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  v1l2: [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  v1l3: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  v2l1: [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  v2l23: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
} as const;

/** The MPEG audio frame header at `offset`, or undefined when those 4 bytes are not one. */
export function readMpegFrameHeader(bytes: Uint8Array, offset: number): MpegFrameHeader | undefined {
  if (offset + 4 > bytes.length) return undefined;
  const b1 = byteAt(bytes, offset + 1);
  const b2 = byteAt(bytes, offset + 2);
  const b3 = byteAt(bytes, offset + 3);
  if (byteAt(bytes, offset) !== 0xff || (b1 & 0xe0) !== 0xe0) return undefined;
  const versionBits = (b1 >> 3) & 3;
  const layerBits = (b1 >> 1) & 3;
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 3;
  if (versionBits === 1 || layerBits === 0 || bitrateIndex === 15 || rateIndex === 3) return undefined;
  // Emphasis 2 is reserved: real encoders never write it, random bytes often do.
  if ((b3 & 3) === 2) return undefined;
  const version = versionBits === 3 ? 1 : versionBits === 2 ? 2 : 2.5;
  const layer = (4 - layerBits) as 1 | 2 | 3;
  const sampleRate = SAMPLE_RATES[versionBits]?.[rateIndex] ?? 0;
  const table =
    version === 1
      ? layer === 1
        ? BITRATES.v1l1
        : layer === 2
          ? BITRATES.v1l2
          : BITRATES.v1l3
      : layer === 1
        ? BITRATES.v2l1
        : BITRATES.v2l23;
  const bitrate = table[bitrateIndex] ?? 0;
  const padding = (b2 >> 1) & 1;
  const samplesPerFrame = layer === 1 ? 384 : layer === 3 && version !== 1 ? 576 : 1152;
  let frameLength = 0;
  if (bitrate > 0) {
    frameLength =
      layer === 1
        ? (Math.floor((12 * bitrate * 1000) / sampleRate) + padding) * 4
        : Math.floor(((samplesPerFrame / 8) * bitrate * 1000) / sampleRate) + padding;
  }
  return {
    version,
    layer,
    sampleRate,
    bitrate,
    channels: b3 >> 6 === 3 ? 1 : 2,
    frameLength,
    samplesPerFrame,
  };
}

/** Frame count and byte count from a Xing/Info (LAME) tag in the frame at `offset`, if it has one. */
export function readXingTag(
  bytes: Uint8Array,
  offset: number,
  header: MpegFrameHeader,
): { frames?: number; bytes?: number } | undefined {
  const sideInfo = header.version === 1 ? (header.channels === 1 ? 17 : 32) : header.channels === 1 ? 9 : 17;
  const at = offset + 4 + sideInfo;
  if (!hasAscii(bytes, at, 'Xing') && !hasAscii(bytes, at, 'Info')) return undefined;
  if (at + 8 > bytes.length) return {};
  const u32 = (p: number) =>
    byteAt(bytes, p) * 0x1000000 +
    (byteAt(bytes, p + 1) << 16) +
    (byteAt(bytes, p + 2) << 8) +
    byteAt(bytes, p + 3);
  const flags = u32(at + 4);
  let pos = at + 8;
  const result: { frames?: number; bytes?: number } = {};
  if (flags & 1) {
    result.frames = u32(pos);
    pos += 4;
  }
  if (flags & 2) result.bytes = u32(pos);
  return result;
}

export interface MpegStream {
  /** Offset of the first audio frame. */
  start: number;
  first: MpegFrameHeader;
  /** Audio frames counted by walking the stream (the Xing/Info frame excluded). */
  frames: number;
  /** Decoded samples per channel those frames hold (before gapless trimming). */
  samples: number;
  /** Why the stream looks cut short, or undefined when it looks whole. */
  truncation?: string;
  xing?: { frames?: number; bytes?: number };
}

/**
 * Finds the first frame (after ID3v2 tags; within `searchLimit` bytes when the caller allows junk)
 * and confirms it: a frame whose successor is also a frame header, or one that ends the data.
 */
export function findFirstMpegFrame(
  bytes: Uint8Array,
  searchLimit = 0,
): { offset: number; header: MpegFrameHeader } | undefined {
  const start = skipId3v2(bytes);
  const end = Math.min(bytes.length - 4, start + searchLimit);
  for (let pos = start; pos <= end; pos++) {
    const header = readMpegFrameHeader(bytes, pos);
    if (!header || header.layer === 1) continue;
    const next = pos + header.frameLength;
    if (header.frameLength === 0 || next >= bytes.length) return { offset: pos, header };
    const second = readMpegFrameHeader(bytes, next);
    if (second && second.layer === header.layer && second.sampleRate === header.sampleRate) {
      return { offset: pos, header };
    }
  }
  return undefined;
}

/** Walks every frame from `start`, counting samples and noticing a final frame cut short. */
export function walkMpegStream(bytes: Uint8Array, start: number, first: MpegFrameHeader): MpegStream {
  const xing = readXingTag(bytes, start, first);
  let pos = start;
  let frames = 0;
  let samples = 0;
  let truncation: string | undefined;
  while (pos + 4 <= bytes.length) {
    const header = readMpegFrameHeader(bytes, pos);
    if (!header || header.frameLength === 0) break;
    if (pos + header.frameLength > bytes.length) {
      truncation = `its last MPEG frame needs ${header.frameLength} bytes but only ${bytes.length - pos} remain`;
      break;
    }
    frames++;
    samples += header.samplesPerFrame;
    pos += header.frameLength;
  }
  if (xing) {
    // The Info frame itself is silent and not counted in its own frame total.
    frames = Math.max(0, frames - 1);
    samples = Math.max(0, samples - first.samplesPerFrame);
  }
  if (!truncation && xing?.frames !== undefined && frames < xing.frames) {
    truncation = `its Xing/Info tag announces ${xing.frames} frames but only ${frames} are present`;
  }
  // Encoders disagree on whether that byte count includes ID3 tags: compare with the whole file.
  if (!truncation && xing?.bytes !== undefined && bytes.length < xing.bytes) {
    truncation = `its Xing/Info tag announces ${xing.bytes} bytes but the file has ${bytes.length}`;
  }
  return { start, first, frames, samples, truncation, xing };
}
