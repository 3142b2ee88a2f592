/**
 * A deliberately flexible WAV encoder for tests: every PCM/float depth, WAVE_FORMAT_EXTENSIBLE,
 * RIFX (big-endian), RF64, extra chunks with odd sizes (with or without the pad byte), and headers
 * that lie about sizes — the cases lib/audio/wav.ts must read (or reject) correctly.
 */

export type WavEncoding = 'pcm' | 'float';

export interface WavOptions {
  encoding?: WavEncoding;
  /** 8, 16, 24, 32 for PCM; 32 or 64 for float. */
  bits?: number;
  /** Write WAVE_FORMAT_EXTENSIBLE (with this many valid bits, default = bits). */
  extensible?: boolean;
  validBits?: number;
  container?: 'RIFF' | 'RIFX' | 'RF64';
  /** Chunks written before fmt, between fmt and data, and after data. */
  before?: { id: string; data: Uint8Array }[];
  between?: { id: string; data: Uint8Array }[];
  after?: { id: string; data: Uint8Array }[];
  /** Omit RIFF's pad byte after odd-sized extra chunks (a common writer bug). */
  omitPadByte?: boolean;
  /** Write this in the data chunk's size field instead of the true size. */
  dataSizeField?: number;
  /** Put the data chunk before the fmt chunk. */
  dataFirst?: boolean;
}

/** Quantises a float sample the way the encoder stores it (for expected values in tests). */
export function quantise(value: number, encoding: WavEncoding, bits: number): number {
  if (encoding === 'float') return bits === 32 ? Math.fround(value) : value;
  const scale = 2 ** (bits - 1);
  const int = Math.max(-scale, Math.min(scale - 1, Math.round(value * scale)));
  return int / scale;
}

function chunk(id: string, body: Uint8Array, littleEndian: boolean, omitPad: boolean): Uint8Array {
  const pad = body.length & 1 && !omitPad ? 1 : 0;
  const out = new Uint8Array(8 + body.length + pad);
  for (let i = 0; i < 4; i++) out[i] = id.charCodeAt(i);
  new DataView(out.buffer).setUint32(4, body.length, littleEndian);
  out.set(body, 8);
  return out;
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

export function encodeWav(
  channels: Float32Array[],
  sampleRate: number,
  options: WavOptions = {},
): Uint8Array {
  const encoding = options.encoding ?? 'pcm';
  const bits = options.bits ?? 16;
  const container = options.container ?? 'RIFF';
  const le = container !== 'RIFX';
  const count = channels.length;
  const frames = channels[0]?.length ?? 0;
  const bytesPerSample = bits / 8;

  const fmt = new Uint8Array(options.extensible ? 40 : 16);
  const f = new DataView(fmt.buffer);
  const tag = encoding === 'float' ? 3 : 1;
  f.setUint16(0, options.extensible ? 0xfffe : tag, le);
  f.setUint16(2, count, le);
  f.setUint32(4, sampleRate, le);
  f.setUint32(8, sampleRate * count * bytesPerSample, le);
  f.setUint16(12, count * bytesPerSample, le);
  f.setUint16(14, bits, le);
  if (options.extensible) {
    f.setUint16(16, 22, le);
    f.setUint16(18, options.validBits ?? bits, le);
    f.setUint32(20, count === 2 ? 3 : 0, le);
    f.setUint16(24, tag, le);
    fmt.set([0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71], 26);
  }

  const data = new Uint8Array(frames * count * bytesPerSample);
  const d = new DataView(data.buffer);
  let at = 0;
  for (let i = 0; i < frames; i++) {
    for (const channel of channels) {
      const value = channel[i] ?? 0;
      if (encoding === 'float') {
        if (bits === 32) d.setFloat32(at, value, le);
        else d.setFloat64(at, value, le);
      } else {
        const int = Math.round(quantise(value, 'pcm', bits) * 2 ** (bits - 1));
        if (bits === 8) d.setUint8(at, int + 128);
        else if (bits === 16) d.setInt16(at, int, le);
        else if (bits === 24) {
          const u = int & 0xffffff;
          const bytes = [u & 0xff, (u >> 8) & 0xff, (u >> 16) & 0xff];
          data.set(le ? bytes : bytes.reverse(), at);
        } else d.setInt32(at, int, le);
      }
      at += bytesPerSample;
    }
  }

  const extra = (list: { id: string; data: Uint8Array }[] | undefined) =>
    (list ?? []).map((c) => chunk(c.id, c.data, le, options.omitPadByte ?? false));
  const dataChunk = chunk('data', data, le, false);
  if (options.dataSizeField !== undefined)
    new DataView(dataChunk.buffer).setUint32(4, options.dataSizeField, le);
  if (container === 'RF64') new DataView(dataChunk.buffer).setUint32(4, 0xffffffff, true);
  const fmtChunk = chunk('fmt ', fmt, le, false);
  const body = options.dataFirst
    ? [...extra(options.before), dataChunk, ...extra(options.between), fmtChunk, ...extra(options.after)]
    : [...extra(options.before), fmtChunk, ...extra(options.between), dataChunk, ...extra(options.after)];

  let ds64: Uint8Array[] = [];
  if (container === 'RF64') {
    const body64 = new Uint8Array(28);
    const v = new DataView(body64.buffer);
    const total = 4 + 36 + body.reduce((sum, part) => sum + part.length, 0);
    v.setBigUint64(0, BigInt(total), true);
    v.setBigUint64(8, BigInt(data.length), true);
    v.setBigUint64(16, BigInt(frames), true);
    ds64 = [chunk('ds64', body64, true, false)];
  }
  const riffBody = concat([...ds64, ...body]);
  const head = new Uint8Array(12);
  const h = new DataView(head.buffer);
  for (let i = 0; i < 4; i++) head[i] = container.charCodeAt(i);
  h.setUint32(4, container === 'RF64' ? 0xffffffff : 4 + riffBody.length, le);
  head.set([0x57, 0x41, 0x56, 0x45], 8); // WAVE
  return concat([head, riffBody]);
}
