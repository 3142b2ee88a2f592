/**
 * Waveform peaks for wavesurfer, computed once at import so the review list never decodes audio to
 * draw it: min/max of the mono mix (mean of the channels) per bucket, about 100 buckets per second
 * (enough for a 1000-pixel-wide waveform of a 10 s view), at most 10 000 per clip.
 */
import type { Peaks } from '../model';

export const PEAKS_PER_SECOND = 100;
export const MAX_PEAK_BUCKETS = 10_000;

/** 4 decimals is below one pixel at any waveform height and keeps the JSON small. */
const round = (value: number) => Math.round(value * 1e4) / 1e4;

export function computePeaks(channels: readonly Float32Array[], sampleRate: number): Peaks {
  const length = channels[0]?.length ?? 0;
  const durationSeconds = length / sampleRate;
  const buckets = Math.max(1, Math.min(MAX_PEAK_BUCKETS, Math.ceil(durationSeconds * PEAKS_PER_SECOND)));
  const data: number[] = new Array(buckets * 2);
  const count = channels.length;
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor((b * length) / buckets);
    const end = Math.max(start + 1, Math.floor(((b + 1) * length) / buckets));
    let min = Infinity;
    let max = -Infinity;
    for (let i = start; i < Math.min(end, length); i++) {
      let sum = 0;
      for (let c = 0; c < count; c++) sum += (channels[c] as Float32Array)[i] as number;
      const value = sum / count;
      if (value < min) min = value;
      if (value > max) max = value;
    }
    if (min === Infinity) {
      min = 0;
      max = 0;
    }
    data[2 * b] = Math.max(-1, round(min));
    data[2 * b + 1] = Math.min(1, round(max));
  }
  return {
    sampleRate,
    durationSeconds,
    resolution: durationSeconds > 0 ? buckets / durationSeconds : PEAKS_PER_SECOND,
    data,
  };
}
