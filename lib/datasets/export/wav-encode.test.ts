import { describe, expect, it } from 'vitest';
import { encodeWav, type WavOptions } from '../../../tests/support/wav-writer';
import { decodeWav, readWavHeader } from '../../audio/wav';
import { encodePcm16Wav, sliceWav } from './wav-encode';

function signal(channels: number, frames: number): Float32Array[] {
  return Array.from({ length: channels }, (_, c) =>
    new Float32Array(frames).map((_, i) => Math.sin((i + 1) * (c + 1) * 0.013) * 0.9),
  );
}

const CASES: [string, number, WavOptions][] = [
  ['8-bit mono', 1, { bits: 8 }],
  ['16-bit stereo', 2, { bits: 16 }],
  ['24-bit stereo', 2, { bits: 24 }],
  ['32-bit PCM', 2, { bits: 32 }],
  ['float32', 2, { encoding: 'float', bits: 32 }],
  ['float64', 1, { encoding: 'float', bits: 64 }],
  ['extensible 20-in-24, 6 channels', 6, { bits: 24, extensible: true, validBits: 20 }],
  ['RIFX big-endian 16-bit', 2, { bits: 16, container: 'RIFX' }],
  ['RF64 24-bit', 2, { bits: 24, container: 'RF64' }],
  [
    'odd chunks around the data',
    1,
    {
      bits: 24,
      before: [{ id: 'junk', data: new Uint8Array(3) }],
      after: [{ id: 'LIST', data: new Uint8Array(5) }],
    },
  ],
];

describe('sliceWav', () => {
  it.each(CASES)('cuts %s frame-exactly with the samples untouched', (_, channels, options) => {
    const input = encodeWav(signal(channels, 1000), 44100, options);
    const original = decodeWav(input);
    const slice = sliceWav(input, 123, 777);
    expect(slice).toMatchObject({ frames: 654, sampleRate: 44100, channels });
    const header = readWavHeader(slice.bytes);
    expect(header).toMatchObject({
      container: 'RIFF',
      littleEndian: true,
      frames: 654,
      dataSizeUnknown: false,
    });
    expect(header.bytesPerSample).toBe(readWavHeader(input).bytesPerSample);
    const cut = decodeWav(slice.bytes);
    for (let c = 0; c < channels; c++) {
      expect(cut.channels[c]).toEqual(original.channels[c]?.subarray(123, 777));
    }
    // RIFF sizes add up, with the pad byte after an odd data chunk.
    const view = new DataView(slice.bytes.buffer, slice.bytes.byteOffset);
    expect(view.getUint32(4, true)).toBe(slice.bytes.byteLength - 8);
    expect(slice.bytes.byteLength % 2).toBe(0);
  });

  it('clamps the window to the audio and allows an empty result for the caller to refuse', () => {
    const input = encodeWav(signal(2, 100), 8000, { bits: 16 });
    expect(sliceWav(input, 90, 10_000).frames).toBe(10);
    expect(sliceWav(input, 500, 600).frames).toBe(0);
    expect(sliceWav(input, -5, 3).frames).toBe(3);
  });
});

describe('encodePcm16Wav', () => {
  it('writes 16-bit PCM that reads back within one quantisation step, clamped at full scale', () => {
    const channels = signal(2, 500);
    channels[0]?.set([1.5, -1.5], 0);
    const decoded = decodeWav(encodePcm16Wav(channels, 32000));
    expect(decoded).toMatchObject({ sampleRate: 32000, length: 500 });
    expect(decoded.channels[0]?.[0]).toBeCloseTo(32767 / 32768, 6);
    expect(decoded.channels[0]?.[1]).toBe(-1);
    for (let i = 2; i < 500; i++)
      expect(Math.abs((decoded.channels[1]?.[i] ?? 0) - (channels[1]?.[i] ?? 0))).toBeLessThanOrEqual(
        1 / 32768,
      );
  });
});
