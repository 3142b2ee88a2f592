/**
 * FLAC metadata: STREAMINFO gives the total sample count up front, which lets us refuse an
 * over-long file before decoding it and notice a file cut short (libFLAC decodes up to the cut).
 */
import { byteAt, hasAscii } from './bytes';
import { skipId3v2 } from './mpeg';
import { AudioDecodeError } from './types';

export interface FlacStreamInfo {
  /** Offset of the "fLaC" marker (after any ID3v2 tag). */
  start: number;
  /** Offset of the first audio frame. */
  audioStart: number;
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** 0 means "unknown" in FLAC. */
  totalSamples: number;
}

const STREAMINFO = 0;

export function readFlacStreamInfo(bytes: Uint8Array): FlacStreamInfo {
  const start = skipId3v2(bytes);
  if (!hasAscii(bytes, start, 'fLaC')) {
    throw new AudioDecodeError(
      'corrupt',
      'The FLAC file has no "fLaC" marker where its header should start.',
    );
  }
  let pos = start + 4;
  let info: Omit<FlacStreamInfo, 'audioStart' | 'start'> | undefined;
  for (let block = 0; ; block++) {
    if (pos + 4 > bytes.length) {
      throw new AudioDecodeError(
        'corrupt',
        'The FLAC file is truncated inside its metadata blocks (no audio frames follow).',
      );
    }
    const head = byteAt(bytes, pos);
    const type = head & 0x7f;
    const length = (byteAt(bytes, pos + 1) << 16) | (byteAt(bytes, pos + 2) << 8) | byteAt(bytes, pos + 3);
    if (block === 0 && (type !== STREAMINFO || length < 34)) {
      throw new AudioDecodeError('corrupt', 'The FLAC file does not start with a valid STREAMINFO block.');
    }
    if (type === 127)
      throw new AudioDecodeError('corrupt', 'The FLAC file has an invalid metadata block type.');
    if (pos + 4 + length > bytes.length) {
      throw new AudioDecodeError('corrupt', 'The FLAC file is truncated inside its metadata blocks.');
    }
    if (type === STREAMINFO && block === 0) {
      const p = pos + 4 + 10;
      // 20 bits sample rate, 3 bits channels-1, 5 bits bits-per-sample-1, 36 bits total samples.
      const sampleRate = (byteAt(bytes, p) << 12) | (byteAt(bytes, p + 1) << 4) | (byteAt(bytes, p + 2) >> 4);
      const channels = ((byteAt(bytes, p + 2) >> 1) & 7) + 1;
      const bitsPerSample = (((byteAt(bytes, p + 2) & 1) << 4) | (byteAt(bytes, p + 3) >> 4)) + 1;
      const totalSamples =
        (byteAt(bytes, p + 3) & 0x0f) * 2 ** 32 +
        byteAt(bytes, p + 4) * 2 ** 24 +
        (byteAt(bytes, p + 5) << 16) +
        (byteAt(bytes, p + 6) << 8) +
        byteAt(bytes, p + 7);
      if (sampleRate === 0)
        throw new AudioDecodeError('corrupt', 'The FLAC STREAMINFO gives a sample rate of 0.');
      info = { sampleRate, channels, bitsPerSample, totalSamples };
    }
    pos += 4 + length;
    if (head & 0x80) break;
  }
  if (!info) throw new AudioDecodeError('corrupt', 'The FLAC file has no STREAMINFO block.');
  if (pos >= bytes.length) {
    throw new AudioDecodeError('corrupt', 'The FLAC file ends after its metadata: it has no audio frames.');
  }
  return { start, audioStart: pos, ...info };
}

/**
 * Taggers (and some rippers) append an ID3v1 tag ("TAG", 128 bytes) and/or an APEv2 tag (footer
 * "APETAGEX") after the last FLAC frame. They are not audio: the frame parser would read them as a
 * broken frame, so they are cut off before decoding.
 */
export function stripTrailingTags(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  if (end >= 128 && hasAscii(bytes, end - 128, 'TAG')) end -= 128;
  if (end >= 32 && hasAscii(bytes, end - 32, 'APETAGEX')) {
    const footer = end - 32;
    const size =
      byteAt(bytes, footer + 12) |
      (byteAt(bytes, footer + 13) << 8) |
      (byteAt(bytes, footer + 14) << 16) |
      (byteAt(bytes, footer + 15) << 24);
    // `size` counts the items and the footer; a header of 32 more bytes is present when flagged.
    const hasHeader = (byteAt(bytes, footer + 23) & 0x80) !== 0;
    const start = end - size - (hasHeader ? 32 : 0);
    if (size >= 32 && start > 0) end = start;
  }
  return end === bytes.length ? bytes : bytes.subarray(0, end);
}
