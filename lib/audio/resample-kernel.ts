/**
 * The filter as the resampler uses it for one rate pair: resampy's half window (scaled by the ratio
 * when downsampling), its forward differences for linear interpolation between table entries, and
 * the weights of one output sample at a given fractional input position.
 */
import { halfWindow, type ResampleFilter } from './resample-filter';

const MAX_CACHED_KERNELS = 16;

export interface Kernel {
  win: Float64Array;
  delta: Float64Array;
  numTable: number;
  scale: number;
  indexStep: number;
}

const kernels = new Map<string, Kernel>();

export function kernelFor(filter: ResampleFilter, ratio: number): Kernel {
  const key = `${filter.name}/${filter.numZeros}/${filter.precision}/${filter.beta}/${filter.rolloff}/${ratio}`;
  const cached = kernels.get(key);
  if (cached) return cached;
  const base = halfWindow(filter);
  const win = ratio < 1 ? base.map((value) => ratio * value) : base;
  // Forward differences for linear interpolation; the last entry has no successor (delta 0).
  const delta = new Float64Array(win.length);
  for (let i = 0; i + 1 < win.length; i++) delta[i] = (win[i + 1] ?? 0) - (win[i] ?? 0);
  const numTable = 2 ** filter.precision;
  const scale = Math.min(1, ratio);
  const kernel = { win, delta, numTable, scale, indexStep: Math.trunc(scale * numTable) };
  if (kernels.size >= MAX_CACHED_KERNELS) kernels.clear();
  kernels.set(key, kernel);
  return kernel;
}

/**
 * Writes the weights for one output whose time is n + frac (0 ≤ frac < 1) into `out` at `at`, in
 * ascending input order, and returns [first tap offset relative to n, tap count].
 */
export function phaseWeights(
  kernel: Kernel,
  frac: number,
  out: Float64Array | undefined,
  at: number,
): [number, number] {
  const { win, delta, numTable, scale, indexStep } = kernel;
  const nwin = win.length;
  // Left wing: x[n - i] for i = 0 … left-1.
  const leftIndex = scale * frac * numTable;
  const leftOffset = Math.floor(leftIndex);
  const leftEta = leftIndex - leftOffset;
  const left = Math.floor((nwin - leftOffset) / indexStep);
  // Right wing: x[n + 1 + k] for k = 0 … right-1.
  const rightIndex = (scale - scale * frac) * numTable;
  const rightOffset = Math.floor(rightIndex);
  const rightEta = rightIndex - rightOffset;
  const right = Math.floor((nwin - rightOffset) / indexStep);
  if (out) {
    for (let i = 0; i < left; i++) {
      const j = leftOffset + i * indexStep;
      out[at + left - 1 - i] = (win[j] ?? 0) + leftEta * (delta[j] ?? 0);
    }
    for (let k = 0; k < right; k++) {
      const j = rightOffset + k * indexStep;
      out[at + left + k] = (win[j] ?? 0) + rightEta * (delta[j] ?? 0);
    }
  }
  return [1 - left, left + right];
}
