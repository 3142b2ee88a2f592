/**
 * A small ZIP reader over random access (a File in the worker, a buffer in tests). We read the
 * central directory ourselves rather than through fflate's unzip because (1) it needs the external
 * attributes to spot symlinks, which fflate's unzip does not expose, and (2) reading entries one
 * at a time by offset keeps a multi-gigabyte zip out of memory. fflate still does the inflating.
 * ZIP64 archives are supported; encrypted entries and methods other than store/deflate are refused.
 */
import { Inflate } from 'fflate';

export type ReadRange = (offset: number, length: number) => Promise<Uint8Array>;

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
  isDirectory: boolean;
  isSymlink: boolean;
  isEncrypted: boolean;
}

export class ZipFormatError extends Error {
  override name = 'ZipFormatError';
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;

function view(bytes: Uint8Array) {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function u64(data: DataView, offset: number): number {
  const value = data.getBigUint64(offset, true);
  if (value > BigInt(Number.MAX_SAFE_INTEGER))
    throw new ZipFormatError('The zip declares an impossible size.');
  return Number(value);
}

const utf8 = new TextDecoder('utf-8');

async function findDirectory(
  read: ReadRange,
  size: number,
): Promise<{ offset: number; count: number; length: number }> {
  const tailLength = Math.min(size, 22 + MAX_COMMENT);
  const tailStart = size - tailLength;
  const tail = await read(tailStart, tailLength);
  const data = view(tail);
  for (let i = tail.length - 22; i >= 0; i--) {
    if (data.getUint32(i, true) !== EOCD) continue;
    let count = data.getUint16(i + 10, true);
    let length = data.getUint32(i + 12, true);
    let offset = data.getUint32(i + 16, true);
    const locatorAt = tailStart + i - 20;
    if (locatorAt >= 0 && (count === 0xffff || length === 0xffffffff || offset === 0xffffffff)) {
      const locator = view(await read(locatorAt, 20));
      if (locator.getUint32(0, true) === ZIP64_LOCATOR) {
        const record = view(await read(u64(locator, 8), 56));
        if (record.getUint32(0, true) !== ZIP64_EOCD)
          throw new ZipFormatError('The zip64 directory is damaged.');
        count = u64(record, 32);
        length = u64(record, 40);
        offset = u64(record, 48);
      }
    }
    if (offset + length > size)
      throw new ZipFormatError('The zip is truncated (its directory points past the end).');
    return { offset, count, length };
  }
  throw new ZipFormatError('This is not a zip file (no end-of-directory record).');
}

/** Lists every entry of the central directory, in stored order. */
export async function readZipDirectory(read: ReadRange, size: number): Promise<ZipEntry[]> {
  const { offset, count, length } = await findDirectory(read, size);
  const bytes = await read(offset, length);
  const data = view(bytes);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || data.getUint32(at, true) !== CENTRAL) {
      throw new ZipFormatError('The zip directory is damaged.');
    }
    const madeBy = data.getUint16(at + 4, true) >> 8;
    const flags = data.getUint16(at + 8, true);
    const method = data.getUint16(at + 10, true);
    const crc32 = data.getUint32(at + 16, true);
    let compressedSize = data.getUint32(at + 20, true);
    let uncompressed = data.getUint32(at + 24, true);
    const nameLength = data.getUint16(at + 28, true);
    const extraLength = data.getUint16(at + 30, true);
    const commentLength = data.getUint16(at + 32, true);
    const external = data.getUint32(at + 38, true);
    let localHeaderOffset = data.getUint32(at + 42, true);
    const name = utf8.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    let extra = at + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = data.getUint16(extra, true);
      const fieldLength = data.getUint16(extra + 2, true);
      if (id === 0x0001) {
        // ZIP64: only the fields whose 32-bit value is saturated are present, in this order.
        let field = extra + 4;
        if (uncompressed === 0xffffffff) {
          uncompressed = u64(data, field);
          field += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(data, field);
          field += 8;
        }
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = u64(data, field);
      }
      extra += 4 + fieldLength;
    }
    const mode = external >>> 16;
    const unixHost = madeBy === 3 || madeBy === 19;
    entries.push({
      name,
      method,
      flags,
      crc32,
      compressedSize,
      size: uncompressed,
      localHeaderOffset,
      isDirectory: name.endsWith('/') || (external & 0x10) !== 0,
      isSymlink: (unixHost || mode !== 0) && (mode & 0o170000) === 0o120000,
      isEncrypted: (flags & 1) !== 0,
    });
    at = extraEnd + commentLength;
  }
  return entries;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = (CRC_TABLE[(crc ^ (bytes[i] ?? 0)) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * The bytes of one entry, checked against its declared size and CRC. Inflating stops as soon as the
 * output passes the declared size, so a zip bomb that lies about its size costs nothing.
 */
export async function readZipEntry(read: ReadRange, entry: ZipEntry): Promise<Uint8Array> {
  if (entry.isEncrypted) throw new ZipFormatError('the entry is encrypted');
  const header = view(await read(entry.localHeaderOffset, 30));
  if (header.getUint32(0, true) !== LOCAL) throw new ZipFormatError('its local header is damaged');
  const start = entry.localHeaderOffset + 30 + header.getUint16(26, true) + header.getUint16(28, true);
  const stored = await read(start, entry.compressedSize);
  if (stored.length !== entry.compressedSize) throw new ZipFormatError('the zip is truncated');
  let out: Uint8Array;
  if (entry.method === 0) out = stored;
  else if (entry.method === 8) out = inflateCapped(stored, entry.size);
  else
    throw new ZipFormatError(`it uses compression method ${entry.method} (only store and deflate are read)`);
  if (out.length !== entry.size) throw new ZipFormatError('its size does not match the zip directory');
  if (crc32(out) !== entry.crc32)
    throw new ZipFormatError('its checksum does not match (the zip is damaged)');
  return out;
}

function inflateCapped(stored: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let written = 0;
  let overflow = false;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > size) {
      overflow = true;
      return;
    }
    out.set(chunk, written);
    written += chunk.length;
  });
  const step = 1 << 20;
  for (let i = 0; i < stored.length && !overflow; i += step) {
    inflater.push(stored.subarray(i, i + step), i + step >= stored.length);
  }
  if (overflow) throw new ZipFormatError('it inflates to more than its declared size');
  return out.subarray(0, written);
}
