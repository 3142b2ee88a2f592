/**
 * FLAC, Ogg Vorbis and MP3 files written by libsndfile (libFLAC, libvorbis, LAME), decoded by our
 * wasm decoders and compared with libsndfile's own decode of the same file (libFLAC, libvorbis,
 * libmpg123) and with the signal that was encoded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bestLag,
  maxAbsDiff,
  snrDb,
  type WrittenAudioFile,
  writeAudioFiles,
} from '@/tests/support/audio-fixtures';
import { makeTempDir } from '@/tests/support/temp-dir';
import { decodeAudio } from './decode';

const temp = makeTempDir('genki-codecs-');
let files: Map<string, WrittenAudioFile>;

beforeAll(() => {
  files = writeAudioFiles(temp.dir, [
    {
      name: 'stereo16.flac',
      format: 'FLAC',
      subtype: 'PCM_16',
      rate: 44100,
      channels: 2,
      seconds: 2,
      seed: 1,
    },
    {
      name: 'mono24.flac',
      format: 'FLAC',
      subtype: 'PCM_24',
      rate: 32000,
      channels: 1,
      seconds: 1.5,
      seed: 2,
    },
    {
      name: 'stereo8.flac',
      format: 'FLAC',
      subtype: 'PCM_S8',
      rate: 22050,
      channels: 2,
      seconds: 1,
      seed: 3,
    },
    { name: 'stereo.ogg', format: 'OGG', subtype: 'VORBIS', rate: 44100, channels: 2, seconds: 2, seed: 4 },
    { name: 'mono.ogg', format: 'OGG', subtype: 'VORBIS', rate: 32000, channels: 1, seconds: 1.5, seed: 5 },
    {
      name: 'stereo.mp3',
      format: 'MP3',
      subtype: 'MPEG_LAYER_III',
      rate: 44100,
      channels: 2,
      seconds: 2,
      seed: 6,
    },
    {
      name: 'mono.mp3',
      format: 'MP3',
      subtype: 'MPEG_LAYER_III',
      rate: 32000,
      channels: 1,
      seconds: 1.5,
      seed: 7,
    },
  ]);
});
afterAll(() => temp.cleanup());

function file(name: string): WrittenAudioFile {
  const found = files.get(name);
  if (!found) throw new Error(`test file ${name} was not written`);
  return found;
}

async function decodeAndCompare(name: string) {
  const written = file(name);
  const decoded = await decodeAudio(written.bytes, { fileName: name });
  expect(decoded.sampleRate).toBe(written.rate);
  expect(decoded.channels.length).toBe(written.reference.length);
  // Same length as libsndfile's decode and as the encoded signal: encoder delay and padding are
  // trimmed (FLAC has none; Vorbis by the granule position; MP3 by the LAME/Info gapless tag).
  expect(decoded.length).toBe(written.frames);
  expect(decoded.length).toBe(written.source[0]?.length);
  const diffs = decoded.channels.map((channel, c) =>
    maxAbsDiff(channel, written.reference[c] as Float32Array),
  );
  return { written, decoded, diffs };
}

describe('FLAC (@wasm-audio-decoders/flac) against libsndfile', () => {
  it.each(['stereo16.flac', 'mono24.flac', 'stereo8.flac'])('%s decodes bit-exactly', async (name) => {
    const { diffs, decoded, written } = await decodeAndCompare(name);
    // Integers scaled by 1/2^(bits-1), like libsndfile and our WAV reader (the wasm decoder alone
    // would give 1/(2^(bits-1) - 1): 0.75 LSB off at full scale).
    expect(Math.max(...diffs)).toBe(0);
    expect(decoded.format).toBe('flac');
    expect(bestLag(written.source[0] as Float32Array, decoded.channels[0] as Float32Array, 50)).toBe(0);
  });

  it('ignores ID3v1 and APEv2 tags appended after the last frame, as taggers write them', async () => {
    const { bytes } = file('stereo16.flac');
    const id3v1 = new Uint8Array(128);
    id3v1.set(new TextEncoder().encode('TAGSquare Lead Theme'), 0);
    const apeFooter = new Uint8Array(32);
    apeFooter.set(new TextEncoder().encode('APETAGEX'), 0);
    new DataView(apeFooter.buffer).setUint32(8, 2000, true); // version
    new DataView(apeFooter.buffer).setUint32(12, 32, true); // size: no items, just this footer
    const tagged = new Uint8Array(bytes.length + apeFooter.length + id3v1.length);
    tagged.set(bytes, 0);
    tagged.set(apeFooter, bytes.length);
    tagged.set(id3v1, bytes.length + apeFooter.length);
    const plain = await decodeAudio(bytes);
    const withTags = await decodeAudio(tagged);
    expect(withTags.length).toBe(plain.length);
    expect(withTags.channels).toEqual(plain.channels);
  });
});

describe('Ogg Vorbis (@wasm-audio-decoders/ogg-vorbis) against libsndfile', () => {
  it.each(['stereo.ogg', 'mono.ogg'])(
    '%s matches to float rounding, aligned with the source',
    async (name) => {
      const { diffs, decoded, written } = await decodeAndCompare(name);
      // Measured: 2.4e-7 (both run libvorbis' float decoder); a wrong window or channel map gives > 0.1.
      expect(Math.max(...diffs)).toBeLessThan(1e-5);
      expect(bestLag(written.source[0] as Float32Array, decoded.channels[0] as Float32Array, 1200)).toBe(0);
      expect(snrDb(written.source[0] as Float32Array, decoded.channels[0] as Float32Array)).toBeGreaterThan(
        10,
      );
      expect(decoded.format).toBe('ogg');
    },
  );
});

describe('MP3 (mpg123-decoder) against libsndfile', () => {
  it.each(['stereo.mp3', 'mono.mp3'])(
    '%s matches closely, gapless, aligned with the source',
    async (name) => {
      const { diffs, decoded, written } = await decodeAndCompare(name);
      // Measured: 1.6e-6 (both use libmpg123, possibly different builds/optimisations).
      expect(Math.max(...diffs)).toBeLessThan(5e-5);
      // Encoder delay (LAME: 576 + 529 samples) removed: no shift against the encoded signal.
      expect(bestLag(written.source[0] as Float32Array, decoded.channels[0] as Float32Array, 1200)).toBe(0);
      expect(snrDb(written.source[0] as Float32Array, decoded.channels[0] as Float32Array)).toBeGreaterThan(
        10,
      );
      expect(decoded.meta?.layer).toBe(3);
    },
  );

  it('returns one channel for a mono MP3 (mpg123 outputs two identical ones)', async () => {
    const decoded = await decodeAudio(file('mono.mp3').bytes);
    expect(decoded.channels.length).toBe(1);
  });
});
