/**
 * The export routes through their handlers: read rules (private → owner only, 404 to others;
 * shared → anyone), 409 ExportBlocked, the streamed zip and its headers, the manifest's URLs and
 * sizes, and the export file route (rendered trims, Range, HEAD, paths outside the plan).
 */
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '@/lib/auth/sessions';
import { BlobStore } from '@/lib/blobs';
import { createDataset, updateDataset } from '@/lib/datasets/datasets-store';
import { exportBlockedSchema, exportManifestSchema } from '@/lib/datasets/model';
import { closeDb, getDb } from '@/lib/db';
import { resetConfigForTests } from '@/lib/env';
import { seedClip } from '@/tests/support/dataset-seed';
import { testSignal } from '@/tests/support/export-clips';
import { makeTempDir } from '@/tests/support/temp-dir';
import { encodeWav } from '@/tests/support/wav-writer';
import { GET as fileGet, HEAD as fileHead } from './files/[...path]/route';
import { GET as manifestGet } from './manifest/route';
import { GET as zipGet } from './route';

const temp = makeTempDir('genki-export-route-');
const BASE = 'http://localhost:3000';
let alice = '';
let bob = '';
let datasetId = '';
let blockedId = '';
const clipIds: string[] = [];

beforeAll(() => {
  process.env.GENKI_DATA_DIR = temp.dir;
  resetConfigForTests();
  const db = getDb();
  alice = `genki_session=${createSession(db, { address: 'alice' }).token}`;
  bob = `genki_session=${createSession(db, { address: 'bob' }).token}`;
  const blobs = new BlobStore(temp.dir, db);
  datasetId = createDataset(db, 'alice', { name: 'Boss "Fight" <Theme> ü', description: 'Loops' }).id;
  const wav = (frames: number) => encodeWav(testSignal(frames), 48000, { bits: 16 });
  clipIds.push(
    seedClip(db, blobs, datasetId, {
      audio: wav(24000),
      fileName: 'plain.wav',
      sampleRate: 48000,
      channels: 2,
      durationSeconds: 0.5,
    }),
    seedClip(db, blobs, datasetId, {
      audio: wav(48000),
      fileName: 'trimmed.wav',
      sampleRate: 48000,
      channels: 2,
      durationSeconds: 1,
      trim: { start: 0.25, end: 0.75 },
    }),
    seedClip(db, blobs, datasetId, {
      audio: wav(12000),
      fileName: 'song.mod',
      format: 'mod',
      isRenderedModule: true,
      sampleRate: 48000,
      channels: 2,
      durationSeconds: 0.25,
    }),
    seedClip(db, blobs, datasetId, {
      audio: wav(100),
      fileName: 'junk.wav',
      sampleRate: 48000,
      channels: 2,
      durationSeconds: 100 / 48000,
      status: 'skipped',
      licence: null,
    }),
  );
  blockedId = createDataset(db, 'alice', { name: 'Blocked' }).id;
  seedClip(db, blobs, blockedId, {
    audio: wav(480),
    fileName: 'who-made-this.wav',
    sampleRate: 48000,
    channels: 2,
    durationSeconds: 0.01,
    licence: null,
  });
});
afterAll(() => {
  closeDb();
  temp.cleanup();
});

const get = (url: string, cookie?: string, headers: Record<string, string> = {}) =>
  new Request(`${BASE}${url}`, {
    headers: { host: 'localhost:3000', ...(cookie ? { cookie } : {}), ...headers },
  });
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const fileCtx = (id: string, filePath: string) => ({
  params: Promise.resolve({ id, path: filePath.split('/') }),
});

describe('export routes', () => {
  it('hide a private dataset from everyone but its owner (404, never 403)', async () => {
    for (const cookie of [undefined, bob]) {
      expect(
        (await zipGet(get(`/api/datasets/${datasetId}/export?format=audiofolder`, cookie), ctx(datasetId)))
          .status,
      ).toBe(404);
      expect(
        (await manifestGet(get(`/api/datasets/${datasetId}/export/manifest`, cookie), ctx(datasetId))).status,
      ).toBe(404);
      const file = await fileGet(
        get(`/api/datasets/${datasetId}/export/files/data/0002-trimmed.wav`, cookie),
        fileCtx(datasetId, 'data/0002-trimmed.wav'),
      );
      expect(file.status).toBe(404);
    }
    expect(
      (await zipGet(get('/api/datasets/ds_nope/export?format=audiofolder', alice), ctx('ds_nope'))).status,
    ).toBe(404);
  });

  it('streams the zip with a safe file name, and asks for a format', async () => {
    const missing = await zipGet(get(`/api/datasets/${datasetId}/export`, alice), ctx(datasetId));
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.message).toBe(
      'Choose an export format: ?format=audiofolder or ?format=audiocraft.',
    );

    const response = await zipGet(
      get(`/api/datasets/${datasetId}/export?format=audiocraft`, alice),
      ctx(datasetId),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="boss-fight-theme-u-audiocraft.zip"',
    );
    expect(response.body).toBeInstanceOf(ReadableStream);
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual([
      'README.md',
      'dataset/train/0001-plain.json',
      'dataset/train/0001-plain.wav',
      'dataset/train/0002-trimmed.json',
      'dataset/train/0002-trimmed.wav',
      'dataset/train/0003-song.json',
      'dataset/train/0003-song.wav',
      'egs/train/data.jsonl',
    ]);
    expect(JSON.parse(new TextDecoder().decode(files['dataset/train/0002-trimmed.json']))).toMatchObject({
      duration: 0.5,
      sample_rate: 48000,
    });
  });

  it('returns the manifest: clip audio URLs, export-file URLs for trims, inline metadata and card', async () => {
    const response = await manifestGet(
      get(`/api/datasets/${datasetId}/export/manifest`, alice),
      ctx(datasetId),
    );
    expect(response.status).toBe(200);
    const manifest = exportManifestSchema.parse(await response.json());
    expect(manifest.datasetName).toBe('Boss "Fight" <Theme> ü');
    expect(manifest.suggestedRepo).toBe('boss-fight-theme-u');
    expect(manifest.files.map((file) => [file.path, file.url])).toEqual([
      ['data/0001-plain.wav', `/api/clips/${clipIds[0]}/audio`],
      ['data/0002-trimmed.wav', `/api/datasets/${datasetId}/export/files/data/0002-trimmed.wav`],
      ['data/0003-song.wav', `/api/clips/${clipIds[2]}/audio`],
      ['metadata.jsonl', null],
      ['README.md', null],
    ]);
    expect(manifest.files[0]?.size).toBe(44 + 24000 * 4);
    expect(manifest.files[1]?.size).toBe(44 + 24000 * 4);
    const metadata = manifest.files[3];
    expect(metadata?.size).toBe(new TextEncoder().encode(metadata?.text ?? '').byteLength);
    expect(metadata?.text?.trim().split('\n')).toHaveLength(3);

    // The rendered trim is served with Range and HEAD, at the manifest's size.
    const url = '/api/datasets/x/export/files/data/0002-trimmed.wav';
    const whole = await fileGet(get(url, alice), fileCtx(datasetId, 'data/0002-trimmed.wav'));
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('audio/wav');
    expect((await whole.arrayBuffer()).byteLength).toBe(manifest.files[1]?.size);
    const part = await fileGet(
      get(url, alice, { range: 'bytes=0-43' }),
      fileCtx(datasetId, 'data/0002-trimmed.wav'),
    );
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-43/${manifest.files[1]?.size}`);
    expect(new TextDecoder().decode((await part.arrayBuffer()).slice(0, 4))).toBe('RIFF');
    const head = await fileHead(
      new Request(`${BASE}${url}`, { method: 'HEAD', headers: { cookie: alice } }),
      fileCtx(datasetId, 'data/0002-trimmed.wav'),
    );
    expect(head.headers.get('content-length')).toBe(String(manifest.files[1]?.size));
    for (const bad of [
      'data/../../genki.sqlite',
      'metadata.jsonl',
      'data/0004-junk.wav',
      '..%2F..%2Fetc%2Fpasswd',
    ]) {
      expect((await fileGet(get(url, alice), fileCtx(datasetId, bad))).status).toBe(404);
    }
  });

  it('lets anyone read a shared dataset’s export', async () => {
    updateDataset(getDb(), datasetId, { visibility: 'shared' });
    const response = await manifestGet(get(`/api/datasets/${datasetId}/export/manifest`), ctx(datasetId));
    expect(response.status).toBe(200);
    updateDataset(getDb(), datasetId, { visibility: 'private' });
  });

  it('answers 409 ExportBlocked while a clip has no licence', async () => {
    for (const response of [
      await zipGet(get(`/api/datasets/${blockedId}/export?format=audiofolder`, alice), ctx(blockedId)),
      await manifestGet(get(`/api/datasets/${blockedId}/export/manifest`, alice), ctx(blockedId)),
    ]) {
      expect(response.status).toBe(409);
      const body = exportBlockedSchema.parse(await response.json());
      expect(body.error.message).toBe(
        '1 clip blocks the export: 1 clip has no known licence ("who-made-this.wav"). Fix each of them (licence, caption, trim), or skip those clips.',
      );
    }
  });
});
