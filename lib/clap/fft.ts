/**
 * Real-input FFT for the CLAP feature extractor. The N real samples of a frame are packed as N/2
 * complex values z[n] = x[2n] + i·x[2n+1], transformed by a radix-8 decimation-in-time FFT, and
 * split into the N/2 + 1 bins of the real spectrum (`spectrum` here; the extractor fuses the split with
 * its window and mel weighting). features-simd.ts runs the same passes, value for value, in wasm SIMD,
 * which is why the tables below are public.
 *
 * Why radix 8: scalar JavaScript pays for every typed-array load and store (bounds checks, no
 * vectorisation), so the number of passes over memory matters more than the flop count. 512 = 8³ is
 * three passes instead of nine radix-2 ones. The first pass reads the frame straight from the caller's
 * samples in digit-reversed order, so reordering costs no pass of its own; the output is in natural
 * order, so the split reads it directly. There is no window here: a periodic Hann window is three taps
 * in the frequency domain, which the feature extractor applies on the bins it needs (features.ts).
 *
 * Everything is float64: the extractor must match a float64 NumPy reference to 0.01 dB even in bands
 * 100 dB below a frame's loudest partial, and a float32 FFT spreads rounding noise from the peak into
 * every bin. V8 computes in doubles anyway, so float64 scratch costs nothing. Tables are built once,
 * scratch lives on the instance, and a transform allocates nothing; an instance is not re-entrant.
 */

const H = Math.SQRT1_2;

export class RealFft {
  /** Real samples per transform: 2·8^k (16, 128, 1024, …). */
  readonly size: number;
  /** Packed complex length, size / 2. */
  readonly half: number;
  /** Packed spectrum Z (real parts), natural order, after `transform`. */
  readonly re: Float64Array;
  /** Packed spectrum Z (imaginary parts). */
  readonly im: Float64Array;
  /** Packed index of the first input of each first-pass block (digit reversal); stride is half/8. */
  readonly blockStart: Int32Array;
  /** Twiddled passes: block lengths L (64, 512, …) and W_L^{r·j} (cos, sin) for r = 1…7, 14 per j. */
  readonly passLengths: number[] = [];
  readonly passTwiddles: Float64Array[] = [];
  // cos/sin(2πk / size), k in [0, half]: the twiddles of the real split.
  private readonly splitCos: Float64Array;
  private readonly splitSin: Float64Array;

  constructor(size: number) {
    let half = size / 2;
    while (half > 8 && half % 8 === 0) half /= 8;
    if (!Number.isInteger(size) || half !== 8) {
      throw new RangeError(`RealFft size must be 2·8^k with k ≥ 1, e.g. 1024 (got ${size}).`);
    }
    this.size = size;
    this.half = size / 2;
    this.re = new Float64Array(this.half);
    this.im = new Float64Array(this.half);

    // Digit reversal: the first pass's block b holds z[c + (half/8)·i], i < 8, where c is b with
    // its base-8 digits reversed (DIT input order).
    const blocks = this.half / 8;
    this.blockStart = new Int32Array(blocks);
    const digits = Math.round(Math.log(blocks) / Math.log(8));
    for (let b = 0; b < blocks; b++) {
      let c = 0;
      for (let d = 0, rest = b; d < digits; d++, rest = Math.floor(rest / 8)) c = c * 8 + (rest % 8);
      this.blockStart[b] = c;
    }

    for (let length = 64; length <= this.half; length *= 8) {
      const q = length / 8;
      const twiddles = new Float64Array(14 * q);
      for (let j = 0; j < q; j++) {
        for (let r = 1; r < 8; r++) {
          const angle = (-2 * Math.PI * r * j) / length;
          twiddles[14 * j + 2 * r - 2] = Math.cos(angle);
          twiddles[14 * j + 2 * r - 1] = Math.sin(angle);
        }
      }
      this.passLengths.push(length);
      this.passTwiddles.push(twiddles);
    }

    this.splitCos = new Float64Array(this.half + 1);
    this.splitSin = new Float64Array(this.half + 1);
    for (let k = 0; k <= this.half; k++) {
      this.splitCos[k] = Math.cos((2 * Math.PI * k) / size);
      this.splitSin[k] = Math.sin((2 * Math.PI * k) / size);
    }
  }

  /** Packed spectrum of source[base, base + size) into `re`/`im`. */
  transform(source: Float32Array, base = 0): void {
    if (base < 0 || base + this.size > source.length) throw new RangeError('The frame is out of range.');
    this.firstPass(source, base);
    for (let p = 0; p < this.passLengths.length; p++) {
      this.twiddledPass(this.passLengths[p] as number, this.passTwiddles[p] as Float64Array);
    }
  }

  /** Digit-reversed load fused with the twiddle-free 8-point DFTs. */
  private firstPass(source: Float32Array, base: number): void {
    const { re, im, blockStart } = this;
    const stride = this.half / 4; // half/8 complex values = half/4 reals
    for (let b = 0, s = 0; b < blockStart.length; b++, s += 8) {
      const w0 = 2 * (blockStart[b] as number);
      const w1 = w0 + stride;
      const w2 = w1 + stride;
      const w3 = w2 + stride;
      const w4 = w3 + stride;
      const w5 = w4 + stride;
      const w6 = w5 + stride;
      const w7 = w6 + stride;
      const x0r = source[base + w0] as number;
      const x0i = source[base + w0 + 1] as number;
      const x1r = source[base + w1] as number;
      const x1i = source[base + w1 + 1] as number;
      const x2r = source[base + w2] as number;
      const x2i = source[base + w2 + 1] as number;
      const x3r = source[base + w3] as number;
      const x3i = source[base + w3 + 1] as number;
      const x4r = source[base + w4] as number;
      const x4i = source[base + w4 + 1] as number;
      const x5r = source[base + w5] as number;
      const x5i = source[base + w5 + 1] as number;
      const x6r = source[base + w6] as number;
      const x6i = source[base + w6 + 1] as number;
      const x7r = source[base + w7] as number;
      const x7i = source[base + w7 + 1] as number;
      dft8(re, im, s, 1, x0r, x0i, x1r, x1i, x2r, x2i, x3r, x3i, x4r, x4i, x5r, x5i, x6r, x6i, x7r, x7i);
    }
  }

  /** One radix-8 DIT pass over blocks of `length`: inputs r scaled by W_L^{r·j}, then an 8-point DFT. */
  private twiddledPass(length: number, tw: Float64Array): void {
    const { re, im, half } = this;
    const q = length / 8;
    // Twiddle-outer loop: each j's seven twiddles are loaded once for all blocks.
    for (let j = 0, t = 0; j < q; j++, t += 14) {
      const c1 = tw[t] as number;
      const s1 = tw[t + 1] as number;
      const c2 = tw[t + 2] as number;
      const s2 = tw[t + 3] as number;
      const c3 = tw[t + 4] as number;
      const s3 = tw[t + 5] as number;
      const c4 = tw[t + 6] as number;
      const s4 = tw[t + 7] as number;
      const c5 = tw[t + 8] as number;
      const s5 = tw[t + 9] as number;
      const c6 = tw[t + 10] as number;
      const s6 = tw[t + 11] as number;
      const c7 = tw[t + 12] as number;
      const s7 = tw[t + 13] as number;
      for (let i0 = j; i0 < half; i0 += length) {
        const i1 = i0 + q;
        const i2 = i1 + q;
        const i3 = i2 + q;
        const i4 = i3 + q;
        const i5 = i4 + q;
        const i6 = i5 + q;
        const i7 = i6 + q;
        let ar = re[i1] as number;
        let ai = im[i1] as number;
        const x1r = ar * c1 - ai * s1;
        const x1i = ar * s1 + ai * c1;
        ar = re[i2] as number;
        ai = im[i2] as number;
        const x2r = ar * c2 - ai * s2;
        const x2i = ar * s2 + ai * c2;
        ar = re[i3] as number;
        ai = im[i3] as number;
        const x3r = ar * c3 - ai * s3;
        const x3i = ar * s3 + ai * c3;
        ar = re[i4] as number;
        ai = im[i4] as number;
        const x4r = ar * c4 - ai * s4;
        const x4i = ar * s4 + ai * c4;
        ar = re[i5] as number;
        ai = im[i5] as number;
        const x5r = ar * c5 - ai * s5;
        const x5i = ar * s5 + ai * c5;
        ar = re[i6] as number;
        ai = im[i6] as number;
        const x6r = ar * c6 - ai * s6;
        const x6i = ar * s6 + ai * c6;
        ar = re[i7] as number;
        ai = im[i7] as number;
        const x7r = ar * c7 - ai * s7;
        const x7i = ar * s7 + ai * c7;
        const x0r = re[i0] as number;
        const x0i = im[i0] as number;
        dft8(re, im, i0, q, x0r, x0i, x1r, x1i, x2r, x2i, x3r, x3i, x4r, x4i, x5r, x5i, x6r, x6i, x7r, x7i);
      }
    }
  }

  /** The size/2 + 1 complex bins X[k] (real and imaginary parts) of the last `transform`. */
  spectrum(outRe: Float64Array, outIm: Float64Array): void {
    const { re, im, half, splitCos, splitSin } = this;
    for (let k = 0; k <= half; k++) {
      const a = k === half ? 0 : k;
      const b = k === 0 ? 0 : half - k;
      const or = 0.5 * ((im[a] as number) + (im[b] as number));
      const oi = 0.5 * ((re[b] as number) - (re[a] as number));
      const c = splitCos[k] as number;
      const s = splitSin[k] as number;
      outRe[k] = 0.5 * ((re[a] as number) + (re[b] as number)) + c * or + s * oi;
      outIm[k] = 0.5 * ((im[a] as number) - (im[b] as number)) + c * oi - s * or;
    }
  }
}

/**
 * 8-point DFT of x0…x7, written to re/im at at + m·step (m = 0…7): a radix-2 step
 * (a = x[n] + x[n+4] → even outputs, b = (x[n] − x[n+4])·W8^n → odd outputs), then two 4-point
 * DFTs. Split in three small functions on purpose: V8 only inlines small functions, and a call that
 * is not inlined boxes its 20 double arguments on the heap, which costs more than the DFT.
 */
function dft8(
  re: Float64Array,
  im: Float64Array,
  at: number,
  step: number,
  x0r: number,
  x0i: number,
  x1r: number,
  x1i: number,
  x2r: number,
  x2i: number,
  x3r: number,
  x3i: number,
  x4r: number,
  x4i: number,
  x5r: number,
  x5i: number,
  x6r: number,
  x6i: number,
  x7r: number,
  x7i: number,
): void {
  dft4(
    re,
    im,
    at,
    2 * step,
    x0r + x4r,
    x0i + x4i,
    x1r + x5r,
    x1i + x5i,
    x2r + x6r,
    x2i + x6i,
    x3r + x7r,
    x3i + x7i,
  );
  const d1r = x1r - x5r;
  const d1i = x1i - x5i;
  const d3r = x3r - x7r;
  const d3i = x3i - x7i;
  dft4(
    re,
    im,
    at + step,
    2 * step,
    x0r - x4r,
    x0i - x4i,
    H * (d1r + d1i),
    H * (d1i - d1r),
    x2i - x6i,
    x6r - x2r,
    H * (d3i - d3r),
    -H * (d3r + d3i),
  );
}

/** 4-point DFT of a0…a3 to re/im at at + m·step. */
function dft4(
  re: Float64Array,
  im: Float64Array,
  at: number,
  step: number,
  a0r: number,
  a0i: number,
  a1r: number,
  a1i: number,
  a2r: number,
  a2i: number,
  a3r: number,
  a3i: number,
): void {
  const t0r = a0r + a2r;
  const t0i = a0i + a2i;
  const t1r = a0r - a2r;
  const t1i = a0i - a2i;
  const t2r = a1r + a3r;
  const t2i = a1i + a3i;
  const t3r = a1r - a3r;
  const t3i = a1i - a3i;
  re[at] = t0r + t2r;
  im[at] = t0i + t2i;
  re[at + step] = t1r + t3i;
  im[at + step] = t1i - t3r;
  re[at + 2 * step] = t0r - t2r;
  im[at + 2 * step] = t0i - t2i;
  re[at + 3 * step] = t1r - t3i;
  im[at + 3 * step] = t1i + t3r;
}
