/**
 * The feature extractor's per-frame work (FFT passes, real split, Hann, power, mel weighting) as a
 * hand-assembled WebAssembly SIMD module that runs two frames at once: lane 0 is frame t, lane 1 frame
 * t + 1. Each lane performs exactly the IEEE operations of the JavaScript path (fft.ts, features.ts),
 * in the same order and without fused multiply-add, so both paths give bit-identical features and a
 * runtime without wasm SIMD falls back to JavaScript without changing any number. About twice as fast:
 * scalar JavaScript here is within 1.6× of scalar C, so halving the instruction count is what is left.
 *
 * Memory (one instance per extractor): the reflect-padded window as float32 (plus one spare hop so the
 * odd last frame has a partner), the packed spectra of two frames, the FFT and mel tables, the
 * mel accumulators and the mel energies [1002][64] as float64. JavaScript takes the logs.
 */
import { CLAP_FEATURES } from './constants';
import type { BinTables } from './features';
import type { RealFft } from './fft';

const { maxSamples, nFft, hopLength, nMels, frames } = CLAP_FEATURES;
const HALF = nFft / 2;
/** Floats in the padded window: 512 + 480 000 + 512, and one spare hop for frame 1001. */
export const PADDED_LENGTH = maxSamples + nFft + hopLength;

function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value;
  do {
    const byte = v & 0x7f;
    v >>>= 7;
    out.push(v ? byte | 0x80 : byte);
  } while (v);
  return out;
}

/** Signed LEB128, for i32.const. */
function sleb(value: number): number[] {
  const out: number[] = [];
  let v = value;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
}

const get = (local: number) => [0x20, ...uleb(local)];
const set = (local: number) => [0x21, ...uleb(local)];
const i32 = (value: number) => [0x41, ...sleb(value)];
const simd = (op: number, ...rest: number[]) => [0xfd, ...uleb(op), ...rest];
const memarg = (align: number, offset: number) => [align, ...uleb(offset)];
const I32_ADD = 0x6a;
const I32_MUL = 0x6c;
const I32_NE = 0x47;
const I32_LT_U = 0x49;
const I32_LOAD = (offset: number) => [0x28, ...memarg(2, offset)];
const F64_STORE = (offset: number) => [0x39, ...memarg(3, offset)];
const LOOP = [0x03, 0x40];
const IF = [0x04, 0x40];
const END = 0x0b;
const BR_IF = (depth: number) => [0x0d, depth];
// f32 lanes [A0, B0, A1, B1] and [A1, B1, …] of two 64-bit loads A and B: real and imaginary lanes.
const SHUFFLE_RE = simd(0x0d, 0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23);
const SHUFFLE_IM = simd(0x0d, 4, 5, 6, 7, 20, 21, 22, 23, 0, 1, 2, 3, 16, 17, 18, 19);

/** Straight-line f64x2 code over an unbounded set of v128 locals (the engine allocates registers). */
class Emitter {
  readonly code: number[] = [];
  private vectors = 0;
  constructor(private readonly firstVector: number) {}

  get vectorCount(): number {
    return this.vectors;
  }
  op(...bytes: number[]): void {
    for (const byte of bytes) this.code.push(byte);
  }
  vec(): number {
    return this.firstVector + this.vectors++;
  }
  private result(...bytes: number[]): number {
    const r = this.vec();
    this.op(...bytes, ...set(r));
    return r;
  }
  add = (a: number, b: number) => this.result(...get(a), ...get(b), ...simd(0xf0));
  sub = (a: number, b: number) => this.result(...get(a), ...get(b), ...simd(0xf1));
  mul = (a: number, b: number) => this.result(...get(a), ...get(b), ...simd(0xf2));
  constant(x: number): number {
    const bytes = new Uint8Array(new Float64Array([x, x]).buffer);
    return this.result(...simd(0x0c, ...bytes));
  }
  load(address: number, offset: number): number {
    return this.result(...get(address), ...simd(0x00, ...memarg(4, offset)));
  }
  splat(address: number, offset: number): number {
    return this.result(...get(address), ...simd(0x0a, ...memarg(3, offset)));
  }
  store(address: number, offset: number, value: number): void {
    this.op(...get(address), ...get(value), ...simd(0x0b, ...memarg(4, offset)));
  }
  /** Two frames' float32 pairs at address+offset and address+offset+hop → (re lanes, im lanes). */
  loadPair(address: number, offset: number, hopBytes: number): [number, number] {
    const a = this.result(...get(address), ...simd(0x5d, ...memarg(3, offset)));
    const b = this.result(...get(address), ...simd(0x5d, ...memarg(3, offset + hopBytes)));
    const re = this.result(...get(a), ...get(b), ...SHUFFLE_RE, ...simd(0x5f));
    const im = this.result(...get(a), ...get(b), ...SHUFFLE_IM, ...simd(0x5f));
    return [re, im];
  }
  loadAbsolute(address: number): number {
    return this.result(...i32(0), ...simd(0x00, ...memarg(4, address)));
  }
  assign(target: number, value: number): void {
    this.op(...get(value), ...set(target));
  }
}

/** Byte addresses in the wasm memory, 16-aligned, in this order. */
function layout(fft: RealFft, bins: BinTables) {
  let at = 0;
  const take = (bytes: number) => {
    const start = at;
    at = Math.ceil((at + bytes) / 16) * 16;
    return start;
  };
  const mem = {
    sig: take(PADDED_LENGTH * 4),
    re: take(HALF * 32), // re[512] then im[512], two frames per v128
    block: take(fft.blockStart.length * 4),
    twiddles: fft.passTwiddles.map((t) => take(t.length * 8)),
    cos: take(bins.cos.length * 8),
    sin: take(bins.sin.length * 8),
    slot: take(bins.count * 4),
    first: take(bins.count * 8),
    second: take(bins.count * 8),
    mel: take((nMels + 2) * 16),
    out: take((frames + 1) * nMels * 8),
  };
  return { ...mem, imOffset: HALF * 16, bytes: at };
}
type Layout = ReturnType<typeof layout>;

// Parameters t0, t1, then the i32 locals (v128 locals follow): frame t of the pair, byte address of
// frame t in the padded window, scratch addresses, &Z[k] and &Z[N/2 − k], 8·(i + 2) into the cos/sin/
// weight tables, 4·i into the slot table, the slot just read, the band being accumulated, the output row.
const [T0, T1, T, BASE, P, J, A, K, KA, KB, X8, X4, M, BAND, ROW] = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
] as const;
const I32_LOCALS = 13;

/** Function body: frame pairs (t, t + 1) for t = t0, t0 + 2, … < t1. */
function kernel(fft: RealFft, bins: BinTables, mem: Layout): { code: number[]; vectors: number } {
  const e = new Emitter(2 + I32_LOCALS);
  const imo = mem.imOffset;
  const h = e.constant(Math.SQRT1_2);
  const negH = e.constant(-Math.SQRT1_2);
  const zero = e.constant(0);
  const two = e.constant(2);
  const [pr, pi, cr, ci, sumFirst, sumSecond] = [e.vec(), e.vec(), e.vec(), e.vec(), e.vec(), e.vec()];
  const addTo = (local: number, value: number) => e.op(...get(local), ...i32(value), I32_ADD, ...set(local));
  const loopWhileBelow = (local: number, limit: number) =>
    e.op(...get(local), ...i32(limit), I32_LT_U, ...BR_IF(0), END);

  // The 4- and 8-point DFTs of fft.ts, value for value; outputs at address `at` + m·step bytes.
  const dft4 = (at: number, base: number, step: number, a: number[]) => {
    const x = (i: number) => a[i] as number; // a0r, a0i, a1r, a1i, a2r, a2i, a3r, a3i
    const t0r = e.add(x(0), x(4));
    const t0i = e.add(x(1), x(5));
    const t1r = e.sub(x(0), x(4));
    const t1i = e.sub(x(1), x(5));
    const t2r = e.add(x(2), x(6));
    const t2i = e.add(x(3), x(7));
    const t3r = e.sub(x(2), x(6));
    const t3i = e.sub(x(3), x(7));
    e.store(at, base, e.add(t0r, t2r));
    e.store(at, base + imo, e.add(t0i, t2i));
    e.store(at, base + step, e.add(t1r, t3i));
    e.store(at, base + step + imo, e.sub(t1i, t3r));
    e.store(at, base + 2 * step, e.sub(t0r, t2r));
    e.store(at, base + 2 * step + imo, e.sub(t0i, t2i));
    e.store(at, base + 3 * step, e.sub(t1r, t3i));
    e.store(at, base + 3 * step + imo, e.add(t1i, t3r));
  };
  const dft8 = (at: number, step: number, x: number[]) => {
    const v = (i: number) => x[i] as number;
    dft4(
      at,
      0,
      2 * step,
      Array.from({ length: 8 }, (_, i) => e.add(v(i), v(i + 8))),
    );
    const d1r = e.sub(v(2), v(10));
    const d1i = e.sub(v(3), v(11));
    const d3r = e.sub(v(6), v(14));
    const d3i = e.sub(v(7), v(15));
    dft4(at, step, 2 * step, [
      e.sub(v(0), v(8)),
      e.sub(v(1), v(9)),
      e.mul(h, e.add(d1r, d1i)),
      e.mul(h, e.sub(d1i, d1r)),
      e.sub(v(5), v(13)),
      e.sub(v(12), v(4)),
      e.mul(h, e.sub(d3i, d3r)),
      e.mul(negH, e.add(d3r, d3i)),
    ]);
  };

  e.op(...get(T0), ...set(T), 0x02, 0x40, ...LOOP); // block $done, loop $pairs
  e.op(...get(T), ...get(T1), 0x4f, ...BR_IF(1)); // t ≥ t1 → done
  e.op(...get(T), ...i32(hopLength * 4), I32_MUL, ...i32(mem.sig), I32_ADD, ...set(BASE));

  // First pass: digit-reversed float32 pairs of both frames → 8-point DFTs.
  e.op(...i32(0), ...set(J), ...i32(mem.re), ...set(A), ...LOOP);
  e.op(...get(BASE), ...get(J), ...I32_LOAD(mem.block), I32_ADD, ...set(P));
  const firstInputs: number[] = [];
  for (let i = 0; i < 8; i++) firstInputs.push(...e.loadPair(P, i * (HALF / 4) * 4, hopLength * 4));
  dft8(A, 16, firstInputs);
  addTo(J, 4);
  addTo(A, 8 * 16);
  loopWhileBelow(J, fft.blockStart.length * 4);

  // Twiddled passes, twiddle-outer like fft.ts.
  fft.passLengths.forEach((length, pass) => {
    const q = length / 8;
    const step = q * 16;
    const tw = mem.twiddles[pass] as number;
    e.op(...i32(0), ...set(J), ...i32(mem.re), ...set(K), ...LOOP);
    const w = Array.from({ length: 14 }, (_, r) => e.splat(J, tw + 8 * r));
    e.op(...get(K), ...set(A), ...LOOP);
    const x = [e.load(A, 0), e.load(A, imo)];
    for (let r = 1; r < 8; r++) {
      const ar = e.load(A, r * step);
      const ai = e.load(A, r * step + imo);
      const c = w[2 * r - 2] as number;
      const s = w[2 * r - 1] as number;
      x.push(e.sub(e.mul(ar, c), e.mul(ai, s)), e.add(e.mul(ar, s), e.mul(ai, c)));
    }
    dft8(A, step, x);
    addTo(A, length * 16);
    loopWhileBelow(A, mem.re + HALF * 16);
    addTo(J, 14 * 8);
    addTo(K, 16);
    loopWhileBelow(J, q * 14 * 8);
  });

  // Split, Hann, power and mel weighting as melFrame in features.ts.
  for (let m = 0; m < nMels + 2; m++)
    e.op(...i32(0), ...get(zero), ...simd(0x0b, ...memarg(4, mem.mel + 16 * m)));
  const split = (): [number, number] => {
    const ar = e.load(KA, 0);
    const ai = e.load(KA, imo);
    const br = e.load(KB, 0);
    const bi = e.load(KB, imo);
    const or = e.add(ai, bi);
    const oi = e.sub(br, ar);
    const c = e.splat(X8, mem.cos);
    const s = e.splat(X8, mem.sin);
    return [
      e.add(e.add(e.add(ar, br), e.mul(c, or)), e.mul(s, oi)),
      e.sub(e.add(e.sub(ai, bi), e.mul(c, oi)), e.mul(s, or)),
    ];
  };
  const advance = () => {
    addTo(KA, 16);
    addTo(KB, -16);
    addTo(X8, 8);
  };
  const flush = () => {
    e.store(BAND, mem.mel, e.add(e.load(BAND, mem.mel), sumFirst));
    e.store(BAND, mem.mel + 16, e.add(e.load(BAND, mem.mel + 16), sumSecond));
  };
  e.op(...i32(mem.re + bins.lo * 16), ...set(KA), ...i32(mem.re + (HALF - bins.lo) * 16), ...set(KB));
  e.op(...i32(0), ...set(X8), ...i32(0), ...set(X4));
  const [r0, i0] = split();
  advance();
  const [r1, i1] = split();
  advance();
  e.assign(pr, r0);
  e.assign(pi, i0);
  e.assign(cr, r1);
  e.assign(ci, i1);
  e.assign(sumFirst, zero);
  e.assign(sumSecond, zero);
  e.op(...i32(0), ...I32_LOAD(mem.slot), ...set(BAND), ...LOOP);
  const [nr, ni] = split();
  const yr = e.sub(e.sub(e.mul(two, cr), pr), nr);
  const yi = e.sub(e.sub(e.mul(two, ci), pi), ni);
  const p = e.add(e.mul(yr, yr), e.mul(yi, yi));
  e.op(...get(X4), ...I32_LOAD(mem.slot), ...set(M), ...get(M), ...get(BAND), I32_NE, ...IF);
  flush();
  e.op(...get(M), ...set(BAND));
  e.assign(sumFirst, zero);
  e.assign(sumSecond, zero);
  e.op(END);
  // first/second are indexed by i = X8/8 − 2.
  e.assign(sumFirst, e.add(sumFirst, e.mul(e.splat(X8, mem.first - 16), p)));
  e.assign(sumSecond, e.add(sumSecond, e.mul(e.splat(X8, mem.second - 16), p)));
  e.assign(pr, cr);
  e.assign(pi, ci);
  e.assign(cr, nr);
  e.assign(ci, ni);
  advance();
  addTo(X4, 4);
  loopWhileBelow(X4, bins.count * 4);
  flush();

  // Energies of frame t (lane 0) and t + 1 (lane 1), float64, row-major; then the next pair.
  e.op(...get(T), ...i32(nMels * 8), I32_MUL, ...i32(mem.out), I32_ADD, ...set(ROW));
  for (let m = 0; m < nMels; m++) {
    const v = e.loadAbsolute(mem.mel + 16 * m);
    e.op(...get(ROW), ...get(v), ...simd(0x21, 0), ...F64_STORE(8 * m));
    e.op(...get(ROW), ...get(v), ...simd(0x21, 1), ...F64_STORE(nMels * 8 + 8 * m));
  }
  addTo(T, 2);
  e.op(0x0c, 0, END, END, END); // br $pairs; end loop, block, function
  return { code: e.code, vectors: e.vectorCount };
}

function moduleBytes(fft: RealFft, bins: BinTables, mem: Layout): Uint8Array<ArrayBuffer> {
  const { code, vectors } = kernel(fft, bins, mem);
  const text = (s: string) => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
  const section = (id: number, content: number[]) => [id, ...uleb(content.length), ...content];
  const body = [2, ...uleb(I32_LOCALS), 0x7f, ...uleb(vectors), 0x7b, ...code];
  const pages = Math.ceil(mem.bytes / 65536);
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 2, 0x7f, 0x7f, 0]),
    ...section(2, [1, ...text('env'), ...text('memory'), 0x02, 0x00, ...uleb(pages)]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...text('run'), 0x00, 0]),
    ...section(10, [1, ...uleb(body.length), ...body]),
  ]);
}

/** Frames handed to wasm per call: small enough that the optimising tier takes over within a window. */
const CHUNK = 64;

export interface SimdFrames {
  /** The padded window: 512 reflected samples, the 480 000-sample window, 512 reflected samples. */
  readonly signal: Float32Array;
  /** Mel energies after `run`: frame t, band m at t·64 + m. */
  readonly energies: Float64Array;
  run(): void;
}

const modules = new Map<string, WebAssembly.Module | null>();

/** A wasm SIMD instance for these tables, or null where WebAssembly SIMD is unavailable. */
export function createSimdFrames(fft: RealFft, bins: BinTables): SimdFrames | null {
  if (typeof WebAssembly === 'undefined') return null;
  const mem = layout(fft, bins);
  const key = JSON.stringify([mem, bins.lo, bins.count, fft.passLengths]);
  try {
    let module = modules.get(key);
    if (module === undefined) {
      const bytes = moduleBytes(fft, bins, mem);
      module = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
      modules.set(key, module);
    }
    if (!module) return null;
    const memory = new WebAssembly.Memory({ initial: Math.ceil(mem.bytes / 65536) });
    const run = new WebAssembly.Instance(module, { env: { memory } }).exports.run;
    if (typeof run !== 'function') return null;
    const buffer = memory.buffer;
    new Int32Array(buffer, mem.block, fft.blockStart.length).set(fft.blockStart.map((c) => 8 * c));
    new Int32Array(buffer, mem.slot, bins.count).set(bins.slot.map((m) => 16 * m));
    const doubles = [...fft.passTwiddles, bins.cos, bins.sin, bins.first, bins.second];
    const addresses = [...mem.twiddles, mem.cos, mem.sin, mem.first, mem.second];
    doubles.forEach((table, i) => {
      new Float64Array(buffer, addresses[i], table.length).set(table);
    });
    const kernelRun = run as (t0: number, t1: number) => void;
    return {
      signal: new Float32Array(buffer, mem.sig, PADDED_LENGTH),
      energies: new Float64Array(buffer, mem.out, frames * nMels),
      run() {
        for (let t = 0; t < frames; t += CHUNK) kernelRun(t, Math.min(t + CHUNK, frames));
      },
    };
  } catch {
    // No SIMD, no sync compilation allowed here, or out of memory: the JavaScript path takes over.
    return null;
  }
}
