/**
 * Level statistics the quality checks read, in one pass per channel: silent share (50 ms frames),
 * clipped share (runs at full scale) and DC offset. Everything is measured on the decoded float
 * samples at the file's own rate: resampling would smear clipped runs and shift silence edges.
 */

export const SILENCE_FRAME_SECONDS = 0.05;
export const SILENCE_THRESHOLD_DBFS = -60;
/** |x| at or above this counts as full scale (a hair below 1.0: 16-bit −32768 and +32767 both count). */
export const CLIP_LEVEL = 0.999;
/** Three or more consecutive full-scale samples are clipping; one or two are a legitimate peak. */
export const CLIP_MIN_RUN = 3;

export interface SignalStats {
  /** Share of 50 ms frames whose RMS (over all channels) is below −60 dBFS. */
  silentRatio: number;
  /** Share of all samples (every channel) that sit in runs of ≥ 3 samples at |x| ≥ 0.999. */
  clippedRatio: number;
  /** Largest |mean| over the channels. */
  dcOffset: number;
}

export function signalStats(channels: readonly Float32Array[], sampleRate: number): SignalStats {
  const length = channels[0]?.length ?? 0;
  if (length === 0 || channels.length === 0) return { silentRatio: 1, clippedRatio: 0, dcOffset: 0 };
  const frameLength = Math.max(1, Math.round(SILENCE_FRAME_SECONDS * sampleRate));
  // A trailing partial frame counts only when the clip is shorter than one frame.
  const frames = Math.max(1, Math.floor(length / frameLength));
  const frameEnergy = new Float64Array(frames);
  let clipped = 0;
  let dcOffset = 0;
  for (const channel of channels) {
    let sum = 0;
    let run = 0;
    for (let i = 0; i < length; i++) {
      const x = channel[i] as number;
      sum += x;
      const frame = Math.floor(i / frameLength);
      if (frame < frames) frameEnergy[frame] = (frameEnergy[frame] as number) + x * x;
      if (Math.abs(x) >= CLIP_LEVEL) {
        run++;
      } else {
        if (run >= CLIP_MIN_RUN) clipped += run;
        run = 0;
      }
    }
    if (run >= CLIP_MIN_RUN) clipped += run;
    dcOffset = Math.max(dcOffset, Math.abs(sum / length));
  }
  const samplesPerFrame = Math.min(frameLength, length) * channels.length;
  const threshold = 10 ** (SILENCE_THRESHOLD_DBFS / 10); // on mean square, so /10
  let silent = 0;
  for (const energy of frameEnergy) if (energy / samplesPerFrame < threshold) silent++;
  return {
    silentRatio: silent / frames,
    clippedRatio: clipped / (length * channels.length),
    dcOffset,
  };
}
