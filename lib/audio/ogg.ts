/**
 * Just enough Ogg framing to name the codec of the first logical stream (we decode Vorbis only) and
 * to see whether a file ends with its end-of-stream page, i.e. was not cut short.
 */
import { byteAt, hasAscii, viewOf } from './bytes';

export type OggCodec = 'vorbis' | 'opus' | 'flac' | 'speex' | 'theora' | 'skeleton' | 'unknown';

interface OggPage {
  headerType: number;
  /** Granule position (samples for audio codecs); -1 when the page ends no packet. */
  granule: number;
  segments: number;
  headerLength: number;
  bodyLength: number;
}

function readPage(bytes: Uint8Array, offset: number): OggPage | undefined {
  if (!hasAscii(bytes, offset, 'OggS') || byteAt(bytes, offset + 4) !== 0 || offset + 27 > bytes.length) {
    return undefined;
  }
  const segments = byteAt(bytes, offset + 26);
  const headerLength = 27 + segments;
  if (offset + headerLength > bytes.length) return undefined;
  let bodyLength = 0;
  for (let i = 0; i < segments; i++) bodyLength += byteAt(bytes, offset + 27 + i);
  const view = viewOf(bytes);
  const low = view.getUint32(offset + 6, true);
  const high = view.getInt32(offset + 10, true);
  return {
    headerType: byteAt(bytes, offset + 5),
    granule: high * 0x100000000 + low,
    segments,
    headerLength,
    bodyLength,
  };
}

export interface OggInfo {
  codec: OggCodec;
  /** Vorbis identification header facts, when the codec is Vorbis and the header is complete. */
  channels?: number;
  sampleRate?: number;
}

/** Codec of the first packet of the first page; undefined when the bytes are not an Ogg page. */
export function inspectOgg(bytes: Uint8Array): OggInfo | undefined {
  const page = readPage(bytes, 0);
  if (!page) return hasAscii(bytes, 0, 'OggS') ? { codec: 'unknown' } : undefined;
  const body = page.headerLength;
  if (hasAscii(bytes, body, '\x01vorbis')) {
    if (body + 30 > bytes.length) return { codec: 'vorbis' };
    const view = viewOf(bytes);
    return {
      codec: 'vorbis',
      channels: byteAt(bytes, body + 11),
      sampleRate: view.getUint32(body + 12, true),
    };
  }
  if (hasAscii(bytes, body, 'OpusHead')) return { codec: 'opus' };
  if (hasAscii(bytes, body, '\x7fFLAC')) return { codec: 'flac' };
  if (hasAscii(bytes, body, 'Speex   ')) return { codec: 'speex' };
  if (hasAscii(bytes, body, '\x80theora')) return { codec: 'theora' };
  if (hasAscii(bytes, body, 'fishead\0')) return { codec: 'skeleton' };
  return { codec: 'unknown' };
}

/**
 * The last page of the file, if the file ends exactly where a page ends: its granule position and
 * whether it carries the end-of-stream flag. Undefined when the data stops inside a page.
 */
export function lastOggPage(bytes: Uint8Array): { granule: number; endOfStream: boolean } | undefined {
  // A page is at most 27 + 255 + 255 * 255 bytes, so the last one starts within that distance.
  const earliest = Math.max(0, bytes.length - (27 + 255 + 255 * 255));
  for (let pos = bytes.length - 27; pos >= earliest; pos--) {
    if (byteAt(bytes, pos) !== 0x4f || !hasAscii(bytes, pos, 'OggS')) continue;
    const page = readPage(bytes, pos);
    if (page && pos + page.headerLength + page.bodyLength === bytes.length) {
      return { granule: page.granule, endOfStream: (page.headerType & 4) !== 0 };
    }
  }
  return undefined;
}
