/**
 * A tiny valid Scream Tracker 3 module (.s3m) of our own: 2 channels (left and right), 2 looping
 * unsigned 8-bit samples (square and triangle), one 64-row pattern with notes, volumes, arpeggio
 * and note-offs. Speed 3 at 125 BPM: 64 rows × 60 ms = 3.84 s.
 */

const HEADER = 96;
const INSTRUMENT = 80;

function writeAscii(out: Uint8Array, offset: number, text: string, length: number): void {
  for (let i = 0; i < length; i++) out[offset + i] = i < text.length ? text.charCodeAt(i) : 0;
}

const align16 = (n: number) => Math.ceil(n / 16) * 16;

/** Packed pattern rows: each cell is [channel, note (0xOS, 254 = off), instrument, volume, command, info]. */
function packPattern(rows: number[][][]): Uint8Array {
  const bytes: number[] = [0, 0];
  for (const row of rows) {
    for (const [channel = 0, note = 255, instrument = 0, volume = -1, command = 0, info = 0] of row) {
      let what = channel & 31;
      if (note !== 255 || instrument) what |= 32;
      if (volume >= 0) what |= 64;
      if (command) what |= 128;
      bytes.push(what);
      if (what & 32) bytes.push(note, instrument);
      if (what & 64) bytes.push(volume);
      if (what & 128) bytes.push(command, info);
    }
    bytes.push(0); // end of row
  }
  bytes[0] = bytes.length & 0xff;
  bytes[1] = bytes.length >> 8;
  return Uint8Array.from(bytes);
}

export function buildS3m(title = 'genki s3m tune'): Uint8Array {
  const samples = [
    { name: 'square', data: Int8Array.from({ length: 32 }, (_, i) => (i < 16 ? 90 : -90)), volume: 48 },
    {
      name: 'triangle',
      data: Int8Array.from({ length: 32 }, (_, i) => Math.round(120 * (1 - 4 * Math.abs(i / 32 - 0.5)))),
      volume: 64,
    },
  ];
  const melody = [0x40, 0x44, 0x47, 0x50, 0x47, 0x44, 0x42, 0x45];
  const rows = Array.from({ length: 64 }, (_, row) => {
    const cells: number[][] = [];
    if (row % 4 === 0) {
      const note = melody[(row / 4) % melody.length] ?? 0x40;
      // J (10) = arpeggio on every other note.
      cells.push(row % 8 === 4 ? [0, note, 1, 40, 10, 0x37] : [0, note, 1, 40]);
    }
    if (row % 16 === 0) cells.push([1, 0x20 + ((row / 16) % 4) * 2, 2, 64]);
    else if (row % 16 === 12) cells.push([1, 254]);
    return cells;
  });
  const pattern = packPattern(rows);
  const orders = [0, 255];

  const pointersAt = HEADER + orders.length;
  const instrumentsAt = align16(pointersAt + 2 * samples.length + 2);
  const patternAt = align16(instrumentsAt + INSTRUMENT * samples.length);
  let sampleAt = align16(patternAt + pattern.length);
  const sampleOffsets = samples.map((sample) => {
    const at = sampleAt;
    sampleAt = align16(sampleAt + sample.data.length);
    return at;
  });
  const out = new Uint8Array(sampleAt);
  const view = new DataView(out.buffer);

  writeAscii(out, 0, title, 28);
  out[28] = 0x1a;
  out[29] = 16; // ST3 module
  view.setUint16(32, orders.length, true);
  view.setUint16(34, samples.length, true);
  view.setUint16(36, 1, true); // patterns
  view.setUint16(40, 0x1320, true); // Scream Tracker 3.20
  view.setUint16(42, 2, true); // unsigned samples
  writeAscii(out, 44, 'SCRM', 4);
  out[48] = 64; // global volume
  out[49] = 3; // speed
  out[50] = 125; // tempo
  out[51] = 0xb0; // stereo, master volume 48
  out[52] = 16;
  out.fill(255, 64, 96); // channels off…
  out[64] = 0; // …except left 1
  out[65] = 8; // and right 1
  out.set(orders, HEADER);
  samples.forEach((_, i) => {
    view.setUint16(pointersAt + 2 * i, (instrumentsAt + INSTRUMENT * i) >> 4, true);
  });
  view.setUint16(pointersAt + 2 * samples.length, patternAt >> 4, true);

  samples.forEach((sample, i) => {
    const at = instrumentsAt + INSTRUMENT * i;
    const para = (sampleOffsets[i] ?? 0) >> 4;
    out[at] = 1; // sample
    writeAscii(out, at + 1, `${sample.name}.smp`, 12);
    out[at + 13] = para >> 16;
    view.setUint16(at + 14, para & 0xffff, true);
    view.setUint32(at + 16, sample.data.length, true);
    view.setUint32(at + 20, 0, true); // loop begin
    view.setUint32(at + 24, sample.data.length, true); // loop end
    out[at + 28] = sample.volume;
    out[at + 31] = 1; // looped, mono, 8-bit
    view.setUint32(at + 32, 8363, true); // C-4 speed
    writeAscii(out, at + 48, sample.name, 28);
    writeAscii(out, at + 76, 'SCRS', 4);
    out.set(
      Uint8Array.from(sample.data, (v) => (v + 128) & 0xff),
      sampleOffsets[i] ?? 0,
    );
  });
  out.set(pattern, patternAt);
  return out;
}
