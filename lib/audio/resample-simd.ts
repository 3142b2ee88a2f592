/**
 * The resampler's inner loop as a tiny hand-assembled WebAssembly SIMD module (f64x2), about three
 * times faster than the JavaScript loop. It computes exactly what `runPlan` in resample.ts computes,
 * in the same order — lanes (j ≡ 0, 1) and (j ≡ 2, 3 mod 4) summed as (a0 + a2) + (a1 + a3), plain
 * IEEE multiply and add (no fused multiply-add) — so both paths give bit-identical float32 output
 * and a runtime without wasm SIMD falls back to JavaScript without changing any score.
 *
 * Exported function `run(x, w, out, t0, t1, n, phase, L, nStep, rStep, phaseBytes)`: for outputs
 * t0 ≤ t < t1 (all taps inside the input), out[t] = Σⱼ w[phase·taps + j] · x[n + j] with f32 x and
 * out and f64 w, all addresses in bytes; n and phase then advance by the plan's steps.
 */

const I32 = 0x7f;
const V128 = 0x7b;

/** Unsigned LEB128. */
function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v) byte |= 0x80;
    out.push(byte);
  } while (v);
  return out;
}

const get = (index: number) => [0x20, ...uleb(index)];
const set = (index: number) => [0x21, ...uleb(index)];
const tee = (index: number) => [0x22, ...uleb(index)];
const i32Const = (value: number) => [0x41, ...uleb(value)]; // small non-negative constants only
const simd = (op: number, ...immediates: number[]) => [0xfd, ...uleb(op), ...immediates];
const I32_ADD = 0x6a;
const I32_SUB = 0x6b;
const I32_MUL = 0x6c;
const I32_SHL = 0x74;
const I32_GE_U = 0x4f;
const I32_LT_U = 0x49;
const V128_LOAD = (offset: number) => simd(0x00, 3, ...uleb(offset));
const V128_LOAD64_ZERO = (offset: number) => simd(0x5d, 3, ...uleb(offset));
const F64X2_PROMOTE_LOW_F32X4 = simd(0x5f);
const F64X2_ADD = simd(0xf0);
const F64X2_MUL = simd(0xf2);
const F64X2_EXTRACT_LANE = (lane: number) => simd(0x21, lane);
const V128_ZERO = simd(0x0c, ...new Array<number>(16).fill(0));

// Parameters 0–10, then locals: 11 xp, 12 wp, 13 wEnd (i32), 14 acc0, 15 acc1 (v128).
const [X, W, OUT, T, T1, N, PHASE, L, N_STEP, R_STEP, PHASE_BYTES] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const [XP, WP, W_END, ACC0, ACC1] = [11, 12, 13, 14, 15];

function body(): number[] {
  const tapPair = (acc: number, offsetW: number, offsetX: number) => [
    ...get(acc),
    ...get(WP),
    ...V128_LOAD(offsetW),
    ...get(XP),
    ...V128_LOAD64_ZERO(offsetX),
    ...F64X2_PROMOTE_LOW_F32X4,
    ...F64X2_MUL,
    ...F64X2_ADD,
    ...set(acc),
  ];
  // biome-ignore format: a bytecode listing reads best one instruction group per line
  return [
    0x02, 0x40, // block $done
    0x03, 0x40, // loop $outer
    ...get(T), ...get(T1), I32_GE_U, 0x0d, 1, // br_if $done
    ...get(X), ...get(N), ...i32Const(2), I32_SHL, I32_ADD, ...set(XP),
    ...get(W), ...get(PHASE), ...get(PHASE_BYTES), I32_MUL, I32_ADD, ...tee(WP),
    ...get(PHASE_BYTES), I32_ADD, ...set(W_END),
    ...V128_ZERO, ...set(ACC0),
    ...V128_ZERO, ...set(ACC1),
    0x03, 0x40, // loop $taps: four taps per turn
    ...tapPair(ACC0, 0, 0),
    ...tapPair(ACC1, 16, 8),
    ...get(WP), ...i32Const(32), I32_ADD, ...set(WP),
    ...get(XP), ...i32Const(16), I32_ADD, ...set(XP),
    ...get(WP), ...get(W_END), I32_LT_U, 0x0d, 0, // br_if $taps
    0x0b, // end $taps
    ...get(OUT), ...get(T), ...i32Const(2), I32_SHL, I32_ADD,
    ...get(ACC0), ...get(ACC1), ...F64X2_ADD, ...tee(ACC0),
    ...F64X2_EXTRACT_LANE(0),
    ...get(ACC0), ...F64X2_EXTRACT_LANE(1),
    0xa0, // f64.add
    0xb6, // f32.demote_f64
    0x38, 2, 0, // f32.store align=4 offset=0
    ...get(T), ...i32Const(1), I32_ADD, ...set(T),
    ...get(PHASE), ...get(R_STEP), I32_ADD, ...set(PHASE),
    ...get(N), ...get(N_STEP), I32_ADD, ...set(N),
    ...get(PHASE), ...get(L), I32_GE_U,
    0x04, 0x40, // if
    ...get(PHASE), ...get(L), I32_SUB, ...set(PHASE),
    ...get(N), ...i32Const(1), I32_ADD, ...set(N),
    0x0b, // end if
    0x0c, 0, // br $outer
    0x0b, // end $outer
    0x0b, // end $done
    0x0b, // end function
  ];
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const text = (s: string) => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
  const type = [1, 0x60, 11, ...new Array<number>(11).fill(I32), 0];
  const memoryImport = [1, ...text('env'), ...text('memory'), 0x02, 0x00, 1];
  const code = [2, 3, I32, 2, V128, ...body()];
  // biome-ignore format: module layout
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, type),
    ...section(2, memoryImport),
    ...section(3, [1, 0]),
    ...section(7, [1, ...text('run'), 0x00, 0]),
    ...section(10, [1, ...uleb(code.length), ...code]),
  ]);
}

export type SimdRun = (
  x: number,
  w: number,
  out: number,
  t0: number,
  t1: number,
  n: number,
  phase: number,
  L: number,
  nStep: number,
  rStep: number,
  phaseBytes: number,
) => void;

export interface SimdKernel {
  memory: WebAssembly.Memory;
  run: SimdRun;
}

let kernel: SimdKernel | null | undefined;

/** The compiled kernel, or null where WebAssembly SIMD is unavailable (then use JavaScript). */
export function simdKernel(): SimdKernel | null {
  if (kernel !== undefined) return kernel;
  try {
    const bytes = moduleBytes();
    if (typeof WebAssembly === 'undefined' || !WebAssembly.validate(bytes)) {
      kernel = null;
      return kernel;
    }
    const memory = new WebAssembly.Memory({ initial: 1 });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
    const run = instance.exports.run;
    kernel = typeof run === 'function' ? { memory, run: run as SimdRun } : null;
  } catch {
    kernel = null;
  }
  return kernel;
}

/** Test hook: force the JavaScript path (true) or go back to detecting SIMD (false). */
export function disableSimdForTests(disabled: boolean): void {
  kernel = disabled ? null : undefined;
}
