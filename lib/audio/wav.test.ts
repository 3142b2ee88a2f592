import { afterAll, describe, expect, it } from 'vitest';
import { maxAbsDiff, readWithSoundfile, writeAudioFiles } from '@/tests/support/audio-fixtures';
import { chiptune } from '@/tests/support/signals';
import { makeTempDir } from '@/tests/support/temp-dir';
import { encodeWav, quantise, type WavOptions } from '@/tests/support/wav-writer';
import { AudioDecodeError } from './types';
import { decodeWav, readWavHeader } from './wav';

const temp = makeTempDir('genki-wav-');
afterAll(() => temp.cleanup());

const left = chiptune(44100, 0.25, 1);
const right = chiptune(44100, 0.25, 2).map((v) => -0.9 * v);
// Full-scale corners (and beyond, to check clipping at the encoder) in every file.
left.set([1, -1, 0.999, -0.999, 0.5, -0.5, 2 ** -15, -(2 ** -23)], 0);

function expectCorrupt(bytes: Uint8Array, pattern: RegExp): void {
  let caught: unknown;
  try {
    decodeWav(bytes);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AudioDecodeError);
  expect((caught as AudioDecodeError).code).toBe('corrupt');
  expect((caught as AudioDecodeError).message).toMatch(pattern);
}

describe('decodeWav: every sample format, checked against the exact values and against libsndfile', () => {
  const cases: [string, WavOptions][] = [
    ['PCM u8', { bits: 8 }],
    ['PCM s16', { bits: 16 }],
    ['PCM s24', { bits: 24 }],
    ['PCM s32', { bits: 32 }],
    ['float32', { encoding: 'float', bits: 32 }],
    ['float64', { encoding: 'float', bits: 64 }],
    ['extensible s24', { bits: 24, extensible: true }],
    ['extensible s32 with 24 valid bits', { bits: 32, extensible: true, validBits: 24 }],
    ['extensible float32', { encoding: 'float', bits: 32, extensible: true }],
    ['RIFX big-endian s24', { bits: 24, container: 'RIFX' }],
    ['RIFX big-endian float64', { encoding: 'float', bits: 64, container: 'RIFX' }],
    ['RF64 s16', { bits: 16, container: 'RF64' }],
  ];
  it.each(cases)('%s', (name, options) => {
    const bytes = encodeWav([left, right], 44100, options);
    const decoded = decodeWav(bytes);
    expect(decoded.sampleRate).toBe(44100);
    expect(decoded.length).toBe(left.length);
    const encoding = options.encoding ?? 'pcm';
    const bits = options.bits ?? 16;
    for (const [c, source] of [left, right].entries()) {
      const expected = source.map((v) => quantise(v, encoding, bits));
      expect(maxAbsDiff(decoded.channels[c] as Float32Array, expected)).toBe(0);
    }
    // libsndfile reads RIFX/RF64/extensible too: the two decoders must agree to float rounding.
    const reference = readWithSoundfile(temp.dir, bytes, `${name.replace(/\W+/g, '-')}.wav`);
    expect(reference.length).toBe(2);
    for (const c of [0, 1]) {
      expect(
        maxAbsDiff(decoded.channels[c] as Float32Array, reference[c] as Float32Array),
      ).toBeLessThanOrEqual(6e-8);
    }
    expect(decoded.meta?.bitsPerSample).toBe(bits);
  });

  it('reads files written by libsndfile in every WAV subtype (and WAVEX, RF64) identically to libsndfile', () => {
    const subtypes = ['PCM_U8', 'PCM_16', 'PCM_24', 'PCM_32', 'FLOAT', 'DOUBLE'];
    const specs = [
      ...subtypes.map((subtype) => ({
        name: `sf-${subtype}.wav`,
        format: 'WAV',
        subtype,
        rate: 32000,
        channels: 2,
        seconds: 0.3,
      })),
      { name: 'sf-wavex.wav', format: 'WAVEX', subtype: 'PCM_24', rate: 44100, channels: 3, seconds: 0.2 },
      { name: 'sf-rf64.wav', format: 'RF64', subtype: 'FLOAT', rate: 48000, channels: 1, seconds: 0.2 },
    ];
    const files = writeAudioFiles(temp.dir, specs);
    expect(files.size).toBe(specs.length);
    for (const [name, file] of files) {
      const decoded = decodeWav(file.bytes);
      expect(decoded.sampleRate, name).toBe(file.rate);
      expect(decoded.length, name).toBe(file.frames);
      expect(decoded.channels.length, name).toBe(file.reference.length);
      for (const [c, reference] of file.reference.entries()) {
        expect(maxAbsDiff(decoded.channels[c] as Float32Array, reference), name).toBe(0);
      }
    }
  });
});

describe('decodeWav: chunk handling', () => {
  const odd = { id: 'LIST', data: new Uint8Array([1, 2, 3, 4, 5]) };
  const expected = left.map((v) => quantise(v, 'pcm', 16));

  it('skips unknown chunks, with and without the pad byte after odd sizes, before and after the data', () => {
    for (const omitPadByte of [false, true]) {
      const bytes = encodeWav([left], 44100, {
        before: [{ id: 'JUNK', data: new Uint8Array(28) }],
        between: [odd, { id: 'fact', data: new Uint8Array(4) }],
        after: [odd],
        omitPadByte,
      });
      const decoded = decodeWav(bytes);
      expect(maxAbsDiff(decoded.channels[0] as Float32Array, expected)).toBe(0);
      expect(decoded.length).toBe(left.length);
    }
  });

  it('accepts a data chunk that comes before fmt', () => {
    const decoded = decodeWav(encodeWav([left], 44100, { dataFirst: true }));
    expect(maxAbsDiff(decoded.channels[0] as Float32Array, expected)).toBe(0);
  });

  it('reads what is there when the data size is 0xFFFFFFFF or larger than the file (streamed WAVs)', () => {
    for (const dataSizeField of [0xffffffff, 10_000_000]) {
      const decoded = decodeWav(encodeWav([left], 44100, { dataSizeField }));
      expect(decoded.length).toBe(left.length);
      expect(decoded.meta?.dataSizeUnknown).toBe(1);
    }
    // A recording cut mid-way (and mid-frame): every complete frame is kept.
    const full = encodeWav([left, right], 44100, { bits: 24 });
    const cut = full.subarray(0, full.length - 1000 - 2);
    const decoded = decodeWav(cut);
    expect(decoded.length).toBe(Math.floor((cut.length - 44) / 6));
    expect(
      maxAbsDiff(
        decoded.channels[1] as Float32Array,
        right.map((v) => quantise(v, 'pcm', 24)),
      ),
    ).toBe(0);
  });

  it('reports the real header of a file', () => {
    const header = readWavHeader(
      encodeWav([left, right], 22050, { bits: 24, extensible: true, validBits: 20 }),
    );
    expect(header).toMatchObject({
      container: 'RIFF',
      encoding: 'pcm',
      channels: 2,
      sampleRate: 22050,
      bytesPerSample: 3,
      validBits: 20,
    });
  });
});

describe('decodeWav: corrupt and unsupported headers', () => {
  const good = encodeWav([left], 44100);

  it('rejects truncated headers with a specific message', () => {
    expectCorrupt(good.subarray(0, 8), /shorter than a RIFF header/);
    expectCorrupt(good.subarray(0, 12), /no fmt chunk/);
    expectCorrupt(good.subarray(0, 20), /"fmt " chunk claims 16 bytes but the file ends first/);
    expectCorrupt(good.subarray(0, 30), /"fmt " chunk claims 16 bytes/);
    expectCorrupt(good.subarray(0, 40), /no data chunk/);
    expectCorrupt(good.subarray(0, 45), /no complete audio frame/);
  });

  it('rejects impossible fmt fields', () => {
    const zeroChannels = good.slice();
    new DataView(zeroChannels.buffer).setUint16(22, 0, true);
    expectCorrupt(zeroChannels, /0 channels/);
    const zeroRate = good.slice();
    new DataView(zeroRate.buffer).setUint32(24, 0, true);
    expectCorrupt(zeroRate, /sample rate of 0/);
    const shortFmt = good.slice();
    new DataView(shortFmt.buffer).setUint32(16, 12, true);
    expectCorrupt(shortFmt, /fmt chunk is 12 bytes/);
  });

  it('rejects a data chunk with no complete frame and float data with NaN', () => {
    expectCorrupt(encodeWav([new Float32Array(0)], 44100), /no complete audio frame/);
    const nan = new Float32Array(16);
    nan[3] = Number.NaN;
    expectCorrupt(encodeWav([nan], 44100, { encoding: 'float', bits: 32 }), /NaN or infinity/);
  });

  it('names encodings it does not read', () => {
    const adpcm = good.slice();
    new DataView(adpcm.buffer).setUint16(20, 2, true);
    expect(() => decodeWav(adpcm)).toThrow(/Microsoft ADPCM \(format tag 0x0002\)/);
    const float16 = encodeWav([left], 44100, { encoding: 'float', bits: 32 });
    new DataView(float16.buffer).setUint16(34, 16, true);
    expect(() => decodeWav(float16)).toThrow(expect.objectContaining({ code: 'unsupported_format' }));
  });

  it('refuses audio over maxSeconds before converting it', () => {
    expect(() => decodeWav(good, { maxSeconds: 0.1 })).toThrow(expect.objectContaining({ code: 'too_long' }));
  });
});
