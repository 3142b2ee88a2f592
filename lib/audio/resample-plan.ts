/**
 * The fast path for integer rates: output phases repeat every L = toRate / gcd outputs, so each
 * phase's weights are computed once (a "plan"), padded to one shared window, and every output is a
 * plain dot product — in WebAssembly SIMD where available, else in JavaScript, bit-identically.
 */
import type { ResampleFilter } from './resample-filter';
import { kernelFor, phaseWeights } from './resample-kernel';
import { simdKernel } from './resample-simd';

/** Cap on precomputed weights (L phases × taps) per rate pair: 4 Mi doubles = 32 MB. */
const MAX_PLAN_WEIGHTS = 4 * 1024 * 1024;
const MAX_CACHED_PLANS = 16;

export interface PhasePlan {
  /** Outputs per period (L) and inputs per period (M): toRate/g and fromRate/g. */
  outputsPerPeriod: number;
  inputsPerPeriod: number;
  /**
   * Every phase's weights padded with zeros to one shared window: output t (time n + r/L) reads
   * inputs n + start … n + start + taps − 1 with weights[r · taps …]. `taps` is a multiple of 4.
   */
  start: number;
  taps: number;
  weights: Float64Array;
}

const plans = new Map<string, PhasePlan>();

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return x;
}

export function planFor(filter: ResampleFilter, fromRate: number, toRate: number): PhasePlan | undefined {
  if (!Number.isInteger(fromRate) || !Number.isInteger(toRate)) return undefined;
  const key = `${filter.name}/${filter.numZeros}/${filter.precision}/${filter.beta}/${filter.rolloff}/${fromRate}/${toRate}`;
  const cached = plans.get(key);
  if (cached) return cached;
  const g = gcd(fromRate, toRate);
  const outputsPerPeriod = toRate / g;
  const inputsPerPeriod = fromRate / g;
  const kernel = kernelFor(filter, toRate / fromRate);
  const maxTaps = 2 * Math.ceil(kernel.win.length / kernel.indexStep) + 2;
  if (outputsPerPeriod * maxTaps > MAX_PLAN_WEIGHTS) return undefined;

  // Phase r holds the outputs whose time has fractional part exactly r / L.
  const scratch = new Float64Array(maxTaps);
  const layout = Array.from({ length: outputsPerPeriod }, (_, phase) =>
    phaseWeights(kernel, phase / outputsPerPeriod, undefined, 0),
  );
  const start = Math.min(...layout.map(([first]) => first));
  const span = Math.max(...layout.map(([first, count]) => first - start + count));
  const taps = Math.ceil(span / 4) * 4;
  const weights = new Float64Array(outputsPerPeriod * taps);
  for (let phase = 0; phase < outputsPerPeriod; phase++) {
    const [first, count] = phaseWeights(kernel, phase / outputsPerPeriod, scratch, 0);
    weights.set(scratch.subarray(0, count), phase * taps + first - start);
  }
  const plan = { outputsPerPeriod, inputsPerPeriod, start, taps, weights };
  if (plans.size >= MAX_CACHED_PLANS) plans.clear();
  plans.set(key, plan);
  return plan;
}

/** Input index n and phase r of output t: t · M = n · L + r. */
function position(plan: PhasePlan, t: number): [number, number] {
  const product = t * plan.inputsPerPeriod; // < 2^53 for any audio we accept
  const n = Math.floor(product / plan.outputsPerPeriod);
  return [n, product - n * plan.outputsPerPeriod];
}

export function runPlan(plan: PhasePlan, input: Float32Array, output: Float32Array): void {
  const kernel = simdKernel();
  if (!kernel) {
    runPlanJs(plan, input, output, 0, output.length);
    return;
  }
  // Outputs whose whole window lies inside the input go to wasm; the few at each end stay in JS.
  const firstInside = firstOutputAtLeast(plan, -plan.start, output.length);
  const pastInside = Math.max(
    firstInside,
    firstOutputAtLeast(plan, input.length - plan.taps - plan.start + 1, output.length),
  );
  runPlanJs(plan, input, output, 0, firstInside);
  runPlanSimd(plan, input, output, firstInside, pastInside);
  runPlanJs(plan, input, output, pastInside, output.length);
}

/** Smallest t (≤ limit) whose input index n reaches `n`. */
function firstOutputAtLeast(plan: PhasePlan, n: number, limit: number): number {
  if (n <= 0) return 0;
  let t = Math.min(limit, Math.ceil((n * plan.outputsPerPeriod) / plan.inputsPerPeriod));
  while (t > 0 && position(plan, t - 1)[0] >= n) t--;
  while (t < limit && position(plan, t)[0] < n) t++;
  return t;
}

const SIMD_BLOCK = 65536;
/** Which plan's weights the wasm memory holds (they stay loaded between calls). */
let loaded: { memory: WebAssembly.Memory; weights: Float64Array } | undefined;

function runPlanSimd(
  plan: PhasePlan,
  input: Float32Array,
  output: Float32Array,
  from: number,
  to: number,
): void {
  const kernel = simdKernel();
  if (!kernel || from >= to) return;
  const { outputsPerPeriod: L, inputsPerPeriod: M, start, taps, weights } = plan;
  // Memory: weights, then one block of input, then one block of output (16-byte aligned).
  const inputCapacity = Math.ceil((SIMD_BLOCK * M) / L) + taps + 8;
  const xOffset = Math.ceil(weights.byteLength / 16) * 16;
  const outOffset = xOffset + Math.ceil((inputCapacity * 4) / 16) * 16;
  const needed = outOffset + SIMD_BLOCK * 4;
  const { memory } = kernel;
  if (memory.buffer.byteLength < needed) {
    memory.grow(Math.ceil((needed - memory.buffer.byteLength) / 65536));
  }
  if (loaded?.memory !== memory || loaded.weights !== weights) {
    new Float64Array(memory.buffer, 0, weights.length).set(weights);
    loaded = { memory, weights };
  }
  const xView = new Float32Array(memory.buffer, xOffset, inputCapacity);
  const outView = new Float32Array(memory.buffer, outOffset, SIMD_BLOCK);
  for (let block = from; block < to; block += SIMD_BLOCK) {
    const count = Math.min(SIMD_BLOCK, to - block);
    const [n, phase] = position(plan, block);
    const [lastN] = position(plan, block + count - 1);
    const first = n + start;
    xView.set(input.subarray(first, lastN + start + taps));
    kernel.run(xOffset, 0, outOffset, 0, count, 0, phase, L, Math.floor(M / L), M % L, taps * 8);
    output.set(outView.subarray(0, count), block);
  }
}

function runPlanJs(
  plan: PhasePlan,
  input: Float32Array,
  output: Float32Array,
  from: number,
  to: number,
): void {
  const { outputsPerPeriod: L, inputsPerPeriod: M, start, taps, weights } = plan;
  const nIn = input.length;
  const nStep = Math.floor(M / L);
  const rStep = M % L;
  let [n, phase] = position(plan, from);
  for (let t = from; t < to; t++) {
    const first = n + start;
    let w = phase * taps;
    // Four accumulators over taps j ≡ 0, 1, 2, 3 (mod 4), summed as (a0 + a2) + (a1 + a3): a fixed
    // order, so every run (and every platform) gives the same float result.
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    if (first >= 0 && first + taps <= nIn) {
      // Bounds are checked once above, so the loads below cannot be out of range.
      const end = first + taps;
      for (let i = first; i < end; i += 4, w += 4) {
        a0 += (weights[w] as number) * (input[i] as number);
        a1 += (weights[w + 1] as number) * (input[i + 1] as number);
        a2 += (weights[w + 2] as number) * (input[i + 2] as number);
        a3 += (weights[w + 3] as number) * (input[i + 3] as number);
      }
    } else {
      // The first and last few outputs: drop taps outside the input, as resampy does.
      for (let j = 0; j < taps; j++) {
        const i = first + j;
        if (i < 0 || i >= nIn) continue;
        const product = (weights[w + j] as number) * (input[i] as number);
        if ((j & 3) === 0) a0 += product;
        else if ((j & 3) === 1) a1 += product;
        else if ((j & 3) === 2) a2 += product;
        else a3 += product;
      }
    }
    output[t] = a0 + a2 + (a1 + a3);
    phase += rStep;
    n += nStep;
    if (phase >= L) {
      phase -= L;
      n++;
    }
  }
}
