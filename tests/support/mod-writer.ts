/**
 * A small but real 4-channel ProTracker module ("M.K.") of our own, so the tracker tests need no
 * third-party songs: synthesised square, 25 % pulse, triangle, noise and a one-shot kick; two
 * patterns with a melody, bass, hi-hats and effects (speed, arpeggio, portamento, vibrato, volume
 * set/slide, note cut). Played once it lasts 2 × 64 rows × 3 ticks × 20 ms = 7.68 s.
 */

export interface ModCell {
  /** 1-based sample number, 0 for none. */
  sample?: number;
  /** Amiga period (428 = C-2), 0 for none. */
  period?: number;
  effect?: number;
  param?: number;
}

interface ModSample {
  name: string;
  data: Int8Array;
  volume: number;
  /** Loop start and length in samples (even); no loop when loopLength is 0. */
  loopStart: number;
  loopLength: number;
}

/** ProTracker periods for octaves 1–3 (finetune 0), C to B. */
const PERIODS = [
  856, 808, 762, 720, 678, 640, 604, 570, 538, 508, 480, 453, 428, 404, 381, 360, 339, 320, 302, 285, 269,
  254, 240, 226, 214, 202, 190, 180, 170, 160, 151, 143, 135, 127, 120, 113,
];
const NOTE_NAMES = ['C-', 'C#', 'D-', 'D#', 'E-', 'F-', 'F#', 'G-', 'G#', 'A-', 'A#', 'B-'];

/** Period of a note name like "C-2" or "F#3" (octaves 1–3). */
export function period(note: string): number {
  const index = NOTE_NAMES.indexOf(note.slice(0, 2));
  const octave = Number(note.slice(2));
  const value = PERIODS[(octave - 1) * 12 + index];
  if (index < 0 || value === undefined) throw new Error(`No ProTracker period for note ${note}.`);
  return value;
}

function wave(length: number, f: (phase: number) => number): Int8Array {
  return Int8Array.from({ length }, (_, i) => Math.max(-128, Math.min(127, Math.round(f(i / length) * 100))));
}

function samples(): ModSample[] {
  let lfsr = 0x7fff;
  const noise = Int8Array.from({ length: 4096 }, () => {
    // 15-bit LFSR, like the NES/Game Boy noise channel.
    const bit = (lfsr ^ (lfsr >> 1)) & 1;
    lfsr = (lfsr >> 1) | (bit << 14);
    return lfsr & 1 ? 90 : -90;
  });
  const kick = Int8Array.from({ length: 2048 }, (_, i) => {
    const t = i / 8363;
    return Math.round(110 * Math.exp(-t * 30) * Math.sin(2 * Math.PI * (150 - 400 * t) * t));
  });
  return [
    { name: 'square', data: wave(32, (p) => (p < 0.5 ? 1 : -1)), volume: 48, loopStart: 0, loopLength: 32 },
    {
      name: 'pulse 25%',
      data: wave(32, (p) => (p < 0.25 ? 1 : -1)),
      volume: 40,
      loopStart: 0,
      loopLength: 32,
    },
    {
      name: 'triangle',
      data: wave(32, (p) => 1 - 4 * Math.abs(p - 0.5)),
      volume: 64,
      loopStart: 0,
      loopLength: 32,
    },
    { name: 'noise', data: noise, volume: 24, loopStart: 0, loopLength: 4096 },
    { name: 'kick', data: kick, volume: 64, loopStart: 0, loopLength: 0 },
  ];
}

type Pattern = ModCell[][]; // [row][channel]

function patterns(): Pattern[] {
  const empty = (): Pattern => Array.from({ length: 64 }, () => [{}, {}, {}, {}]);
  const melody = [
    'C-3',
    'E-3',
    'G-3',
    'E-3',
    'A-2',
    'C-3',
    'E-3',
    'G-3',
    'F-2',
    'A-2',
    'C-3',
    'F-3',
    'G-2',
    'B-2',
    'D-3',
    'G-3',
  ];
  const bass = ['C-1', 'A-1', 'F-1', 'G-1'];
  const first = empty();
  const second = empty();
  for (let row = 0; row < 64; row++) {
    const cells = [first[row], second[row]];
    for (const [index, cellsOfRow] of cells.entries()) {
      if (!cellsOfRow) continue;
      const [lead, low, hat, extra] = cellsOfRow;
      if (!lead || !low || !hat || !extra) continue;
      if (row % 4 === 0) {
        const note = melody[(row / 4) % melody.length] ?? 'C-3';
        Object.assign(lead, { sample: index === 0 ? 1 : 2, period: period(note) });
        // Arpeggio on every other note (the chiptune chord trick), plain notes otherwise.
        if (row % 8 === 4) Object.assign(lead, { effect: 0x0, param: 0x47 });
      } else if (index === 1 && row % 4 === 2) {
        Object.assign(lead, { effect: 0xa, param: 0x02 }); // volume slide down
      }
      if (row % 16 === 0) {
        Object.assign(low, { sample: 3, period: period(bass[row / 16] ?? 'C-1') });
      } else if (row % 16 === 8) {
        Object.assign(low, index === 0 ? { effect: 0x4, param: 0x46 } : { effect: 0x1, param: 0x02 }); // vibrato / porta
      } else if (row % 16 === 12 && index === 1) {
        Object.assign(low, { effect: 0x2, param: 0x02 }); // portamento down
      }
      if (row % 2 === 0) {
        Object.assign(hat, {
          sample: 4,
          period: period('C-3'),
          effect: 0xc,
          param: row % 4 === 0 ? 0x18 : 0x0c,
        });
        if (row % 8 === 6) Object.assign(hat, { effect: 0xe, param: 0xc1 }); // note cut after 1 tick
      }
      if (index === 0 && row % 8 === 0) Object.assign(extra, { sample: 5, period: period('C-2') });
      if (index === 1 && row % 16 === 4)
        Object.assign(extra, { sample: 2, period: period('G-2'), effect: 0xc, param: 0x20 });
    }
  }
  const firstRow = first[0]?.[3];
  if (firstRow) Object.assign(firstRow, { effect: 0xf, param: 0x03 }); // speed 3 ticks per row
  return [first, second];
}

function writeAscii(out: Uint8Array, offset: number, text: string, length: number): void {
  for (let i = 0; i < length; i++) out[offset + i] = i < text.length ? text.charCodeAt(i) : 0;
}

/** Builds the module; `order` lists pattern numbers (default: both patterns once). */
export function buildMod(options: { title?: string; order?: number[] } = {}): Uint8Array {
  const title = options.title ?? 'genki test tune';
  const order = options.order ?? [0, 1];
  const sampleList = samples();
  const patternList = patterns();
  const sampleBytes = sampleList.reduce((sum, sample) => sum + sample.data.length, 0);
  const out = new Uint8Array(1084 + patternList.length * 1024 + sampleBytes);
  const view = new DataView(out.buffer);
  writeAscii(out, 0, title, 20);
  for (let s = 0; s < 31; s++) {
    const at = 20 + s * 30;
    const sample = sampleList[s];
    if (!sample) continue;
    writeAscii(out, at, sample.name, 22);
    view.setUint16(at + 22, sample.data.length / 2);
    out[at + 24] = 0; // finetune
    out[at + 25] = sample.volume;
    view.setUint16(at + 26, sample.loopStart / 2);
    view.setUint16(at + 28, sample.loopLength ? sample.loopLength / 2 : 1);
  }
  out[950] = order.length;
  out[951] = 127;
  order.forEach((pattern, i) => {
    out[952 + i] = pattern;
  });
  writeAscii(out, 1080, 'M.K.', 4);
  let at = 1084;
  for (const pattern of patternList) {
    for (const row of pattern) {
      for (const cell of row) {
        const sample = cell.sample ?? 0;
        const cellPeriod = cell.period ?? 0;
        out[at] = (sample & 0xf0) | ((cellPeriod >> 8) & 0x0f);
        out[at + 1] = cellPeriod & 0xff;
        out[at + 2] = ((sample & 0x0f) << 4) | ((cell.effect ?? 0) & 0x0f);
        out[at + 3] = cell.param ?? 0;
        at += 4;
      }
    }
  }
  for (const sample of sampleList) {
    out.set(new Uint8Array(sample.data.buffer), at);
    at += sample.data.length;
  }
  return out;
}
