/**
 * One clip → one CLAP audio embedding, the same way everywhere (browser worker, validator, CLI):
 * the `genki-windows-v1` policy picks the 10 s windows from a seed, each window becomes features and
 * a unit embedding, and the clip embedding is their normalised mean (lib/clap/windows.ts).
 */
import { CLAP_SAMPLE_RATE } from '../audio/types';
import { ClapExtractor } from '../clap/features';
import type { ClapModel } from '../clap/session';
import { windowOffsets } from '../clap/windows';
import { averageEmbeddings } from '../metrics/clap-score';

export interface ClipWindows {
  /** Seed of the window policy; the validator publishes the seed of each round. */
  seed: string;
  /** Windows per clip longer than 10 s (default 3). */
  count?: number;
}

export interface ClipTrim {
  startSeconds: number;
  endSeconds: number;
}

export interface ClipEmbedding {
  embedding: Float32Array;
  windowOffsets: number[];
  durationSeconds: number;
}

/** The part of a 48 kHz clip inside a non-destructive trim (clamped to the clip). */
export function trimSamples(samples: Float32Array, trim: ClipTrim | undefined): Float32Array {
  if (!trim) return samples;
  const start = Math.max(0, Math.min(samples.length, Math.round(trim.startSeconds * CLAP_SAMPLE_RATE)));
  const end = Math.max(start, Math.min(samples.length, Math.round(trim.endSeconds * CLAP_SAMPLE_RATE)));
  return samples.subarray(start, end);
}

export async function embedClip(
  model: Pick<ClapModel, 'embedAudio'>,
  samples: Float32Array,
  windows: ClipWindows,
  extractor: ClapExtractor = new ClapExtractor(),
): Promise<ClipEmbedding> {
  if (samples.length === 0) throw new RangeError('The clip is empty after trimming.');
  const offsets = windowOffsets(samples.length, {
    seed: windows.seed,
    ...(windows.count ? { count: windows.count } : {}),
  });
  const features = offsets.map((offset) => extractor.extract(samples, offset));
  const perWindow = await model.embedAudio(features);
  return {
    embedding: Float32Array.from(averageEmbeddings(perWindow)),
    windowOffsets: offsets,
    durationSeconds: samples.length / CLAP_SAMPLE_RATE,
  };
}
