/**
 * The hash that binds a Genki-Dama commitment to the model files and to the miner's hotkey, exactly
 * as taoverse computes it (macrocosm-os/taoverse src/taoverse/model/storage/disk/utils.py
 * `get_hash_of_file` / `get_hash_of_directory`, src/taoverse/model/utils.py `get_hash_of_two_strings`):
 *
 *   file_hash   = base64(sha256(file bytes))                           44 ASCII characters
 *   dir_hash    = base64(sha256(file_hash₁ ‖ file_hash₂ ‖ …))           the base64 *strings*, in walk order
 *   secure_hash = base64(sha256(utf8(dir_hash + hotkey_ss58)))
 *
 * Walk order is Python's `os.walk(top)` with `dirnames.sort()` and `sorted(filenames)`: top-down,
 * depth first, a folder's files (sorted) before its sub-folders (sorted, each walked in full).
 * Python sorts `str` by code point, which differs from JavaScript's UTF-16 order for characters
 * beyond U+FFFF, hence `compareCodePoints`. Every file counts: hidden ones (`.gitattributes`),
 * empty ones (their hash is that of zero bytes); empty folders add nothing. Base64 is the standard
 * alphabet with padding (`base64.b64encode`). Pure: Web Crypto only, so it runs in the browser.
 */
import { z } from 'zod';
import { toSubstrateAddress } from '../auth/address';
import { isSha256Base64 } from './commitment-codec';

export type SecureHashErrorCode =
  /** Not an SS58 address of a 32-byte key. */
  | 'bad_hotkey'
  /** A dir or file hash that is not base64 SHA-256. */
  | 'bad_hash'
  /** A path os.walk could not produce (absolute, `..`, a file listed twice, not UTF-8). */
  | 'bad_path'
  /** A repo id or commit that cannot be committed (lib/chain/commitment-codec.ts rules). */
  | 'bad_input'
  /** Missing folder, unreadable file, broken symlink, FIFO. */
  | 'unreadable';

export class SecureHashError extends Error {
  override name = 'SecureHashError';
  constructor(
    readonly code: SecureHashErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** dir_hash of a folder with no files: base64(sha256("")). */
export const EMPTY_DIRECTORY_HASH = '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';

export const repoHashSchema = z.object({
  dir_hash: z.string().refine(isSha256Base64, 'dir_hash must be the base64 of a SHA-256 digest'),
  secure_hash: z.string().refine(isSha256Base64, 'secure_hash must be the base64 of a SHA-256 digest'),
});
export type RepoHashJson = z.infer<typeof repoHashSchema>;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The file hash of an LFS file, from the SHA-256 the Hub lists for it (`lfs.oid`, hex). */
export function sha256HexToBase64(hex: string): string {
  if (!/^[0-9a-f]{64}$/.test(hex))
    throw new SecureHashError('bad_hash', `${JSON.stringify(hex)} is not a SHA-256 in hex.`);
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytesToBase64(bytes);
}

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  // A fresh ArrayBuffer-backed copy: Web Crypto refuses views of SharedArrayBuffers.
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));
}

/** base64(sha256(bytes)): taoverse's `get_hash_of_file` for bytes in memory. */
export async function sha256Base64(bytes: Uint8Array): Promise<string> {
  return bytesToBase64(await sha256(bytes));
}

/** Python's `str` ordering: by Unicode code point (not UTF-16 code unit). */
export function compareCodePoints(a: string, b: string): number {
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const x = left.next();
    const y = right.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    const cx = x.value.codePointAt(0) ?? 0;
    const cy = y.value.codePointAt(0) ?? 0;
    if (cx !== cy) return cx - cy;
  }
}

interface Folder<T> {
  files: Map<string, T>;
  folders: Map<string, Folder<T>>;
}

/** Splits a repo-relative POSIX path, refusing anything os.walk could never produce. */
export function splitRepoPath(path: string): string[] {
  const segments = path.split('/');
  if (path.length === 0 || segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\0'))) {
    throw new SecureHashError(
      'bad_path',
      `${JSON.stringify(path.slice(0, 200))} is not a relative file path.`,
    );
  }
  return segments;
}

/**
 * Puts files (given by repo-relative POSIX paths) in the order `os.walk` with sorted names visits
 * them. A path listed twice, or used both as a file and as a folder, is an error.
 */
export function sortInWalkOrder<T extends { path: string }>(entries: readonly T[]): T[] {
  const root: Folder<T> = { files: new Map(), folders: new Map() };
  for (const entry of entries) {
    const segments = splitRepoPath(entry.path);
    const fileName = segments.pop() ?? '';
    let folder = root;
    for (const segment of segments) {
      if (folder.files.has(segment)) throw conflict(entry.path);
      let next = folder.folders.get(segment);
      if (!next) {
        next = { files: new Map(), folders: new Map() };
        folder.folders.set(segment, next);
      }
      folder = next;
    }
    if (folder.files.has(fileName) || folder.folders.has(fileName)) throw conflict(entry.path);
    folder.files.set(fileName, entry);
  }
  const out: T[] = [];
  const visit = (folder: Folder<T>) => {
    for (const name of [...folder.files.keys()].sort(compareCodePoints)) {
      const entry = folder.files.get(name);
      if (entry) out.push(entry);
    }
    for (const name of [...folder.folders.keys()].sort(compareCodePoints)) {
      const child = folder.folders.get(name);
      if (child) visit(child);
    }
  };
  visit(root);
  return out;
}

function conflict(path: string): SecureHashError {
  return new SecureHashError(
    'bad_path',
    `${JSON.stringify(path)} appears twice, or as both a file and a folder.`,
  );
}

/** dir_hash from the file hashes, already in walk order (taoverse `get_hash_of_directory`). */
export async function directoryHash(fileHashesInWalkOrder: readonly string[]): Promise<string> {
  for (const hash of fileHashesInWalkOrder) {
    if (!isSha256Base64(hash))
      throw new SecureHashError('bad_hash', `${JSON.stringify(hash)} is not a base64 SHA-256 file hash.`);
  }
  return sha256Base64(new TextEncoder().encode(fileHashesInWalkOrder.join('')));
}

/**
 * The hotkey as validators spell it: SS58 with Bittensor's prefix 42 (they take it from the
 * metagraph). Another prefix of the same key is re-encoded, since it would hash differently.
 * The rejected value is never echoed: people paste seeds and mnemonics into the wrong field.
 */
export function normalizeHotkey(hotkey: string): string {
  const address = toSubstrateAddress(hotkey.trim());
  if (!address) {
    throw new SecureHashError(
      'bad_hotkey',
      'The hotkey is not an SS58 address of a 32-byte key (the value is not shown; give the public address, never a seed).',
    );
  }
  return address;
}

/** secure_hash = base64(sha256(dir_hash + hotkey)) (taoverse `get_hash_of_two_strings`). */
export async function secureHash(dirHash: string, hotkey: string): Promise<string> {
  if (!isSha256Base64(dirHash))
    throw new SecureHashError(
      'bad_hash',
      `${JSON.stringify(dirHash)} is not a base64 SHA-256 directory hash.`,
    );
  return sha256Base64(new TextEncoder().encode(dirHash + normalizeHotkey(hotkey)));
}
