/**
 * Test audio written by libsndfile (tests/reference/audio_files.py) into a temp folder, plus
 * soundfile's own decode of each file, so lib/audio's decoders are compared with an independent one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readNpy } from '@/lib/npy';
import { runReference } from './python';

export interface AudioFileSpec {
  name: string;
  /** soundfile format: WAV, WAVEX, RF64, FLAC, OGG, MP3. */
  format: string;
  subtype?: string;
  rate: number;
  channels: number;
  seconds: number;
  seed?: number;
}

export interface WrittenAudioFile {
  path: string;
  bytes: Uint8Array;
  rate: number;
  frames: number;
  /** soundfile's decode, one Float32Array per channel. */
  reference: Float32Array[];
  /** The signal that was encoded. */
  source: Float32Array[];
}

/** Splits an interleaved [frames, channels] array into channels. */
export function deinterleave(data: Float32Array | Float64Array, shape: number[]): Float32Array[] {
  const [frames = 0, channels = 1] = shape;
  return Array.from({ length: channels }, (_, c) => {
    const out = new Float32Array(frames);
    for (let i = 0; i < frames; i++) out[i] = data[i * channels + c] ?? 0;
    return out;
  });
}

export function writeAudioFiles(dir: string, specs: AudioFileSpec[]): Map<string, WrittenAudioFile> {
  const list = specs.map(({ name, ...spec }) => ({ ...spec, path: path.join(dir, name) }));
  const specPath = path.join(dir, `spec-${Date.now()}.json`);
  fs.writeFileSync(specPath, JSON.stringify(list));
  const lines = runReference('audio_files.py', ['write', specPath]).trim().split('\n');
  const result = new Map<string, WrittenAudioFile>();
  for (const line of lines) {
    const info = JSON.parse(line) as { path: string; rate: number; frames: number };
    // Copy into a plain Uint8Array: Buffer#slice is a view, which readNpy does not expect.
    const npy = readNpy(new Uint8Array(fs.readFileSync(`${info.path}.npy`)));
    const source = readNpy(new Uint8Array(fs.readFileSync(`${info.path}.src.npy`)));
    result.set(path.basename(info.path), {
      path: info.path,
      bytes: new Uint8Array(fs.readFileSync(info.path)),
      rate: info.rate,
      frames: info.frames,
      reference: deinterleave(npy.data, npy.shape),
      source: deinterleave(source.data, source.shape),
    });
  }
  return result;
}

/** soundfile's decode of any file (float64 → float32 channels). */
export function readWithSoundfile(dir: string, bytes: Uint8Array, name: string): Float32Array[] {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  runReference('audio_files.py', ['read', file, `${file}.npy`]);
  const npy = readNpy(new Uint8Array(fs.readFileSync(`${file}.npy`)));
  return deinterleave(npy.data, npy.shape);
}

/** Largest absolute difference over the common length. */
export function maxAbsDiff(a: Float32Array, b: Float32Array, offsetA = 0, offsetB = 0): number {
  const n = Math.min(a.length - offsetA, b.length - offsetB);
  let max = 0;
  for (let i = 0; i < n; i++) max = Math.max(max, Math.abs((a[i + offsetA] ?? 0) - (b[i + offsetB] ?? 0)));
  return max;
}

/** The shift of `b` against `a` (within ±maxLag) that best lines them up, by cross-correlation. */
export function bestLag(a: Float32Array, b: Float32Array, maxLag: number): number {
  let best = 0;
  let bestScore = -Infinity;
  // A 16k-sample window is plenty to locate a shift and keeps this cheap.
  const n = Math.min(a.length, b.length, 16384 + 2 * maxLag) - 2 * maxLag;
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    let score = 0;
    for (let i = maxLag; i < maxLag + n; i++) score += (a[i] ?? 0) * (b[i + lag] ?? 0);
    if (score > bestScore) {
      bestScore = score;
      best = lag;
    }
  }
  return best;
}

/** Signal-to-error ratio in dB of `test` against `reference` over their common length. */
export function snrDb(reference: Float32Array, test: Float32Array): number {
  let signal = 0;
  let error = 0;
  for (let i = 0; i < Math.min(reference.length, test.length); i++) {
    const r = reference[i] ?? 0;
    signal += r * r;
    error += (r - (test[i] ?? 0)) ** 2;
  }
  return 10 * Math.log10(signal / error);
}
