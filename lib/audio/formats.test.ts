import { describe, expect, it } from 'vitest';
import { buildMod } from '@/tests/support/mod-writer';
import { randomBytes, sine } from '@/tests/support/signals';
import { encodeWav } from '@/tests/support/wav-writer';
import { describeUnsupported, sniffAudioFormat } from './formats';

function ascii(text: string): number[] {
  return Array.from(text, (c) => c.charCodeAt(0));
}

function bytesWith(length: number, parts: [number, number[]][]): Uint8Array {
  const out = new Uint8Array(length);
  for (const [offset, values] of parts) out.set(values, offset);
  return out;
}

/** An Ogg page whose first packet starts with `packet`. */
function oggPage(packet: number[]): Uint8Array {
  const page = new Uint8Array(27 + 1 + packet.length);
  page.set(ascii('OggS'), 0);
  page[5] = 2; // beginning of stream
  page[26] = 1;
  page[27] = packet.length;
  page.set(packet, 28);
  return page;
}

const id3 = (size: number) => [...ascii('ID3'), 4, 0, 0, 0, 0, (size >> 7) & 0x7f, size & 0x7f];
/** Two MPEG-1 44.1 kHz frames plus the next header: layer III at 128 kbit/s or layer II at 160. */
function mpegFrames(layerBits = 0b01): Uint8Array {
  const header = [0xff, 0xe0 | (0b11 << 3) | (layerBits << 1) | 1, 0x90, 0x44];
  // Bitrate index 9 is 128 kbit/s in layer III and 160 in layer II: ⌊144 · rate / 44100⌋ bytes.
  const length = layerBits === 0b01 ? 417 : 522;
  const out = new Uint8Array(length * 2 + 4);
  out.set(header, 0);
  out.set(header, length);
  out.set(header, 2 * length);
  return out;
}

describe('sniffAudioFormat', () => {
  it('recognises WAV in RIFF, RIFX, RF64 and BW64 containers', () => {
    const wav = encodeWav([sine(8000, 0.01, 440)], 8000);
    expect(sniffAudioFormat(wav)).toBe('wav');
    for (const tag of ['RIFX', 'RF64', 'BW64']) {
      const other = wav.slice();
      other.set(ascii(tag), 0);
      expect(sniffAudioFormat(other)).toBe('wav');
    }
    const avi = wav.slice();
    avi.set(ascii('AVI '), 8);
    expect(sniffAudioFormat(avi)).toBeUndefined();
    expect(describeUnsupported(avi)).toBe('a RIFF file of type "AVI " (not WAVE)');
  });

  it('recognises FLAC, also after an ID3v2 tag', () => {
    expect(sniffAudioFormat(bytesWith(64, [[0, ascii('fLaC')]]))).toBe('flac');
    expect(
      sniffAudioFormat(
        bytesWith(200, [
          [0, id3(100)],
          [110, ascii('fLaC')],
        ]),
      ),
    ).toBe('flac');
  });

  it('accepts Ogg only with a Vorbis first packet, and names the others', () => {
    expect(sniffAudioFormat(oggPage([1, ...ascii('vorbis'), 0, 0, 0, 0, 2]))).toBe('ogg');
    const cases: [number[], string][] = [
      [ascii('OpusHead'), 'Ogg Opus audio'],
      [[0x7f, ...ascii('FLAC')], 'FLAC inside an Ogg container (Ogg FLAC)'],
      [ascii('Speex   '), 'Ogg Speex audio'],
      [[0x80, ...ascii('theora')], 'an Ogg Theora video'],
      [ascii('something'), 'an Ogg file with an unrecognised codec'],
    ];
    for (const [packet, description] of cases) {
      expect(sniffAudioFormat(oggPage(packet))).toBeUndefined();
      expect(describeUnsupported(oggPage(packet))).toBe(description);
    }
  });

  it('recognises MP3 by ID3v2 tag or by two consecutive MPEG layer II/III frame headers', () => {
    expect(sniffAudioFormat(mpegFrames(0b01))).toBe('mp3'); // layer III
    expect(sniffAudioFormat(mpegFrames(0b10))).toBe('mp3'); // layer II
    const tagged = new Uint8Array(20 + 900);
    tagged.set(id3(10), 0);
    tagged.set(mpegFrames(), 20);
    expect(sniffAudioFormat(tagged)).toBe('mp3');
    // ID3 followed by something that is neither MPEG nor FLAC.
    expect(
      sniffAudioFormat(
        bytesWith(300, [
          [0, id3(10)],
          [20, ascii('hello world')],
        ]),
      ),
    ).toBeUndefined();
    // One lone frame-sync-looking word is not enough.
    expect(sniffAudioFormat(bytesWith(2000, [[0, [0xff, 0xfb, 0x90, 0x44]]]))).toBeUndefined();
    // Junk before the first frame is tolerated only when the name says MP3.
    const junk = new Uint8Array(100 + 900);
    junk.set(mpegFrames(), 100);
    expect(sniffAudioFormat(junk)).toBeUndefined();
    expect(sniffAudioFormat(junk, 'song.mp3')).toBe('mp3');
  });

  it('recognises MOD signatures at offset 1080', () => {
    expect(sniffAudioFormat(buildMod())).toBe('mod');
    for (const tag of [
      'M.K.',
      'M!K!',
      'FLT4',
      'FLT8',
      '4CHN',
      '6CHN',
      '8CHN',
      '12CH',
      '16CN',
      'CD81',
      'OKTA',
      'TDZ4',
    ]) {
      expect(sniffAudioFormat(bytesWith(2048, [[1080, ascii(tag)]])), tag).toBe('mod');
    }
    expect(sniffAudioFormat(bytesWith(2048, [[1080, ascii('ABCD')]]))).toBeUndefined();
  });

  it('recognises XM, S3M and IT headers', () => {
    expect(
      sniffAudioFormat(
        bytesWith(400, [
          [0, ascii('Extended Module: tune')],
          [37, [0x1a]],
        ]),
      ),
    ).toBe('xm');
    expect(
      sniffAudioFormat(
        bytesWith(400, [
          [0, ascii('tune')],
          [28, [0x1a, 16]],
          [44, ascii('SCRM')],
        ]),
      ),
    ).toBe('s3m');
    expect(sniffAudioFormat(bytesWith(400, [[0, ascii('IMPMtune')]]))).toBe('it');
  });

  it('uses the file name only for signature-less 15-sample MODs, and never over magic bytes', () => {
    // A Soundtracker module: 15 sample headers, song length 1, order table, no signature.
    const stk = new Uint8Array(600 + 1024);
    stk.set(ascii('old tune'), 0);
    stk[470] = 1;
    expect(sniffAudioFormat(stk)).toBeUndefined();
    expect(sniffAudioFormat(stk, 'OLD.MOD')).toBe('mod');
    // Random bytes called .mod stay unknown.
    expect(sniffAudioFormat(randomBytes(4096), 'fake.mod')).toBeUndefined();
    // Magic wins over the name.
    const wav = encodeWav([sine(8000, 0.01, 440)], 8000);
    expect(sniffAudioFormat(wav, 'song.mp3')).toBe('wav');
    expect(sniffAudioFormat(buildMod(), 'song.wav')).toBe('mod');
  });

  it('returns undefined for random bytes, and describes common non-audio inputs', () => {
    expect(sniffAudioFormat(randomBytes(10_000))).toBeUndefined();
    expect(sniffAudioFormat(new Uint8Array(0))).toBeUndefined();
    expect(describeUnsupported(bytesWith(32, [[4, ascii('ftypM4A ')]]))).toMatch(/MP4\/M4A/);
    expect(describeUnsupported(bytesWith(32, [[0, ascii('MThd')]]))).toMatch(/MIDI/);
    expect(
      describeUnsupported(
        bytesWith(32, [
          [0, ascii('NESM')],
          [4, [0x1a]],
        ]),
      ),
    ).toMatch(/NSF/);
    expect(describeUnsupported(bytesWith(32, [[0, [0xff, 0xf1, 0x50, 0x80]]]))).toMatch(/AAC/);
    expect(describeUnsupported(new TextEncoder().encode('<!doctype html><html>'))).toMatch(/HTML/);
    expect(describeUnsupported(bytesWith(16, [[0, [0xde, 0xad, 0xbe, 0xef]]]))).toBe(
      'unrecognised data starting with 0xdeadbeef00000000',
    );
  });
});
