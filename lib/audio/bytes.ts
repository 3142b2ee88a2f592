/** Small byte helpers shared by the container parsers (no Buffer: this code also runs in workers). */

/** True when `bytes` holds the ASCII text `text` at `offset`. */
export function hasAscii(bytes: Uint8Array, offset: number, text: string): boolean {
  if (offset < 0 || offset + text.length > bytes.length) return false;
  for (let i = 0; i < text.length; i++) {
    if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  }
  return true;
}

/** Latin-1 text of `length` bytes at `offset` (clamped to the buffer). */
export function ascii(bytes: Uint8Array, offset: number, length: number): string {
  let out = '';
  const end = Math.min(bytes.length, offset + length);
  for (let i = Math.max(0, offset); i < end; i++) out += String.fromCharCode(bytes[i] ?? 0);
  return out;
}

/** A printable rendering of a 4-byte tag for error messages ("RIFF", "\x00\x01…" → "0x0001…"). */
export function showTag(bytes: Uint8Array, offset: number, length = 4): string {
  const text = ascii(bytes, offset, length);
  if (/^[\x20-\x7e]+$/.test(text)) return `"${text}"`;
  let hex = '0x';
  for (let i = offset; i < Math.min(bytes.length, offset + length); i++) {
    hex += (bytes[i] ?? 0).toString(16).padStart(2, '0');
  }
  return hex;
}

export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Byte `offset` of `bytes`, or 0 past the end (callers check lengths where it matters). */
export function byteAt(bytes: Uint8Array, offset: number): number {
  return bytes[offset] ?? 0;
}

/** Lower-cased extension of a file name without the dot ("song.MOD" → "mod"), or "". */
export function extensionOf(fileName: string | undefined): string {
  if (!fileName) return '';
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}
