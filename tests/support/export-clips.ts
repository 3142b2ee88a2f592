/**
 * Clips and blob storage for export tests: an ExportClip with sensible defaults (accepted, CC-BY,
 * captioned, 16-bit stereo WAV) and a throwaway content-addressed folder to keep their audio in.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ExportStorage } from '@/lib/datasets/export/export-audio';
import type { ExportClip } from '@/lib/datasets/export/exportable';
import { encodeWav } from './wav-writer';

let counter = 0;

export function makeClip(overrides: Partial<ExportClip> = {}): ExportClip {
  counter++;
  return {
    id: `clip_${String(counter).padStart(12, '0')}`,
    position: counter,
    fileName: `clip ${counter}.wav`,
    sourcePath: null,
    audioSha256: '0'.repeat(64),
    format: 'wav',
    isRenderedModule: false,
    sampleRate: 48000,
    channels: 2,
    durationSeconds: 1,
    status: 'accepted',
    caption: 'A bright square-wave lead over a bouncing triangle bass line',
    tags: { moods: ['happy'], instruments: ['synthesizer'], genre: 'chiptune', bpm: 140, key: 'C major' },
    licence: 'CC-BY-4.0',
    attribution: 'Alice Chip',
    trim: null,
    ...overrides,
  };
}

/** A stereo test signal: left ramps, right alternates sign, so any misplaced frame shows. */
export function testSignal(frames: number): Float32Array[] {
  const left = new Float32Array(frames).map((_, i) => ((i % 200) - 100) / 128);
  const right = new Float32Array(frames).map((_, i) => (i % 2 ? 0.25 : -0.25) * ((i % 50) / 50));
  return [left, right];
}

export function testStorage(dir: string): ExportStorage & { put(bytes: Uint8Array): string } {
  const blobs = path.join(dir, 'blobs');
  const blobPath = (sha256: string) => path.join(blobs, sha256);
  return {
    blobPath,
    cacheDir: path.join(dir, 'export-cache'),
    put(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      fs.mkdirSync(blobs, { recursive: true });
      fs.writeFileSync(blobPath(sha256), bytes);
      return sha256;
    },
  };
}

/** Stores a 16-bit WAV of `frames` frames and returns a clip pointing at it. */
export function wavClip(
  storage: ReturnType<typeof testStorage>,
  frames: number,
  overrides: Partial<ExportClip> = {},
  rate = 48000,
): ExportClip {
  const sha = storage.put(encodeWav(testSignal(frames), rate, { bits: 16 }));
  return makeClip({ audioSha256: sha, sampleRate: rate, durationSeconds: frames / rate, ...overrides });
}
