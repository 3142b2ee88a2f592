/**
 * NumPy `.npy` (format 1.0/2.0/3.0) reading and writing for float32/float64 arrays: the exchange
 * format of the CLI (`genki features`, `genki embed`, `genki fad`) and of the Python references.
 */
export type NpyDtype = '<f4' | '<f8';

export interface NpyArray {
  dtype: NpyDtype;
  shape: number[];
  data: Float32Array | Float64Array;
}

export class NpyError extends Error {
  override name = 'NpyError';
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

export function writeNpy(data: Float32Array | Float64Array, shape: readonly number[]): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length)
    throw new NpyError(`Shape [${shape.join(', ')}] needs ${count} values, got ${data.length}.`);
  const dtype: NpyDtype = data instanceof Float32Array ? '<f4' : '<f8';
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${dtype}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  // Version 1.0: 10-byte preamble; header padded with spaces and a newline to a multiple of 64.
  const unpadded = 10 + header.length + 1;
  header += `${' '.repeat((64 - (unpadded % 64)) % 64)}\n`;
  const headerBytes = new TextEncoder().encode(header);
  const out = new Uint8Array(10 + headerBytes.length + data.byteLength);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, headerBytes.length, true);
  out.set(headerBytes, 10);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + headerBytes.length);
  return out;
}

export function readNpy(bytes: Uint8Array): NpyArray {
  if (bytes.length < 10 || MAGIC.some((value, index) => bytes[index] !== value)) {
    throw new NpyError('Not a NumPy .npy file (bad magic bytes).');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6];
  let headerLength: number;
  let offset: number;
  if (major === 1) {
    headerLength = view.getUint16(8, true);
    offset = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw new NpyError('Truncated .npy header.');
    headerLength = view.getUint32(8, true);
    offset = 12;
  } else {
    throw new NpyError(`Unsupported .npy format version ${major}.`);
  }
  if (offset + headerLength > bytes.length) throw new NpyError('Truncated .npy header.');
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(
    bytes.subarray(offset, offset + headerLength),
  );
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || !fortran || shapeText === undefined) throw new NpyError('Malformed .npy header.');
  if (descr !== '<f4' && descr !== '<f8') {
    throw new NpyError(`Unsupported .npy dtype ${descr}: use little-endian float32 or float64.`);
  }
  if (fortran === 'True')
    throw new NpyError('Fortran-ordered .npy arrays are not supported; save with C order.');
  const shape = shapeText
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const value = Number(part.replace(/L$/, ''));
      if (!Number.isSafeInteger(value) || value < 0) throw new NpyError(`Bad .npy shape entry "${part}".`);
      return value;
    });
  const count = shape.reduce((a, b) => a * b, 1);
  const start = offset + headerLength;
  const itemSize = descr === '<f4' ? 4 : 8;
  if (bytes.length - start !== count * itemSize) {
    throw new NpyError(
      `The .npy data is ${bytes.length - start} bytes; shape [${shape.join(', ')}] of ${descr} needs ${count * itemSize}.`,
    );
  }
  // Copy so the result is aligned and owns its memory, whatever the input buffer's offset.
  // (A Node Buffer's slice() is a view into a shared pool, so copy through the Uint8Array constructor.)
  const raw = new Uint8Array(bytes.subarray(start, start + count * itemSize)).buffer;
  const data = descr === '<f4' ? new Float32Array(raw) : new Float64Array(raw);
  return { dtype: descr, shape, data };
}
