/**
 * Our chiptune3 (libopenmpt 0.8.4, wasm) render of a ProTracker module we build ourselves, against
 * Debian's native openmpt123 (libopenmpt 0.6.9) rendering the same file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNpy } from '@/lib/npy';
import { deinterleave, maxAbsDiff, snrDb } from '@/tests/support/audio-fixtures';
import { buildMod } from '@/tests/support/mod-writer';
import { runReference } from '@/tests/support/python';
import { buildS3m } from '@/tests/support/s3m-writer';
import { makeTempDir } from '@/tests/support/temp-dir';
import { buildXm } from '@/tests/support/xm-writer';
import { decodeAudio } from './decode';
import type { DecodedAudio } from './types';

const temp = makeTempDir('genki-tracker-');
afterAll(() => temp.cleanup());

function openmpt123(bytes: Uint8Array, name: string, seconds = 0): Float32Array[] {
  const file = path.join(temp.dir, name);
  fs.writeFileSync(file, bytes);
  runReference('openmpt_render.py', [file, `${file}.npy`, String(seconds)]);
  const npy = readNpy(new Uint8Array(fs.readFileSync(`${file}.npy`)));
  return deinterleave(npy.data, npy.shape);
}

describe('tracker modules through libopenmpt', () => {
  const mod = buildMod();
  let ours: DecodedAudio;
  let theirs: Float32Array[];
  beforeAll(async () => {
    ours = await decodeAudio(mod, { fileName: 'tune.mod' });
    theirs = openmpt123(mod, 'tune.mod');
  });

  it('renders the whole song once at 48 kHz stereo, like openmpt123', () => {
    expect(ours.format).toBe('mod');
    expect(ours.sampleRate).toBe(48000);
    expect(ours.channels.length).toBe(2);
    // Same song end (2 patterns × 64 rows × 60 ms = 7.68 s, plus the mixer's fade-out tail).
    expect(ours.length).toBe(theirs[0]?.length);
    for (const c of [0, 1]) {
      const a = ours.channels[c] as Float32Array;
      const b = theirs[c] as Float32Array;
      // Measured: 5.4e-7 max abs diff (≈ 137 dB SNR) between libopenmpt 0.8.4 (wasm) and 0.6.9
      // (native). A wrong rate, channel order, interpolation or tempo gives errors of order 0.1–1.
      expect(maxAbsDiff(a, b)).toBeLessThan(1e-4);
      expect(snrDb(b, a)).toBeGreaterThan(80);
    }
    // Not silence: the song has every channel playing.
    expect(
      (ours.channels[0] as Float32Array).reduce((max, v) => Math.max(max, Math.abs(v)), 0),
    ).toBeGreaterThan(0.2);
  });

  it('reports what libopenmpt knows about the module', () => {
    expect(ours.meta).toMatchObject({
      title: 'genki test tune',
      type: 'mod',
      typeLong: 'ProTracker MOD (M.K.)',
      channels: 4,
      truncated: 0,
    });
    expect(Number(ours.meta?.durationSeconds)).toBeCloseTo(7.68, 2);
    expect(String(ours.meta?.libopenmpt)).toMatch(/^0\.8\./);
  });

  it('stops at maxSeconds (a prefix of the full render) and says it was truncated', async () => {
    const short = await decodeAudio(mod, { maxSeconds: 2 });
    expect(short.length).toBe(96000);
    expect(short.meta?.truncated).toBe(1);
    expect(maxAbsDiff(short.channels[0] as Float32Array, ours.channels[0] as Float32Array)).toBe(0);
  });

  it('renders repeated orders for longer songs', async () => {
    const longer = buildMod({ order: [0, 1, 0, 1, 1] });
    const decoded = await decodeAudio(longer);
    expect(Number(decoded.meta?.durationSeconds)).toBeCloseTo(5 * 3.84, 2);
    expect(decoded.length).toBeGreaterThan(19 * 48000);
  });

  it.each([
    ['xm', buildXm(), 'genki xm tune', 2 * 1.92],
    ['s3m', buildS3m(), 'genki s3m tune', 3.84],
  ] as const)('renders an %s module like openmpt123 too', async (format, bytes, title, seconds) => {
    const decoded = await decodeAudio(bytes, { fileName: `tune.${format}` });
    const reference = openmpt123(bytes, `tune.${format}`);
    expect(decoded.format).toBe(format);
    expect(decoded.meta).toMatchObject({ title, type: format, channels: 2 });
    expect(Number(decoded.meta?.durationSeconds)).toBeCloseTo(seconds, 2);
    expect(decoded.length).toBe(reference[0]?.length);
    // Measured: XM bit-identical (0), S3M 6.6e-7 max abs diff.
    for (const c of [0, 1]) {
      const ours = decoded.channels[c] as Float32Array;
      expect(maxAbsDiff(ours, reference[c] as Float32Array)).toBeLessThan(1e-4);
      expect(ours.reduce((max, v) => Math.max(max, Math.abs(v)), 0)).toBeGreaterThan(0.05);
    }
  });

  it('turns modules libopenmpt cannot load into corrupt errors', async () => {
    const header = new TextEncoder().encode('Extended Module: broken');
    const xm = new Uint8Array(80);
    xm.set(header);
    await expect(decodeAudio(xm)).rejects.toMatchObject({
      code: 'corrupt',
      message: /libopenmpt could not load this XM module/,
    });
    const it = new Uint8Array(64);
    it.set(new TextEncoder().encode('IMPM'));
    await expect(decodeAudio(it)).rejects.toMatchObject({ code: 'corrupt' });
  });
});
