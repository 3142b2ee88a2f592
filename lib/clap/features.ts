/**
 * CLAP log-mel features, exactly as Hugging Face's `ClapFeatureExtractor` computes them for the
 * unfused checkpoints (Python semantics, see ../shared/reference/clap-and-fad.md §1):
 *
 * 1. Take one 10 s window (480 000 samples at 48 kHz) starting at `offsetSamples`. A window that runs
 *    off the end takes what remains; anything shorter than 10 s is repeat-padded the Python way
 *    (`np.tile` ⌊480000/len⌋ copies, then zeros). transformers.js writes one copy fewer when 480000 is
 *    an exact multiple of the length (2 s, 5 s clips); we do not.
 * 2. Reflect-pad 512 samples each side (NumPy 'reflect': the edge sample is not repeated), frame with
 *    n_fft 1024 / hop 480 → 1001 frames, periodic Hann (`np.hanning(1025)[:-1]`, applied as its exact
 *    three-tap equivalent in the frequency domain), power spectrum |X|² (513 bins).
 * 3. 64 Slaney mel bands 50–14000 Hz with Slaney area normalisation, 10·log10(max(x, 1e-10)).
 * 4. Output float32 [1, 1, 1001, 64], time-major: frame t, band m at t·64 + m.
 *
 * Pure computation: runs unchanged in Node, module Web Workers and the CLI. The per-frame work runs in
 * a WebAssembly SIMD kernel (features-simd.ts, two frames per instruction) where available, else in
 * JavaScript (fft.ts and `melFrame` below); both give bit-identical output. Non-finite samples are
 * not checked here (the decoder rejects them); like NumPy, a NaN propagates into the bands it reaches.
 * Browsers refuse synchronous wasm compilation of this size on the main thread, so call this from a
 * worker there (the main thread silently uses JavaScript).
 */
import { CLAP_FEATURES, FEATURE_LENGTH } from './constants';
import { createSimdFrames, type SimdFrames } from './features-simd';
import { RealFft } from './fft';
import { type MelFilterBank, slaneyMelFilterBank } from './mel';

const { maxSamples, nFft, hopLength, nMels, frames, minPower } = CLAP_FEATURES;
const PAD = nFft / 2;
const DB_PER_LOG = 10 / Math.LN10;
const DB_FLOOR = 10 * Math.log10(minPower);

/** 10·log10(max(x, 1e-10)), written so that a NaN stays NaN as in NumPy. */
function toDb(energy: number): number {
  if (energy > minPower) return DB_PER_LOG * Math.log(energy);
  return energy <= minPower ? DB_FLOOR : Number.NaN;
}

/**
 * Python `repeatpad`: ⌊length / clip.length⌋ whole copies of `clip`, then zeros up to `length`.
 * Clips of `length` samples or more are cut to `length`.
 */
export function repeatPad(clip: Float32Array, length: number = maxSamples, out?: Float32Array): Float32Array {
  if (clip.length === 0) throw new RangeError('Cannot repeat-pad an empty clip.');
  const target = out ?? new Float32Array(length);
  if (target.length !== length) throw new RangeError(`repeatPad output must hold ${length} samples.`);
  if (clip.length >= length) {
    target.set(clip.subarray(0, length));
    return target;
  }
  const copies = Math.floor(length / clip.length);
  for (let c = 0; c < copies; c++) target.set(clip, c * clip.length);
  target.fill(0, copies * clip.length);
  return target;
}

function checkWindowArgs(samples: Float32Array, offsetSamples: number): void {
  if (!Number.isSafeInteger(offsetSamples) || offsetSamples < 0) {
    throw new RangeError(`offsetSamples must be a non-negative integer (got ${offsetSamples}).`);
  }
  if (offsetSamples >= samples.length) {
    throw new RangeError(
      samples.length === 0
        ? 'Cannot extract CLAP features from empty audio.'
        : `offsetSamples ${offsetSamples} is past the end of the audio (${samples.length} samples).`,
    );
  }
}

/**
 * Per-bin tables that turn the packed, unwindowed FFT output straight into mel energies.
 *
 * Window: the periodic Hann window is 0.5 − 0.5·cos(2πn/N), so the windowed spectrum is
 * Y[k] = 0.5·X[k] − 0.25·(X[k−1] + X[k+1]); applying it on the ~300 bins the mel bank reads is
 * cheaper than 1024 multiplies per frame. The split yields 2·X, so 8·Y = 2·(2X[k]) − 2X[k−1] − 2X[k+1]
 * and |Y|² = |8Y|² / 64, the 1/64 folded into the weights (a power of two: exact).
 *
 * Mel: Slaney triangles overlap by half, so each bin feeds at most two consecutive bands, `slot[i]`
 * and `slot[i] + 1`, with weights `first[i]` and `second[i]` (slot nMels is a dummy partner).
 */
export interface BinTables {
  /** First bin of the split: one below the bank's lowest bin (the window needs k − 1 and k + 1). */
  lo: number;
  /** Number of mel bins, bank.minBin … bank.maxBin. */
  count: number;
  /** cos/sin(2πk/N) for k = lo … lo + count + 1. */
  cos: Float64Array;
  sin: Float64Array;
  slot: Int32Array;
  first: Float64Array;
  second: Float64Array;
}

function binTables(bank: MelFilterBank): BinTables {
  const lo = bank.minBin - 1;
  const count = bank.maxBin - bank.minBin + 1;
  if (lo < 1 || bank.maxBin + 1 >= nFft / 2) throw new RangeError('The mel bank must avoid DC and Nyquist.');
  const tables: BinTables = {
    lo,
    count,
    cos: new Float64Array(count + 2),
    sin: new Float64Array(count + 2),
    slot: new Int32Array(count).fill(-1),
    first: new Float64Array(count),
    second: new Float64Array(count),
  };
  for (let i = 0; i < count + 2; i++) {
    tables.cos[i] = Math.cos((2 * Math.PI * (lo + i)) / nFft);
    tables.sin[i] = Math.sin((2 * Math.PI * (lo + i)) / nFft);
  }
  for (let m = 0; m < bank.nMels; m++) {
    for (let j = 0; j < (bank.lengths[m] as number); j++) {
      const i = (bank.starts[m] as number) + j - bank.minBin;
      const weight = (bank.weights[(bank.offsets[m] as number) + j] as number) / 64;
      const slot = tables.slot[i] as number;
      if (slot < 0) {
        tables.slot[i] = m;
        tables.first[i] = weight;
      } else if (slot === m - 1) {
        tables.second[i] = weight;
      } else {
        throw new Error(`Mel bin ${bank.minBin + i} feeds more than two consecutive bands.`);
      }
    }
  }
  for (let i = 0; i < count; i++) if ((tables.slot[i] as number) < 0) tables.slot[i] = bank.nMels;
  return tables;
}

export interface ClapExtractorOptions {
  /**
   * Use the WebAssembly SIMD kernel where available (default true). It gives bit-identical output;
   * false forces the JavaScript path (tests and comparisons).
   */
  simd?: boolean;
}

/**
 * Reusable extractor: owns the FFT and mel tables and every scratch buffer, so `extract` allocates
 * nothing but (optionally) its output. Not re-entrant, and need not be.
 */
export class ClapExtractor {
  private readonly fft = new RealFft(nFft);
  readonly bank: MelFilterBank = slaneyMelFilterBank();
  private readonly bins = binTables(this.bank);
  private readonly mel = new Float64Array(nMels + 2);
  private readonly edgeFrame = new Float32Array(nFft);
  private padded: Float32Array | null = null;
  private readonly simd: SimdFrames | null;

  constructor(options: ClapExtractorOptions = {}) {
    this.simd = options.simd === false ? null : createSimdFrames(this.fft, this.bins);
  }

  /** Whether `extract` runs the WebAssembly SIMD kernel (false: plain JavaScript). */
  get usesSimd(): boolean {
    return this.simd !== null;
  }

  /**
   * Features of the 10 s window starting at `offsetSamples` (a window running off the end takes what
   * remains and is repeat-padded). Writes into `out` when given (length FEATURE_LENGTH).
   */
  extract(samples: Float32Array, offsetSamples = 0, out?: Float32Array): Float32Array {
    checkWindowArgs(samples, offsetSamples);
    const target = out ?? new Float32Array(FEATURE_LENGTH);
    if (target.length !== FEATURE_LENGTH) {
      throw new RangeError(`The feature output must hold ${FEATURE_LENGTH} values (got ${target.length}).`);
    }
    const window = samples.subarray(offsetSamples, Math.min(offsetSamples + maxSamples, samples.length));
    if (this.simd) {
      this.extractSimd(this.simd, window, target);
      return target;
    }
    let signal = window;
    if (signal.length < maxSamples) {
      this.padded ??= new Float32Array(maxSamples);
      signal = repeatPad(signal, maxSamples, this.padded);
    }
    for (let t = 0; t < frames; t++) {
      this.spectrum(signal, t);
      this.melFrame(target, t * nMels);
    }
    return target;
  }

  private extractSimd(simd: SimdFrames, window: Float32Array, out: Float32Array): void {
    const padded = simd.signal;
    // Repeat-pad into the middle, then reflect 512 samples at each end (frame t starts at t·480).
    if (window.length === maxSamples) padded.set(window, PAD);
    else repeatPad(window, maxSamples, padded.subarray(PAD, PAD + maxSamples));
    const last = PAD + maxSamples - 1;
    for (let i = 1; i <= PAD; i++) {
      padded[PAD - i] = padded[PAD + i] as number;
      padded[last + i] = padded[last - i] as number;
    }
    simd.run();
    const energies = simd.energies;
    for (let i = 0; i < FEATURE_LENGTH; i++) out[i] = toDb(energies[i] as number);
  }

  /** Packed FFT of frame t (reflect-padded at the edges) into fft.re / fft.im. */
  private spectrum(signal: Float32Array, t: number): void {
    const length = signal.length;
    const start = t * hopLength - PAD;
    if (start >= 0 && start + nFft <= length) {
      this.fft.transform(signal, start);
      return;
    }
    // Only the first and last two frames reach into the reflect padding.
    const edge = this.edgeFrame;
    for (let i = 0; i < nFft; i++) {
      let j = start + i;
      if (j < 0) j = -j;
      else if (j >= length) j = 2 * (length - 1) - j;
      edge[i] = signal[j] as number;
    }
    this.fft.transform(edge, 0);
  }

  /** Split, Hann (3 taps), |Y|², mel weights, log: one frame's 64 values from the packed FFT. */
  private melFrame(out: Float32Array, row: number): void {
    const { re, im, half } = this.fft;
    const { lo, count, cos, sin, slot, first, second } = this.bins;
    const mel = this.mel;
    mel.fill(0);
    let pr = 0;
    let pi = 0;
    let cr = 0;
    let ci = 0;
    // Bands change ~64 times over ~300 bins: accumulate the current pair in registers, flush on change.
    let band = slot[0] as number;
    let sumFirst = 0;
    let sumSecond = 0;
    for (let i = -2, k = lo; i < count; i++, k++) {
      // 2·X[k] = (Z[k] + conj Z[N/2−k]) + W^k·(Z[k] − conj Z[N/2−k]) / i, W = e^{-2πi/N}
      const ar = re[k] as number;
      const ai = im[k] as number;
      const br = re[half - k] as number;
      const bi = im[half - k] as number;
      const or = ai + bi;
      const oi = br - ar;
      const c = cos[i + 2] as number;
      const s = sin[i + 2] as number;
      const nr = ar + br + c * or + s * oi;
      const ni = ai - bi + c * oi - s * or;
      if (i >= 0) {
        // 8·Y[k−1] from 2·X[k−2], 2·X[k−1], 2·X[k].
        const yr = 2 * cr - pr - nr;
        const yi = 2 * ci - pi - ni;
        const p = yr * yr + yi * yi;
        const m = slot[i] as number;
        if (m !== band) {
          mel[band] = (mel[band] as number) + sumFirst;
          mel[band + 1] = (mel[band + 1] as number) + sumSecond;
          band = m;
          sumFirst = 0;
          sumSecond = 0;
        }
        sumFirst += (first[i] as number) * p;
        sumSecond += (second[i] as number) * p;
      }
      pr = cr;
      pi = ci;
      cr = nr;
      ci = ni;
    }
    mel[band] = (mel[band] as number) + sumFirst;
    mel[band + 1] = (mel[band + 1] as number) + sumSecond;
    for (let m = 0; m < nMels; m++) {
      const energy = mel[m] as number;
      // max(x, 1e-10) then 10·log10, written so that a NaN stays NaN as in NumPy.
      out[row + m] =
        energy > minPower ? DB_PER_LOG * Math.log(energy) : energy <= minPower ? DB_FLOOR : Number.NaN;
    }
  }
}

let shared: ClapExtractor | null = null;

/**
 * One window's CLAP input features (see the module comment). Uses a shared extractor, built on first
 * call; hold your own `ClapExtractor` only if you want its buffers elsewhere.
 */
export function clapFeatures(samples: Float32Array, offsetSamples = 0, out?: Float32Array): Float32Array {
  shared ??= new ClapExtractor();
  return shared.extract(samples, offsetSamples, out);
}
