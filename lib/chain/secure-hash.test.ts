import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runReference } from '@/tests/support/python';
import { makeTempDir } from '@/tests/support/temp-dir';
import {
  bytesToBase64,
  compareCodePoints,
  directoryHash,
  EMPTY_DIRECTORY_HASH,
  normalizeHotkey,
  SecureHashError,
  secureHash,
  sha256Base64,
  sha256HexToBase64,
  sortInWalkOrder,
} from './secure-hash';
import { hashDirectory, secureHashOfDirectory } from './secure-hash-node';

/** //Alice, a public development key; the same key with Polkadot's prefix 0. */
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const ALICE_PREFIX_0 = '15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5';
const temp = makeTempDir('genki-secure-hash-');
afterAll(() => temp.cleanup());

function writeTree(root: string, files: Record<string, string | Uint8Array>) {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return root;
}

function python(dir: string, hotkey = ALICE) {
  return JSON.parse(runReference('taoverse_hash.py', ['hash', dir, hotkey])) as {
    dir_hash: string;
    secure_hash: string;
    files: string[];
  };
}

const weights = new Uint8Array(300_000).map((_, i) => (i * 31 + (i >> 8)) & 0xff);
const model = writeTree(path.join(temp.dir, 'model'), {
  '.gitattributes': '*.bin filter=lfs diff=lfs merge=lfs -text\n',
  'README.md': '# Ruby\n',
  'state_dict.bin': weights,
  'compression_state_dict.bin': weights.subarray(1000),
  'empty.txt': '',
  'a.txt': 'file a.txt sorts before folder a\n',
  'a/z.txt': 'z',
  'a/b/deep.json': '{"deep":true}',
  'a/b/.hidden': 'dot file',
  'a-b/x': 'folder names compare alone: "a" < "a-b"',
  'B/upper.txt': 'uppercase sorts before lowercase',
  '.config/settings.json': '{}',
  'model.v2.bin': 'dotted name',
  '..dots': 'a name starting with two dots',
  'ünïcode/曲.bin': 'unicode folder and file',
  '\uFF21.txt': 'fullwidth A (U+FF21) sorts before U+1F600 by code point, after it by UTF-16 unit',
  '\u{1F600}.txt': 'emoji',
});
fs.mkdirSync(path.join(model, 'void', 'deeper'), { recursive: true });

describe('secure hash primitives', () => {
  it('encodes like Python base64 and hashlib', async () => {
    for (const length of [0, 1, 2, 3, 31, 32, 33]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 97 + 13) & 0xff);
      expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      expect(await sha256Base64(bytes)).toBe(createHash('sha256').update(bytes).digest('base64'));
    }
    const hex = createHash('sha256').update('lfs').digest('hex');
    expect(sha256HexToBase64(hex)).toBe(Buffer.from(hex, 'hex').toString('base64'));
    expect(() => sha256HexToBase64('abc')).toThrowError(SecureHashError);
    expect(await directoryHash([])).toBe(EMPTY_DIRECTORY_HASH);
    await expect(directoryHash(['not a hash'])).rejects.toThrowError(/not a base64 SHA-256/);
  });

  it('orders names by code point, as Python sorts str', () => {
    const names = ['\u{1F600}', '\uFF21', 'b', 'B', '_', '.x', 'a'];
    expect([...names].sort(compareCodePoints)).toEqual(['.x', 'B', '_', 'a', 'b', '\uFF21', '\u{1F600}']);
    expect([...names].sort()).not.toEqual([...names].sort(compareCodePoints));
  });

  it('puts a folder files before its sub-folders, depth first', () => {
    const order = sortInWalkOrder(
      ['z/a', 'b', 'a/c/d', 'a/b', 'a/c/a', '.g', 'y'].map((p) => ({ path: p })),
    ).map((entry) => entry.path);
    expect(order).toEqual(['.g', 'b', 'y', 'a/b', 'a/c/a', 'a/c/d', 'z/a']);
    expect(() => sortInWalkOrder([{ path: 'a' }, { path: 'a/b' }])).toThrowError(/both a file and a folder/);
    expect(() => sortInWalkOrder([{ path: 'a' }, { path: 'a' }])).toThrowError(/twice/);
    for (const bad of ['', '/abs', 'a//b', 'a/../b', './a'])
      expect(() => sortInWalkOrder([{ path: bad }])).toThrowError(SecureHashError);
  });

  it('binds the directory hash to the hotkey as validators spell it (prefix 42)', async () => {
    const dirHash = await sha256Base64(new TextEncoder().encode('model'));
    const expected = createHash('sha256').update(`${dirHash}${ALICE}`, 'utf8').digest('base64');
    expect(await secureHash(dirHash, ALICE)).toBe(expected);
    expect(normalizeHotkey(ALICE_PREFIX_0)).toBe(ALICE);
    expect(await secureHash(dirHash, ALICE_PREFIX_0)).toBe(expected);
    const seed = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk';
    const error = await secureHash(dirHash, seed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecureHashError);
    expect((error as SecureHashError).code).toBe('bad_hotkey');
    expect((error as Error).message).not.toContain('bottom');
    await expect(secureHash('short', ALICE)).rejects.toThrowError(/directory hash/);
  });
});

describe('hashDirectory matches taoverse get_hash_of_directory (Python reference)', () => {
  it('on nested folders, hidden, dotted, empty and unicode names', async () => {
    const reference = python(model);
    const ours = await secureHashOfDirectory(model, ALICE);
    expect(ours.files.map((file) => file.path)).toEqual(reference.files);
    expect(ours.dirHash).toBe(reference.dir_hash);
    expect(ours.secureHash).toBe(reference.secure_hash);
    expect(ours.hotkey).toBe(ALICE);
    expect(reference.files.slice(0, 4)).toEqual(['..dots', '.gitattributes', 'README.md', 'a.txt']);
    expect(reference.files.indexOf('\uFF21.txt')).toBeLessThan(reference.files.indexOf('\u{1F600}.txt'));
    expect(ours.files.find((file) => file.path === 'empty.txt')).toMatchObject({
      size: 0,
      sha256: EMPTY_DIRECTORY_HASH,
    });
    expect(ours.totalBytes).toBe(ours.files.reduce((sum, file) => sum + file.size, 0));
    expect(ours.warnings).toEqual([]);
  });

  it('on an empty folder and on a folder holding only empty folders', async () => {
    const empty = path.join(temp.dir, 'empty');
    fs.mkdirSync(path.join(empty, 'only', 'folders'), { recursive: true });
    expect((await hashDirectory(empty)).dirHash).toBe(EMPTY_DIRECTORY_HASH);
    expect(python(empty).dir_hash).toBe(EMPTY_DIRECTORY_HASH);
  });

  it('follows file symlinks, lists but never enters folder symlinks, as os.walk does', async () => {
    const linked = writeTree(path.join(temp.dir, 'linked'), { 'real/file.txt': 'real', 'top.txt': 'top' });
    fs.symlinkSync(path.join(linked, 'real', 'file.txt'), path.join(linked, 'alias.txt'));
    fs.symlinkSync(path.join(linked, 'real'), path.join(linked, 'folder-link'));
    const reference = python(linked);
    const ours = await hashDirectory(linked);
    expect(reference.files).toEqual(['alias.txt', 'top.txt', 'real/file.txt']);
    expect(ours.files.map((file) => file.path)).toEqual(reference.files);
    expect(ours.dirHash).toBe(reference.dir_hash);
    expect(ours.skippedFolderLinks).toEqual(['folder-link']);
    expect(ours.warnings.join(' ')).toMatch(/folder-link/);
  });

  it('refuses broken symlinks, FIFOs and missing folders with one clear sentence', async () => {
    const broken = writeTree(path.join(temp.dir, 'broken'), { 'ok.txt': 'ok' });
    fs.symlinkSync(path.join(broken, 'nowhere'), path.join(broken, 'dangling'));
    await expect(hashDirectory(broken)).rejects.toThrowError(/dangling: broken symlink/);
    expect(() => python(broken)).toThrowError(/FileNotFoundError/);
    const special = writeTree(path.join(temp.dir, 'special'), { 'ok.txt': 'ok' });
    execFileSync('mkfifo', [path.join(special, 'pipe')]);
    // Python's open() would block on the FIFO forever; we refuse it instead.
    await expect(hashDirectory(special)).rejects.toThrowError(/pipe: not a regular file/);
    await expect(hashDirectory(path.join(temp.dir, 'absent'))).rejects.toThrowError(/no such folder/);
    await expect(hashDirectory(path.join(broken, 'ok.txt'))).rejects.toThrowError(/is not a folder/);
  });

  it('warns when the folder is a git clone rather than a Hub snapshot', async () => {
    const clone = writeTree(path.join(temp.dir, 'clone'), {
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.cache/huggingface/download/state_dict.bin.metadata': 'abc\n',
      'state_dict.bin': 'version https://git-lfs.github.com/spec/v1\noid sha256:00\nsize 1\n',
    });
    const { warnings } = await hashDirectory(clone);
    expect(warnings.join(' ')).toMatch(
      /\.git directory.*\.cache\/huggingface.*state_dict\.bin: Git LFS pointer/s,
    );
  });

  it('reports progress in files and bytes', async () => {
    const seen: { filesDone: number; bytesDone: number; bytesTotal: number }[] = [];
    const result = await hashDirectory(model, { onProgress: (progress) => seen.push(progress) });
    const last = seen.at(-1);
    expect(last).toMatchObject({
      filesDone: result.files.length,
      bytesDone: result.totalBytes,
      bytesTotal: result.totalBytes,
    });
    expect(seen.every((p, i) => i === 0 || p.bytesDone >= (seen[i - 1]?.bytesDone ?? 0))).toBe(true);
  });
});
