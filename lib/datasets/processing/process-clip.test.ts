/**
 * processClip on real files: WAV, FLAC, Ogg Vorbis and MP3 written by libsndfile (the original
 * bytes are the playable copy), a ProTracker module of our own (rendered to a 16-bit 48 kHz stereo
 * WAV, the module kept as the source), and inputs that must fail with a sentence for the miner.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAudio } from '@/lib/audio/decode';
import { AudioDecodeError } from '@/lib/audio/types';
import { decodeWav } from '@/lib/audio/wav';
import { type WrittenAudioFile, writeAudioFiles } from '@/tests/support/audio-fixtures';
import { buildMod } from '@/tests/support/mod-writer';
import { randomBytes } from '@/tests/support/signals';
import { makeTempDir } from '@/tests/support/temp-dir';
import { peaksSchema, qualityReportSchema } from '../model';
import { processClip } from './process-clip';

const temp = makeTempDir('genki-process-');
let files: Map<string, WrittenAudioFile>;
beforeAll(() => {
  files = writeAudioFiles(temp.dir, [
    { name: 'lead.wav', format: 'WAV', subtype: 'PCM_16', rate: 44100, channels: 2, seconds: 6, seed: 1 },
    { name: 'bass.flac', format: 'FLAC', subtype: 'PCM_24', rate: 48000, channels: 1, seconds: 5.5, seed: 2 },
    { name: 'arp.ogg', format: 'OGG', subtype: 'VORBIS', rate: 32000, channels: 2, seconds: 5, seed: 3 },
    {
      name: 'loop.mp3',
      format: 'MP3',
      subtype: 'MPEG_LAYER_III',
      rate: 44100,
      channels: 2,
      seconds: 5,
      seed: 4,
    },
  ]);
});
afterAll(() => temp.cleanup());

const bytesOf = (name: string) => {
  const file = files.get(name);
  if (!file) throw new Error(`fixture ${name} missing`);
  return file;
};

describe('processClip', () => {
  const cases = [
    ['lead.wav', 'wav', 'audio/wav', 44100, 2],
    ['bass.flac', 'flac', 'audio/flac', 48000, 1],
    ['arp.ogg', 'ogg', 'audio/ogg', 32000, 2],
    ['loop.mp3', 'mp3', 'audio/mpeg', 44100, 2],
  ] as const;
  for (const [name, format, mediaType, rate, channels] of cases) {
    it(`keeps a ${format.toUpperCase()} file as its own playable copy and measures it`, async () => {
      const file = bytesOf(name);
      const result = await processClip(file.bytes, name);
      expect(result.info).toMatchObject({ format, sampleRate: rate, channels, title: null });
      expect(result.info.durationSeconds).toBeCloseTo(file.frames / file.rate, 2);
      // The very same bytes (no copy); toEqual on megabytes of Uint8Array would take seconds.
      expect(result.audio.bytes).toBe(file.bytes);
      expect(result.audio).toMatchObject({ mediaType, rendered: false });
      expect(result.sourceMediaType).toBe(mediaType);
      expect(qualityReportSchema.parse(result.quality).checks).toHaveLength(8);
      // Short fixtures: the duration check warns (under 30 s); nothing else is wrong with them.
      expect(result.quality.checks.find((c) => c.id === 'duration')?.level).toBe('warn');
      const peaks = peaksSchema.parse(result.peaks);
      expect(peaks.data.length).toBe(2 * Math.ceil(result.info.durationSeconds * 100));
      expect(Math.max(...peaks.data)).toBeGreaterThan(0.2);
    });
  }

  it('renders a tracker module to a 16-bit 48 kHz stereo WAV and suggests its tempo', async () => {
    const mod = buildMod({ title: 'genki tune' });
    const result = await processClip(mod, 'tune.mod');
    expect(result.info).toMatchObject({ format: 'mod', sampleRate: 48000, channels: 2, title: 'genki tune' });
    expect(result.audio.rendered).toBe(true);
    expect(result.audio.mediaType).toBe('audio/wav');
    expect(result.sourceMediaType).toBe('audio/x-mod');
    const wav = decodeWav(result.audio.bytes);
    expect(wav).toMatchObject({ sampleRate: 48000, length: result.info.frames });
    expect(wav.channels).toHaveLength(2);
    // The WAV holds the render to 16-bit precision.
    const render = await decodeAudio(mod, { fileName: 'tune.mod' });
    let worst = 0;
    for (let i = 0; i < render.length; i += 97) {
      const a = (render.channels[0] as Float32Array)[i] as number;
      const b = (wav.channels[0] as Float32Array)[i] as number;
      worst = Math.max(worst, Math.abs(Math.max(-1, Math.min(1, a)) - b));
    }
    expect(worst).toBeLessThan(1 / 32768 + 1e-7);
    // 3 ticks × 20 ms per row, 8 rows per beat: 125 BPM.
    expect(result.bpm).toBeGreaterThan(123);
    expect(result.bpm).toBeLessThan(127);
    expect(result.quality.checks.find((c) => c.id === 'decode')?.message).toBe(
      'Rendered from the MOD module with libopenmpt.',
    );
  });

  it('fails empty, corrupt, unsupported and over-long input with a sentence for the miner', async () => {
    const failure = async (bytes: Uint8Array, name: string, options = {}) => {
      const error = await processClip(bytes, name, options).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AudioDecodeError);
      return error as AudioDecodeError;
    };
    expect((await failure(new Uint8Array(0), 'empty.wav')).message).toBe(
      'The audio file is empty (0 bytes).',
    );
    const truncated = bytesOf('bass.flac').bytes.slice(0, 3000);
    expect((await failure(truncated, 'bass.flac')).code).toBe('corrupt');
    const noise = await failure(randomBytes(5000), 'notes.txt');
    expect(noise.code).toBe('unsupported_format');
    expect(noise.message).toMatch(/Supported formats: WAV/);
    const long = await failure(bytesOf('lead.wav').bytes, 'lead.wav', { maxSeconds: 2 });
    expect(long.message).toBe('The WAV file is 6.0 s long; the limit is 2 s.');
  });
});
