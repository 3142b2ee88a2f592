/**
 * A tiny valid FastTracker II module (.xm) of our own: 2 channels, 2 instruments with one looping
 * 8-bit sample each (square and triangle), one 32-row pattern with notes, volume-column values,
 * arpeggio and key-off. Speed 3 at 125 BPM: 32 rows × 60 ms = 1.92 s per pass.
 */

function writeAscii(out: Uint8Array, offset: number, text: string, length: number): void {
  for (let i = 0; i < length; i++) out[offset + i] = i < text.length ? text.charCodeAt(i) : 0;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function header(title: string, patterns: number, instruments: number, order: number[]): Uint8Array {
  const out = new Uint8Array(60 + 276);
  const view = new DataView(out.buffer);
  writeAscii(out, 0, 'Extended Module: ', 17);
  writeAscii(out, 17, title, 20);
  out[37] = 0x1a;
  writeAscii(out, 38, 'genki test writer', 20);
  view.setUint16(58, 0x0104, true);
  view.setUint32(60, 276, true); // header size, counted from this field
  view.setUint16(64, order.length, true);
  view.setUint16(66, 0, true); // restart position
  view.setUint16(68, 2, true); // channels
  view.setUint16(70, patterns, true);
  view.setUint16(72, instruments, true);
  view.setUint16(74, 1, true); // linear frequency table
  view.setUint16(76, 3, true); // speed (ticks per row)
  view.setUint16(78, 125, true); // BPM
  out.set(order, 80);
  return out;
}

/** Cells: [note (1 = C-0 … 96, 97 = key off, 0 = none), instrument, volume column, effect, param]. */
function pattern(rows: number[][][]): Uint8Array {
  const data = new Uint8Array(rows.length * 2 * 5);
  let at = 0;
  for (const row of rows) {
    for (const cell of row) {
      data.set(cell, at); // unpacked form: the first byte's high bit is clear
      at += 5;
    }
  }
  const head = new Uint8Array(9);
  const view = new DataView(head.buffer);
  view.setUint32(0, 9, true);
  head[4] = 0; // packing type
  view.setUint16(5, rows.length, true);
  view.setUint16(7, data.length, true);
  return concat([head, data]);
}

function instrument(name: string, sample: Int8Array, volume: number): Uint8Array {
  const head = new Uint8Array(263);
  const view = new DataView(head.buffer);
  view.setUint32(0, 263, true);
  writeAscii(head, 4, name, 22);
  view.setUint16(27, 1, true); // one sample
  view.setUint32(29, 40, true); // sample header size
  // Keymap, envelopes, vibrato, fade-out: all zero (sample 0 everywhere, no envelopes).
  const sampleHeader = new Uint8Array(40);
  const s = new DataView(sampleHeader.buffer);
  s.setUint32(0, sample.length, true);
  s.setUint32(4, 0, true); // loop start
  s.setUint32(8, sample.length, true); // loop length
  sampleHeader[12] = volume;
  sampleHeader[14] = 1; // forward loop, 8-bit
  sampleHeader[15] = 128; // centre panning
  writeAscii(sampleHeader, 18, name, 22);
  // XM stores samples as deltas.
  const deltas = new Uint8Array(sample.length);
  let previous = 0;
  for (let i = 0; i < sample.length; i++) {
    const value = sample[i] ?? 0;
    deltas[i] = (value - previous) & 0xff;
    previous = value;
  }
  return concat([head, sampleHeader, deltas]);
}

export function buildXm(title = 'genki xm tune'): Uint8Array {
  const square = Int8Array.from({ length: 32 }, (_, i) => (i < 16 ? 90 : -90));
  const triangle = Int8Array.from({ length: 32 }, (_, i) =>
    Math.round(120 * (1 - 4 * Math.abs(i / 32 - 0.5))),
  );
  const melody = [49, 53, 56, 61, 56, 53, 51, 54];
  const rows = Array.from({ length: 32 }, (_, row) => {
    const lead =
      row % 4 === 0
        ? [melody[row / 4] ?? 49, 1, 0x30, row % 8 === 4 ? 0x0 : 0, row % 8 === 4 ? 0x37 : 0]
        : [0, 0, 0, 0, 0];
    const bass =
      row % 8 === 0
        ? [25 + (row / 8) * 2, 2, 0x50, 0, 0]
        : row % 8 === 6
          ? [97, 0, 0, 0, 0]
          : [0, 0, 0, 0, 0];
    return [lead, bass];
  });
  return concat([
    header(title, 1, 2, [0, 0]),
    pattern(rows),
    instrument('square', square, 48),
    instrument('triangle', triangle, 64),
  ]);
}
