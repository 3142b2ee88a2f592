/**
 * Server/CLI only (Node file system): taoverse's `get_hash_of_directory` over a folder on disk —
 * normally a snapshot of the model repo at the committed revision — and the secure hash from it.
 * The formula and walk order are in ./secure-hash.ts; this module decides what `os.walk` sees.
 *
 * `os.walk(top)` (followlinks=False) as taoverse calls it, and what we do:
 * - a symlink to a file is a file: its target's bytes are hashed (the Hub cache's snapshot folders
 *   are such symlinks, and Genki-Dama realises them before hashing: same bytes either way);
 * - a symlink to a folder is listed but never entered, so nothing under it counts: skipped, reported;
 * - a broken or looping symlink is a file Python cannot open (it raises): an error here;
 * - FIFOs, sockets and devices would block or fail in Python's open(): an error here;
 * - an unreadable sub-folder is silently skipped by os.walk (onerror=None): an error here, since a
 *   hash that quietly leaves files out is worse than none;
 * - a file name that is not UTF-8 cannot come from the Hub (its paths are UTF-8): an error here.
 */
import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  bytesToBase64,
  compareCodePoints,
  directoryHash,
  normalizeHotkey,
  SecureHashError,
  secureHash,
} from './secure-hash';

export interface HashedFile {
  /** Relative to the hashed folder, with "/" separators. */
  path: string;
  size: number;
  /** base64(sha256(bytes)): the file's term in the directory hash. */
  sha256: string;
}

export interface DirectoryHashProgress {
  path: string;
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface DirectoryHash {
  dirHash: string;
  /** In the order they were hashed (os.walk order). */
  files: HashedFile[];
  totalBytes: number;
  /** Symlinked folders os.walk lists but does not enter. */
  skippedFolderLinks: string[];
  /** Things that make the hash differ from a validator's: a `.git` folder, un-fetched LFS pointers. */
  warnings: string[];
}

interface Found {
  path: string;
  absolute: string;
  size: number;
}

const decoder = new TextDecoder('utf-8', { fatal: true });
const LFS_POINTER = new TextEncoder().encode('version https://git-lfs.github.com/spec/v1');
const CHUNK = 1 << 20;

function errno(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'error';
}

/** One folder's listing, split the way os.walk splits it (is_dir() follows symlinks). */
async function scan(absolute: string, relative: string, found: Found[], linked: string[]): Promise<void> {
  let entries: Dirent<Buffer>[];
  try {
    entries = await fs.readdir(absolute, { withFileTypes: true, encoding: 'buffer' });
  } catch (error) {
    throw new SecureHashError('unreadable', `${absolute}: cannot list the folder (${errno(error)}).`, {
      cause: error,
    });
  }
  const files: Found[] = [];
  const folders: { name: string; absolute: string }[] = [];
  for (const entry of entries) {
    let name: string;
    try {
      name = decoder.decode(entry.name);
    } catch {
      throw new SecureHashError(
        'bad_path',
        `${path.join(absolute, entry.name.toString('latin1'))}: the file name is not UTF-8, which no Hub repo can contain.`,
      );
    }
    const child = path.join(absolute, name);
    const rel = relative ? `${relative}/${name}` : name;
    let stat: Awaited<ReturnType<typeof fs.stat>>;
    try {
      stat = await fs.stat(child);
    } catch (error) {
      throw new SecureHashError(
        'unreadable',
        `${child}: ${entry.isSymbolicLink() ? 'broken symlink' : 'cannot be read'} (${errno(error)}); Python's os.walk would fail on it too.`,
        { cause: error },
      );
    }
    if (stat.isDirectory()) {
      if (entry.isSymbolicLink()) linked.push(rel);
      else folders.push({ name, absolute: child });
    } else if (stat.isFile()) {
      files.push({ path: rel, absolute: child, size: stat.size });
    } else {
      throw new SecureHashError('unreadable', `${child}: not a regular file (a FIFO, socket or device).`);
    }
  }
  files.sort((a, b) => compareCodePoints(path.posix.basename(a.path), path.posix.basename(b.path)));
  found.push(...files);
  folders.sort((a, b) => compareCodePoints(a.name, b.name));
  for (const folder of folders) {
    await scan(folder.absolute, relative ? `${relative}/${folder.name}` : folder.name, found, linked);
  }
}

async function hashFile(
  file: Found,
  onBytes: (bytes: number) => void,
): Promise<{ sha256: string; size: number; head: Uint8Array }> {
  const hash = createHash('sha256');
  const buffer = new Uint8Array(CHUNK);
  let size = 0;
  let head = new Uint8Array(0);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file.absolute, 'r');
  } catch (error) {
    throw new SecureHashError('unreadable', `${file.absolute}: cannot be opened (${errno(error)}).`, {
      cause: error,
    });
  }
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      if (size === 0) head = chunk.slice(0, LFS_POINTER.length);
      hash.update(chunk);
      size += bytesRead;
      onBytes(bytesRead);
    }
  } catch (error) {
    throw new SecureHashError('unreadable', `${file.absolute}: cannot be read (${errno(error)}).`, {
      cause: error,
    });
  } finally {
    await handle.close();
  }
  return { sha256: bytesToBase64(new Uint8Array(hash.digest())), size, head };
}

const isLfsPointer = (head: Uint8Array, size: number) =>
  size < 1024 && head.length === LFS_POINTER.length && head.every((byte, i) => byte === LFS_POINTER[i]);

/** taoverse's `get_hash_of_directory(dir)`, plus the per-file hashes and what was skipped. */
export async function hashDirectory(
  dir: string,
  options: { onProgress?: (progress: DirectoryHashProgress) => void } = {},
): Promise<DirectoryHash> {
  let stat: Awaited<ReturnType<typeof fs.stat>>;
  try {
    stat = await fs.stat(dir);
  } catch {
    throw new SecureHashError('unreadable', `${dir}: no such folder.`);
  }
  if (!stat.isDirectory()) throw new SecureHashError('unreadable', `${dir}: is not a folder.`);
  const found: Found[] = [];
  const skippedFolderLinks: string[] = [];
  await scan(path.resolve(dir), '', found, skippedFolderLinks);

  const bytesTotal = found.reduce((sum, file) => sum + file.size, 0);
  const files: HashedFile[] = [];
  const pointers: string[] = [];
  let bytesDone = 0;
  for (const file of found) {
    const hashed = await hashFile(file, (bytes) => {
      bytesDone += bytes;
      options.onProgress?.({
        path: file.path,
        filesDone: files.length,
        filesTotal: found.length,
        bytesDone,
        bytesTotal,
      });
    });
    if (isLfsPointer(hashed.head, hashed.size)) pointers.push(file.path);
    files.push({ path: file.path, size: hashed.size, sha256: hashed.sha256 });
    options.onProgress?.({
      path: file.path,
      filesDone: files.length,
      filesTotal: found.length,
      bytesDone,
      bytesTotal,
    });
  }
  const warnings: string[] = [];
  if (files.some((file) => file.path.startsWith('.git/')))
    warnings.push(
      'The folder has a .git directory, which is hashed too; validators hash a Hub snapshot, which has none.',
    );
  if (files.some((file) => file.path.startsWith('.cache/huggingface/')))
    warnings.push(
      'The folder has .cache/huggingface (a --local-dir download), which is hashed too; hash the cache snapshot folder instead.',
    );
  if (pointers.length > 0)
    warnings.push(
      `${pointers.slice(0, 3).join(', ')}${pointers.length > 3 ? ', …' : ''}: Git LFS pointer file(s), not the content; run git lfs pull or download a snapshot.`,
    );
  if (skippedFolderLinks.length > 0)
    warnings.push(`Symlinked folder(s) not walked, as os.walk does: ${skippedFolderLinks.join(', ')}.`);
  return {
    dirHash: await directoryHash(files.map((file) => file.sha256)),
    files,
    totalBytes: files.reduce((sum, file) => sum + file.size, 0),
    skippedFolderLinks,
    warnings,
  };
}

export interface DirectorySecureHash extends DirectoryHash {
  /** The hotkey as hashed: SS58 with prefix 42. */
  hotkey: string;
  secureHash: string;
}

/** The dir hash of `dir` and the secure hash binding it to `hotkey`. */
export async function secureHashOfDirectory(
  dir: string,
  hotkey: string,
  options: { onProgress?: (progress: DirectoryHashProgress) => void } = {},
): Promise<DirectorySecureHash> {
  // Checked first: a typo in the hotkey should not cost a multi-gigabyte hash.
  const address = normalizeHotkey(hotkey);
  const hashed = await hashDirectory(dir, options);
  return { ...hashed, hotkey: address, secureHash: await secureHash(hashed.dirHash, address) };
}
