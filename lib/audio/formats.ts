/**
 * Format detection by magic bytes. The file name is only a hint for inputs that have no magic at all
 * (15-sample Soundtracker MODs, MP3s with junk before the first frame); it never overrides magic.
 */
import { ascii, byteAt, extensionOf, hasAscii, showTag } from './bytes';
import { findFirstMpegFrame, skipId3v2 } from './mpeg';
import { inspectOgg } from './ogg';
import type { AudioFormat } from './types';

export const SUPPORTED_FORMATS_TEXT =
  'Supported formats: WAV (PCM 8/16/24/32-bit or float 32/64-bit, RIFF/RF64), FLAC, Ogg Vorbis, ' +
  'MP3 (MPEG audio layer II/III) and tracker modules (MOD, XM, S3M, IT).';

const WAV_CONTAINERS = ['RIFF', 'RIFX', 'RF64', 'BW64'];

/** ProTracker-family signatures at offset 1080 (the list libopenmpt's MOD loader accepts). */
const MOD_TAGS = new Set([
  'M.K.',
  'M!K!',
  'M&K!',
  'N.T.',
  'FEST',
  'NSMS',
  'LARD',
  'PATT',
  'OKTA',
  'OCTA',
  'CD61',
  'CD81',
  'FLT4',
  'FLT8',
  'EXO4',
  'EXO8',
]);
const MOD_TAG_PATTERN = /^(?:[1-9]CHN|[1-9][0-9]C[HN]|TDZ[1-9]|FA0[4-8])$/;

/** How far past ID3 tags (or from the start, for *.mp3 files) to look for the first MPEG frame. */
const MPEG_SEARCH_BYTES = 64 * 1024;

export function sniffAudioFormat(bytes: Uint8Array, fileName?: string): AudioFormat | undefined {
  if (WAV_CONTAINERS.some((tag) => hasAscii(bytes, 0, tag)) && hasAscii(bytes, 8, 'WAVE')) return 'wav';

  const extension = extensionOf(fileName);
  const afterId3 = skipId3v2(bytes);
  if (afterId3 > 0) {
    // Inside an ID3 tag anything can appear (cover art…): only FLAC or MPEG may follow one.
    if (hasAscii(bytes, afterId3, 'fLaC')) return 'flac';
    return findFirstMpegFrame(bytes, MPEG_SEARCH_BYTES) ? 'mp3' : undefined;
  }
  if (hasAscii(bytes, 0, 'fLaC')) return 'flac';
  if (hasAscii(bytes, 0, 'OggS')) return inspectOgg(bytes)?.codec === 'vorbis' ? 'ogg' : undefined;
  if (hasAscii(bytes, 0, 'IMPM')) return 'it';
  if (hasAscii(bytes, 0, 'Extended Module: ')) return 'xm';
  if (hasAscii(bytes, 44, 'SCRM')) return 's3m';
  if (isModSignature(ascii(bytes, 1080, 4))) return 'mod';

  const mpegHint = extension === 'mp3' || extension === 'mp2' || extension === 'mpga';
  if (findFirstMpegFrame(bytes, mpegHint ? MPEG_SEARCH_BYTES : 0)) return 'mp3';
  if (
    (extension === 'mod' || extension === 'stk' || extension === 'm15') &&
    looksLikeSoundtrackerMod(bytes)
  ) {
    return 'mod';
  }
  return undefined;
}

function isModSignature(tag: string): boolean {
  return MOD_TAGS.has(tag) || MOD_TAG_PATTERN.test(tag);
}

/**
 * Original 15-sample Soundtracker modules carry no signature; this structural check (song length,
 * order table, sample headers) keeps a mislabelled file from reaching libopenmpt as a "MOD".
 */
function looksLikeSoundtrackerMod(bytes: Uint8Array): boolean {
  const headerEnd = 20 + 15 * 30 + 2 + 128;
  if (bytes.length < headerEnd) return false;
  const songLength = byteAt(bytes, 470);
  if (songLength < 1 || songLength > 128) return false;
  for (let i = 0; i < 128; i++) if (byteAt(bytes, 472 + i) > 63) return false;
  for (let s = 0; s < 15; s++) {
    const header = 20 + s * 30;
    if (byteAt(bytes, header + 25) > 64) return false; // volume
    if (byteAt(bytes, header + 24) > 15) return false; // finetune
  }
  return true;
}

/** A short description of what the bytes are, for the "unsupported format" message. */
export function describeUnsupported(bytes: Uint8Array): string {
  const ogg = inspectOgg(bytes);
  if (ogg) {
    const names: Record<string, string> = {
      opus: 'Ogg Opus audio',
      flac: 'FLAC inside an Ogg container (Ogg FLAC)',
      speex: 'Ogg Speex audio',
      theora: 'an Ogg Theora video',
      skeleton: 'an Ogg file with a Skeleton stream',
      unknown: 'an Ogg file with an unrecognised codec',
    };
    return names[ogg.codec] ?? 'an Ogg file';
  }
  if (hasAscii(bytes, 0, 'RIFF')) return `a RIFF file of type ${showTag(bytes, 8)} (not WAVE)`;
  if (hasAscii(bytes, 0, 'FORM') && (hasAscii(bytes, 8, 'AIFF') || hasAscii(bytes, 8, 'AIFC'))) {
    return 'an AIFF file';
  }
  if (hasAscii(bytes, 4, 'ftyp')) return 'an MP4/M4A/MOV file (AAC or ALAC audio)';
  if (byteAt(bytes, 0) === 0x1a && byteAt(bytes, 1) === 0x45 && byteAt(bytes, 2) === 0xdf) {
    return 'a Matroska/WebM file';
  }
  if (byteAt(bytes, 0) === 0xff && (byteAt(bytes, 1) & 0xf6) === 0xf0) return 'an AAC (ADTS) stream';
  if (byteAt(bytes, 0) === 0xff && (byteAt(bytes, 1) & 0xe6) === 0xe6) return 'MPEG audio layer I (MP1)';
  const simple: [number, string, string][] = [
    [0, 'MThd', 'a Standard MIDI file (notes, not audio)'],
    [0, '.snd', 'a Sun/NeXT AU file'],
    [0, 'caff', 'a Core Audio (CAF) file'],
    [0, 'wvpk', 'a WavPack file'],
    [0, 'MAC ', "a Monkey's Audio (APE) file"],
    [0, 'NESM\x1a', 'an NES Sound Format (NSF) file'],
    [0, 'PSID', 'a C64 SID tune'],
    [0, 'RSID', 'a C64 SID tune'],
    [0, 'Vgm ', 'a VGM chip-music log'],
    [0, 'GBS', 'a Game Boy Sound (GBS) file'],
    [0, 'SNES-SPC700', 'an SNES SPC file'],
    [0, 'OKTASONG', 'an Oktalyzer module'],
    [0, 'MMD', 'an OctaMED module'],
    [0, 'ID3', 'an ID3 tag followed by no MP3 or FLAC audio'],
    [0, 'PK\x03\x04', 'a ZIP archive'],
    [0, '%PDF', 'a PDF document'],
    [0, '\x89PNG', 'a PNG image'],
    [0, 'GIF8', 'a GIF image'],
  ];
  for (const [offset, tag, name] of simple) if (hasAscii(bytes, offset, tag)) return name;
  if (byteAt(bytes, 0) === 0x1f && byteAt(bytes, 1) === 0x8b) return 'a gzip-compressed file';
  if (byteAt(bytes, 0) === 0xff && byteAt(bytes, 1) === 0xd8) return 'a JPEG image';
  if (/^\s*</.test(ascii(bytes, 0, 64))) return 'an HTML/XML text document';
  if (/^[\t\n\r\x20-\x7e]{16,}$/.test(ascii(bytes, 0, 64))) return 'a text file';
  return `unrecognised data starting with ${showTag(bytes, 0, 8)}`;
}
