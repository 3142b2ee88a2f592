import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { type ZipEntry, zipStream } from './zip-stream';

const MiB = 1024 * 1024;

/** `count` entries of `chunks` × 1 MiB each, recording how far the producer has been pulled. */
function source(
  count: number,
  chunks: number,
  pulled: { entries: number; chunks: number; finished: boolean },
) {
  return (async function* (): AsyncGenerator<ZipEntry> {
    for (let e = 0; e < count; e++) {
      pulled.entries++;
      yield {
        path: `data/${String(e).padStart(4, '0')}.wav`,
        compress: false,
        body: (async function* () {
          for (let c = 0; c < chunks; c++) {
            pulled.chunks++;
            yield new Uint8Array(MiB).fill(e + c);
          }
        })(),
      };
    }
    pulled.finished = true;
  })();
}

describe('zipStream', () => {
  it('pulls entries and chunks only as fast as the reader reads', async () => {
    const pulled = { entries: 0, chunks: 0, finished: false };
    const reader = zipStream(source(50, 4, pulled)).getReader();
    let received = 0;
    while (received < 3 * MiB) {
      const { value } = await reader.read();
      received += value?.byteLength ?? 0;
    }
    // 200 MiB are on offer; a few MiB were read, so only a few MiB were produced.
    expect(pulled.chunks).toBeLessThanOrEqual(5);
    expect(pulled.entries).toBeLessThanOrEqual(2);
    await reader.cancel();
    expect(pulled.finished).toBe(false);
  });

  it('writes a valid archive with stored audio and deflated text', async () => {
    const entries = (async function* (): AsyncGenerator<ZipEntry> {
      yield { path: 'data/a.wav', compress: false, body: new Uint8Array([1, 2, 3]) };
      yield {
        path: 'metadata.jsonl',
        compress: true,
        body: new TextEncoder().encode('{"a":1}\n'.repeat(1000)),
      };
      yield { path: 'empty.txt', compress: true, body: new Uint8Array(0) };
    })();
    const bytes = new Uint8Array(await new Response(zipStream(entries)).arrayBuffer());
    expect(bytes.byteLength).toBeLessThan(1000);
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toEqual(['data/a.wav', 'metadata.jsonl', 'empty.txt']);
    expect(files['data/a.wav']).toEqual(new Uint8Array([1, 2, 3]));
    expect(new TextDecoder().decode(files['metadata.jsonl'])).toBe('{"a":1}\n'.repeat(1000));
  });

  it('errors the stream instead of writing an unsafe name or going past the size limit', async () => {
    const unsafe = (async function* (): AsyncGenerator<ZipEntry> {
      yield { path: '../evil.sh', compress: false, body: new Uint8Array(1) };
    })();
    await expect(new Response(zipStream(unsafe)).arrayBuffer()).rejects.toThrow(/unsafe zip entry name/);
    const big = zipStream(source(3, 2, { entries: 0, chunks: 0, finished: false }), 3 * MiB);
    await expect(new Response(big).arrayBuffer()).rejects.toThrow(/larger than 3 MiB/);
  });
});
