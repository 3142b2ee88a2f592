import { bench, describe } from 'vitest';
import { buildMod } from '@/tests/support/mod-writer';
import { chiptune } from '@/tests/support/signals';
import { encodeWav } from '@/tests/support/wav-writer';
import { decodeAudio } from './decode';
import { prepareAudio } from './prepare';
import { KAISER_FAST, resample } from './resample';
import { disableSimdForTests } from './resample-simd';

const at44k = chiptune(44100, 30, 1);
const at32k = chiptune(32000, 30, 2);
const at96k = chiptune(96000, 30, 3);
const wav44k = encodeWav([at44k, at44k.map((v) => -v)], 44100, { bits: 16 });
const mod = buildMod();

describe('resample 30 s to 48 kHz (default: kaiser_best, as the validator)', () => {
  bench('44.1 kHz → 48 kHz', () => {
    resample(at44k, 44100, 48000);
  });
  bench('32 kHz → 48 kHz', () => {
    resample(at32k, 32000, 48000);
  });
  bench('96 kHz → 48 kHz', () => {
    resample(at96k, 96000, 48000);
  });
  bench('44.1 kHz → 48 kHz, JavaScript path (no wasm SIMD)', () => {
    disableSimdForTests(true);
    resample(at44k, 44100, 48000);
    disableSimdForTests(false);
  });
  bench('44.1 kHz → 48 kHz, kaiser_fast', () => {
    resample(at44k, 44100, 48000, KAISER_FAST);
  });
});

describe('decode', () => {
  bench('WAV 16-bit stereo 30 s: decode', async () => {
    await decodeAudio(wav44k);
  });
  bench('WAV 16-bit stereo 30 s: decode + downmix + resample', async () => {
    await prepareAudio(wav44k);
  });
  bench('ProTracker MOD 7.7 s: libopenmpt render at 48 kHz', async () => {
    await decodeAudio(mod);
  });
});
