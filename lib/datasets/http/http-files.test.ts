/** Byte ranges and Content-Disposition for user-named files. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '@/tests/support/temp-dir';
import { contentDisposition, displayFileName, withExtension } from './content-disposition';
import { blobResponse, parseRange } from './range';

const temp = makeTempDir();
afterAll(() => temp.cleanup());

describe('parseRange', () => {
  it('reads single byte ranges, open and suffix ranges, and clamps to the size', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-5000', 1000)).toEqual({ start: 0, end: 999 });
    expect(parseRange('bytes=990-2000', 1000)).toEqual({ start: 990, end: 999 });
  });

  it('is unsatisfiable past the end, and ignored when malformed or multi-range', () => {
    expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 1000)).toBe('unsatisfiable');
    expect(parseRange(null, 1000)).toBeNull();
    expect(parseRange('bytes=5-2', 1000)).toBeNull();
    expect(parseRange('bytes=0-1,5-9', 1000)).toBeNull();
    expect(parseRange('items=0-1', 1000)).toBeNull();
    expect(parseRange('bytes=-', 1000)).toBeNull();
  });
});

describe('blobResponse', () => {
  const file = path.join(temp.dir, 'blob');
  const bytes = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);
  fs.writeFileSync(file, bytes);
  const options = { file, size: 1000, mediaType: 'audio/flac', etag: 'abc', disposition: 'inline' };
  const get = (headers: Record<string, string> = {}, method = 'GET') =>
    blobResponse(new Request('http://localhost/a', { method, headers }), options);

  it('serves the whole file with Accept-Ranges, then any range as 206', async () => {
    const full = get();
    expect(full.status).toBe(200);
    expect(full.headers.get('accept-ranges')).toBe('bytes');
    expect(full.headers.get('content-type')).toBe('audio/flac');
    expect(full.headers.get('content-length')).toBe('1000');
    expect(new Uint8Array(await full.arrayBuffer())).toEqual(bytes);
    const part = get({ range: 'bytes=100-199' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(part.headers.get('content-length')).toBe('100');
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.slice(100, 200));
    const tail = get({ range: 'bytes=-10' });
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(bytes.slice(990));
  });

  it('answers 416 past the end, 304 for a matching ETag, and the whole file when If-Range does not match', async () => {
    const beyond = get({ range: 'bytes=5000-' });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe('bytes */1000');
    expect(get({ 'if-none-match': '"abc"' }).status).toBe(304);
    expect(get({ range: 'bytes=0-9', 'if-range': '"old"' }).status).toBe(200);
    expect(get({ range: 'bytes=0-9', 'if-range': '"abc"' }).status).toBe(206);
    const head = get({ range: 'bytes=0-9' }, 'HEAD');
    expect(head.status).toBe(206);
    expect(head.body).toBeNull();
  });
});

describe('contentDisposition', () => {
  it('keeps plain names as they are', () => {
    expect(contentDisposition('attachment', 'battle-theme.mod')).toBe(
      `attachment; filename="battle-theme.mod"; filename*=UTF-8''battle-theme.mod`,
    );
  });

  it('neutralises hostile names: quotes, newlines, paths, markup and unicode', () => {
    const hostile = [
      '../../etc/passwd',
      '..\\..\\boot.ini',
      'a"; filename="evil.exe',
      'line\r\nSet-Cookie: x=1.wav',
      '<script>alert(1)</script>.wav',
      'チップチューン ☃.ogg',
      '...',
      '\u0000\u0007',
    ];
    for (const name of hostile) {
      const header = contentDisposition('attachment', name);
      // One header line of printable ASCII, with exactly the two parameters.
      expect(header).toMatch(
        /^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9!#$&+\-.^_`|~%]+$/,
      );
      expect(header).not.toMatch(/[\r\n]/);
      const ascii = /filename="([^"]*)"/.exec(header)?.[1] ?? '';
      expect(ascii).not.toMatch(/[/\\"]/);
      expect(ascii.startsWith('.')).toBe(false);
      const encoded = /filename\*=UTF-8''(.+)$/.exec(header)?.[1] ?? '';
      expect(decodeURIComponent(encoded)).not.toMatch(/[/\\\r\n]/);
    }
    expect(contentDisposition('attachment', '../../etc/passwd')).toBe(
      `attachment; filename="passwd"; filename*=UTF-8''passwd`,
    );
    expect(contentDisposition('inline', 'a"; filename="evil.exe')).toBe(
      `inline; filename="a_; filename=_evil.exe"; filename*=UTF-8''a%22%3B%20filename%3D%22evil.exe`,
    );
    expect(contentDisposition('attachment', 'チップチューン ☃.ogg')).toBe(
      `attachment; filename="_______ _.ogg"; filename*=UTF-8''%E3%83%81%E3%83%83%E3%83%97%E3%83%81%E3%83%A5%E3%83%BC%E3%83%B3%20%E2%98%83.ogg`,
    );
    expect(contentDisposition('attachment', '...')).toBe(
      `attachment; filename="clip"; filename*=UTF-8''clip`,
    );
  });

  it('renames a rendered module to .wav and strips paths from display names', () => {
    expect(withExtension('songs/tune.mod', 'wav')).toBe('tune.wav');
    expect(withExtension('README', 'wav')).toBe('README.wav');
    expect(displayFileName('a/b\\c.xm')).toBe('c.xm');
  });
});
