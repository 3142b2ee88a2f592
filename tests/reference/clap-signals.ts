/**
 * Deterministic 48 kHz test signals for the CLAP feature tests and benchmark. Seeded, so a failing
 * case can be regenerated exactly; the Python reference receives the same float32 samples as .npy.
 */
const SR = 48000;

/** mulberry32: a tiny seeded PRNG in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function noise(seconds: number, amplitude: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  return Float32Array.from({ length: Math.round(seconds * SR) }, () => amplitude * (2 * random() - 1));
}

/** Exponential sine sweep from f0 to f1 Hz. */
export function sweep(seconds: number, f0: number, f1: number, amplitude: number): Float32Array {
  const n = Math.round(seconds * SR);
  const k = Math.log(f1 / f0);
  return Float32Array.from({ length: n }, (_, i) => {
    const t = i / SR;
    return amplitude * Math.sin(((2 * Math.PI * f0 * seconds) / k) * (Math.exp((t / seconds) * k) - 1));
  });
}

/**
 * NES-flavoured music: naive (aliased) pulse waves at 50 %, 25 % and 12.5 % duty, a 4-bit stepped
 * triangle bass and a short noise burst per beat, eight notes per second from a seeded melody.
 */
export function chiptune(seconds: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  const n = Math.round(seconds * SR);
  const out = new Float32Array(n);
  const noteSamples = SR / 8;
  const duties = [0.5, 0.25, 0.125];
  let lead = 440;
  let bass = 110;
  let duty = 0.5;
  let lfsr = 1;
  for (let i = 0; i < n; i++) {
    if (i % noteSamples === 0) {
      lead = 220 * 2 ** (Math.floor(random() * 24) / 12);
      bass = 55 * 2 ** (Math.floor(random() * 12) / 12);
      duty = duties[Math.floor(random() * duties.length)] ?? 0.5;
    }
    const t = i / SR;
    const leadPhase = (t * lead) % 1;
    const bassPhase = (t * bass) % 1;
    const pulse = leadPhase < duty ? 0.25 : -0.25;
    const triangle = (Math.round(15 * (1 - Math.abs(2 * bassPhase - 1))) / 15 - 0.5) * 0.5;
    // 15-bit LFSR noise, clocked every 16 samples, gated to the first 1/32 s of each beat.
    if (i % 16 === 0) lfsr = (lfsr >> 1) | (((lfsr ^ (lfsr >> 1)) & 1) << 14);
    const drum = i % (SR / 2) < SR / 32 ? ((lfsr & 1) === 1 ? 0.15 : -0.15) : 0;
    out[i] = pulse + triangle + drum;
  }
  return out;
}

/**
 * A 1 kHz tone plus white noise whose level ramps from −150 dBFS to −40 dBFS over the clip: mel
 * values cross the −80 dB comparison gate part-way through, so the gate has bins on both sides.
 */
export function lowLevel(seconds: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  const n = Math.round(seconds * SR);
  return Float32Array.from({ length: n }, (_, i) => {
    const gain = 10 ** ((-150 + (110 * i) / n) / 20);
    return gain * (Math.sin((2 * Math.PI * 1000 * i) / SR) + (2 * random() - 1));
  });
}
