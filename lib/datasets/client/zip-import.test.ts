import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from './sha256';
import { scanZip } from './zip-import';
import { readZipDirectory, ZipFormatError } from './zip-reader';

const bytes = (text: string) => new TextEncoder().encode(text);
const reader = (zip: Uint8Array) => async (offset: number, length: number) =>
  zip.slice(offset, offset + length);

async function scan(zip: Uint8Array) {
  const entries: { path: string; fileName: string; sha256: string; text: string }[] = [];
  const refused: [string, string][] = [];
  const result = await scanZip(reader(zip), zip.length, {
    onEntry: (entry) =>
      entries.push({
        path: entry.path,
        fileName: entry.fileName,
        sha256: entry.sha256,
        text: new TextDecoder().decode(entry.bytes),
      }),
    onRefused: (path, reason) => refused.push([path, reason]),
    onProgress: () => undefined,
  });
  return { entries, refused, ...result };
}

describe('zip import', () => {
  it('reads audio entries (stored and deflated), hashes them and picks up metadata captions', async () => {
    const zip = zipSync({
      'album/a.wav': [bytes('RIFF-a'.repeat(100)), { level: 6 }],
      'album/b.mod': [bytes('module-b'), { level: 0 }],
      'album/metadata.jsonl': bytes(
        `${JSON.stringify({ file_name: 'a.wav', caption: 'A happy square wave tune' })}\n`,
      ),
      '__MACOSX/album/._a.wav': bytes('resource fork'),
      'album/.DS_Store': bytes('junk'),
      'album/cover.png': bytes('png'),
      'album/': new Uint8Array(0),
    });
    const result = await scan(zip);
    expect(result.entries.map((entry) => entry.path)).toEqual(['album/a.wav', 'album/b.mod']);
    expect(result.entries[0]?.text).toBe('RIFF-a'.repeat(100));
    expect(result.entries[1]?.sha256).toBe(await sha256Hex(bytes('module-b')));
    expect([...result.captions]).toEqual([['album/a.wav', 'A happy square wave tune']]);
    expect(result.skipped).toBe(4);
    expect(result.refused).toEqual([]);
  });

  it('refuses traversal, absolute, NUL and symlink entries without reading them, and keeps the rest', async () => {
    const zip = zipSync({
      '../escape.wav': bytes('x'),
      '/abs.wav': bytes('x'),
      'nul\u0000.wav': bytes('x'),
      'link.wav': [bytes('/etc/passwd'), { os: 3, attrs: 0o120777 << 16 }],
      'fine.wav': [bytes('fine'), { os: 3, attrs: 0o100644 << 16 }],
    });
    const result = await scan(zip);
    expect(result.entries.map((entry) => entry.path)).toEqual(['fine.wav']);
    expect(result.refused).toEqual([
      ['../escape.wav', 'its path climbs out with ".."'],
      ['/abs.wav', 'it has an absolute path'],
      ['nul?.wav', 'its name contains a NUL byte'],
      ['link.wav', 'it is a symbolic link'],
    ]);
  });

  it('refuses a damaged entry alone (checksum) and a zip that is not a zip as a whole', async () => {
    const zip = zipSync({
      'good.wav': [bytes('good bytes'), { level: 0 }],
      'bad.wav': [bytes('bad bytes!'), { level: 0 }],
    });
    const at = Buffer.from(zip).indexOf('bad bytes!');
    const damaged = zip.slice();
    damaged[at] = 'B'.charCodeAt(0);
    const result = await scan(damaged);
    expect(result.entries.map((entry) => entry.path)).toEqual(['good.wav']);
    expect(result.refused).toEqual([
      ['bad.wav', 'it could not be read: its checksum does not match (the zip is damaged)'],
    ]);
    await expect(scan(bytes('definitely not a zip'))).rejects.toThrow(ZipFormatError);
  });

  it('stops inflating an entry that lies about its size (zip bomb)', async () => {
    const big = new Uint8Array(1 << 20);
    const zip = zipSync({ 'bomb.wav': [big, { level: 9 }] });
    const entries = await readZipDirectory(reader(zip), zip.length);
    expect(entries[0]?.size).toBe(1 << 20);
    // Rewrite the declared size (central directory, offset 24 of the entry) to 1 KiB.
    const lying = zip.slice();
    const central = Buffer.from(lying).lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    new DataView(lying.buffer).setUint32(central + 24, 1024, true);
    const result = await scan(lying);
    expect(result.entries).toEqual([]);
    expect(result.refused[0]?.[1]).toMatch(/more than its declared size/);
  });

  it('refuses entries over the size limit from the directory alone', async () => {
    const zip = zipSync({ 'huge.wav': [new Uint8Array(1024), { level: 9 }] });
    const central = Buffer.from(zip).lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    new DataView(zip.buffer).setUint32(central + 24, 200 * 1024 * 1024, true);
    const result = await scan(zip);
    expect(result.refused).toEqual([['huge.wav', 'file too large (200 MB; the limit is 100 MB)']]);
  });
});
