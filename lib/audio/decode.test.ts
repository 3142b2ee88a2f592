/** decodeAudio's limits and error contract, hostile inputs, and prepareAudio end to end. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readNpy } from '@/lib/npy';
import { type WrittenAudioFile, writeAudioFiles } from '@/tests/support/audio-fixtures';
import { buildMod } from '@/tests/support/mod-writer';
import { runReference } from '@/tests/support/python';
import { chiptune, randomBytes } from '@/tests/support/signals';
import { makeTempDir } from '@/tests/support/temp-dir';
import { encodeWav } from '@/tests/support/wav-writer';
import { decodeAudio } from './decode';
import { prepareAudio, prepareDecoded } from './prepare';
import { AudioDecodeError, type AudioErrorCode } from './types';

const temp = makeTempDir('genki-decode-');
let files: Map<string, WrittenAudioFile>;

beforeAll(() => {
  // The wasm decoders log every error they meet to console.error; the hostile inputs below meet many.
  vi.spyOn(console, 'error').mockImplementation(() => {});
  files = writeAudioFiles(temp.dir, [
    { name: 'a.flac', format: 'FLAC', subtype: 'PCM_16', rate: 44100, channels: 2, seconds: 1.5, seed: 1 },
    { name: 'a.ogg', format: 'OGG', subtype: 'VORBIS', rate: 44100, channels: 2, seconds: 1.5, seed: 2 },
    {
      name: 'a.mp3',
      format: 'MP3',
      subtype: 'MPEG_LAYER_III',
      rate: 44100,
      channels: 2,
      seconds: 1.5,
      seed: 3,
    },
    { name: 'a.opus', format: 'OGG', subtype: 'OPUS', rate: 48000, channels: 2, seconds: 0.5, seed: 4 },
    { name: 'alaw.wav', format: 'WAV', subtype: 'ALAW', rate: 8000, channels: 1, seconds: 0.5, seed: 5 },
    { name: 'stereo.wav', format: 'WAV', subtype: 'PCM_16', rate: 44100, channels: 2, seconds: 1.5, seed: 6 },
    { name: 'mono32k.wav', format: 'WAV', subtype: 'PCM_24', rate: 32000, channels: 1, seconds: 1, seed: 7 },
  ]);
});
afterAll(() => {
  vi.restoreAllMocks();
  temp.cleanup();
});

function bytesOf(name: string): Uint8Array {
  const found = files.get(name);
  if (!found) throw new Error(`test file ${name} was not written`);
  return found.bytes;
}

async function expectError(
  promise: Promise<unknown>,
  code: AudioErrorCode,
  message?: RegExp,
): Promise<AudioDecodeError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AudioDecodeError);
  const decodeError = error as AudioDecodeError;
  expect(decodeError.code, decodeError.message).toBe(code);
  if (message) expect(decodeError.message).toMatch(message);
  return decodeError;
}

/** Resolves with audio or rejects with an AudioDecodeError: never anything else, never a hang. */
async function expectSettlesCleanly(bytes: Uint8Array, label: string): Promise<void> {
  const outcome = await decodeAudio(bytes, { maxSeconds: 30 }).then(
    (decoded) => ({ decoded, error: undefined }),
    (error: unknown) => ({ decoded: undefined, error }),
  );
  if (outcome.decoded) expect(outcome.decoded.length, label).toBeGreaterThan(0);
  else expect(outcome.error, `${label}: ${String(outcome.error)}`).toBeInstanceOf(AudioDecodeError);
}

describe('decodeAudio: limits', () => {
  it('rejects 0 bytes as empty', async () => {
    await expectError(decodeAudio(new Uint8Array(0)), 'empty', /0 bytes/);
  });

  it('rejects inputs over maxBytes before looking at them', async () => {
    await expectError(decodeAudio(bytesOf('a.flac'), { maxBytes: 1000 }), 'too_large', /limit is 0\.0 MiB/);
    await expectError(decodeAudio(randomBytes(5000), { maxBytes: 4999 }), 'too_large');
  });

  it('rejects audio over maxSeconds in every format (from the header where it has one)', async () => {
    for (const name of ['stereo.wav', 'a.flac', 'a.ogg', 'a.mp3']) {
      await expectError(decodeAudio(bytesOf(name), { maxSeconds: 1 }), 'too_long', /limit is 1 s/);
    }
    // FLAC with an unknown total (0 in STREAMINFO): caught while decoding instead.
    const flac = bytesOf('a.flac').slice();
    // STREAMINFO starts at byte 8; its 36-bit sample count is the low nibble of byte 21 and bytes 22–25.
    flac[21] = (flac[21] ?? 0) & 0xf0;
    flac.fill(0, 22, 26);
    await expectError(decodeAudio(flac, { maxSeconds: 1 }), 'too_long', /longer than 1 s/);
    // …and decoded normally without the limit.
    expect((await decodeAudio(flac)).length).toBe(66150);
  });
});

describe('decodeAudio: unsupported inputs name what they are', () => {
  it('random bytes', async () => {
    for (const seed of [1, 2, 3]) {
      const error = await expectError(decodeAudio(randomBytes(4096, seed)), 'unsupported_format');
      expect(error.message).toMatch(/Supported formats: WAV .* FLAC, Ogg Vorbis, MP3 .*\(MOD, XM, S3M, IT\)/);
    }
  });

  it('Ogg Opus, FLAC in Ogg, A-law and MP3 inside WAV, text', async () => {
    await expectError(decodeAudio(bytesOf('a.opus')), 'unsupported_format', /Ogg Opus audio/);
    const oggFlac = bytesOf('a.opus').slice();
    oggFlac.set([0x7f, 0x46, 0x4c, 0x41, 0x43], 28);
    await expectError(decodeAudio(oggFlac), 'unsupported_format', /Ogg FLAC/);
    await expectError(decodeAudio(bytesOf('alaw.wav')), 'unsupported_format', /A-law \(format tag 0x0006\)/);
    const mp3InWav = bytesOf('stereo.wav').slice();
    new DataView(mp3InWav.buffer).setUint16(20, 0x55, true);
    await expectError(decodeAudio(mp3InWav), 'unsupported_format', /MP3 \(format tag 0x0055\)/);
    await expectError(
      decodeAudio(new TextEncoder().encode('{"not": "audio at all"}')),
      'unsupported_format',
      /text file/,
    );
  });
});

describe('decodeAudio: truncated and damaged files', () => {
  it('truncated WAV headers are corrupt; a WAV cut inside its data decodes what is there', async () => {
    const wav = bytesOf('stereo.wav');
    await expectError(decodeAudio(wav.subarray(0, 30)), 'corrupt', /"fmt " chunk claims/);
    await expectError(decodeAudio(wav.subarray(0, 40)), 'corrupt', /no data chunk/);
    expect((await decodeAudio(wav.subarray(0, 10_000))).length).toBe(Math.floor((10_000 - 44) / 4));
  });

  it('a WAV whose header lies about sizes', async () => {
    const lying = encodeWav([chiptune(8000, 0.1)], 8000, { dataSizeField: 0x7fffffff });
    lying.set([0xff, 0xff, 0xff, 0x7f], 4); // RIFF size too
    expect((await decodeAudio(lying)).length).toBe(800);
    const hugeFmt = encodeWav([chiptune(8000, 0.1)], 8000);
    new DataView(hugeFmt.buffer).setUint32(16, 0x7fffffff, true);
    await expectError(decodeAudio(hugeFmt), 'corrupt', /"fmt " chunk claims 2147483647 bytes/);
  });

  it('FLAC: cut in the metadata, cut in the audio, damaged frames', async () => {
    const flac = bytesOf('a.flac');
    await expectError(decodeAudio(flac.subarray(0, 30)), 'corrupt', /truncated inside its metadata/);
    await expectError(
      decodeAudio(flac.subarray(0, Math.floor(flac.length / 2))),
      'corrupt',
      /truncated: its header announces 66150 samples/,
    );
    const damaged = flac.slice();
    for (let i = 20_000; i < damaged.length; i += 5000) damaged[i] = (damaged[i] ?? 0) ^ 0x5a;
    await expectError(decodeAudio(damaged), 'corrupt');
  });

  it('Ogg Vorbis: cut anywhere after the headers', async () => {
    const ogg = bytesOf('a.ogg');
    for (const end of [100, 4000, Math.floor(ogg.length / 2), ogg.length - 1]) {
      await expectError(decodeAudio(ogg.subarray(0, end)), 'corrupt', /Ogg Vorbis file is truncated/);
    }
  });

  it('MP3: cut inside a frame, or on a frame boundary short of the Info tag count', async () => {
    const mp3 = bytesOf('a.mp3');
    await expectError(
      decodeAudio(mp3.subarray(0, 5000)),
      'corrupt',
      /MP3 file is truncated: its last MPEG frame needs/,
    );
    // Frames are 417/418 bytes at 128 kbit/s: find a boundary by walking from the start.
    const boundary = 417 * 6 + 1;
    const cut = mp3.subarray(0, boundary);
    await expectError(decodeAudio(cut), 'corrupt', /truncated/);
    await expectError(decodeAudio(mp3.subarray(0, 3)), 'unsupported_format');
  });

  it('never crashes or hangs on mutated files of any format', async () => {
    const sources = ['stereo.wav', 'a.flac', 'a.ogg', 'a.mp3'].map(bytesOf);
    sources.push(buildMod());
    let seed = 7;
    for (const [index, source] of sources.entries()) {
      for (let round = 0; round < 8; round++) {
        const noise = randomBytes(64, seed++);
        const mutated = source.slice(0, Math.max(16, Math.floor(source.length * ((noise[0] ?? 0) / 255))));
        // Flip a handful of bytes past the first 4 (keep the magic so the real decoder runs).
        for (let k = 1; k < 9; k++) {
          const at =
            4 + (((noise[k] ?? 0) * 997 + (noise[k + 8] ?? 0) * 13) % Math.max(1, mutated.length - 4));
          mutated[at] = noise[k + 16] ?? 0;
        }
        await expectSettlesCleanly(mutated, `source ${index}, round ${round}`);
      }
    }
  }, 30_000);
});

describe('prepareAudio: decode → mean downmix → 48 kHz, against the Python reference pipeline', () => {
  function pipeline(name: string): Float64Array {
    const file = files.get(name)?.path ?? '';
    const out = path.join(temp.dir, `${name}.prepared.npy`);
    runReference('prepare_reference.py', [file, out]);
    return readNpy(new Uint8Array(fs.readFileSync(out))).data as Float64Array;
  }

  it.each(['stereo.wav', 'mono32k.wav', 'a.flac'])('%s', async (name) => {
    const prepared = await prepareAudio(bytesOf(name), { fileName: name });
    const expected = pipeline(name);
    expect(prepared.sampleRate).toBe(48000);
    expect(prepared.samples.length).toBe(expected.length);
    let max = 0;
    for (let i = 0; i < expected.length; i++)
      max = Math.max(max, Math.abs((prepared.samples[i] ?? 0) - (expected[i] ?? 0)));
    // Measured 3.0e-8 for these (float32 rounding); Ogg Vorbis 1.4e-7 and MP3 8.9e-7 end to end.
    expect(max).toBeLessThan(1e-6);
    const written = files.get(name);
    expect(prepared.source).toEqual({
      format: name.endsWith('.flac') ? 'flac' : 'wav',
      sampleRate: written?.rate,
      channels: written?.reference.length,
      durationSeconds: (written?.frames ?? 0) / (written?.rate ?? 1),
    });
  });

  it('renders tracker modules straight to 48 kHz (no resampling) and returns fresh arrays', async () => {
    const prepared = await prepareAudio(buildMod());
    expect(prepared.source).toMatchObject({ format: 'mod', sampleRate: 48000, channels: 2 });
    const mono = {
      format: 'wav' as const,
      sampleRate: 48000,
      channels: [new Float32Array([0.5, -0.5])],
      length: 2,
    };
    const passthrough = prepareDecoded(mono);
    expect(Array.from(passthrough.samples)).toEqual([0.5, -0.5]);
    expect(passthrough.samples).not.toBe(mono.channels[0]);
  });
});
