/**
 * Both export layouts end to end through the streamed zip: file layout, metadata rows, audiocraft
 * JSON, WAV trims that keep the samples, compressed input decoded and re-encoded, tracker clips,
 * hostile names, and an archive that independent readers (fflate, Python's zipfile) accept.
 */
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAudioFiles } from '../../../tests/support/audio-fixtures';
import { makeClip, testSignal, testStorage, wavClip } from '../../../tests/support/export-clips';
import { runReference } from '../../../tests/support/python';
import { makeTempDir } from '../../../tests/support/temp-dir';
import { decodeAudio } from '../../audio/decode';
import { decodeWav } from '../../audio/wav';
import { exportZip } from './export-zip';
import type { ExportClip } from './exportable';

const temp = makeTempDir('genki-export-');
const storage = testStorage(temp.dir);
let flac: { bytes: Uint8Array; frames: number };
let mp3: { bytes: Uint8Array; frames: number };

beforeAll(() => {
  const written = writeAudioFiles(temp.dir, [
    { name: 'tune.flac', format: 'FLAC', subtype: 'PCM_16', rate: 44100, channels: 2, seconds: 2 },
    { name: 'tune.mp3', format: 'MP3', rate: 44100, channels: 1, seconds: 1 },
  ]);
  const get = (name: string) => {
    const file = written.get(name);
    if (!file) throw new Error(`fixture ${name} missing`);
    return file;
  };
  flac = get('tune.flac');
  mp3 = get('tune.mp3');
});
afterAll(() => temp.cleanup());

async function unzip(
  stream: ReadableStream<Uint8Array>,
): Promise<{ bytes: Uint8Array; files: Record<string, Uint8Array> }> {
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return { bytes, files: unzipSync(bytes) };
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const jsonLines = (bytes: Uint8Array | undefined) =>
  text(bytes)
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

function dataset(clips: ExportClip[]) {
  return {
    dataset: { name: 'Night </script> Market', description: 'Loops\n---\nlicense: mit' },
    clips,
    storage,
  };
}

describe('export zip', () => {
  it('writes an audiofolder: data/ audio, metadata.jsonl relative to it, and a dataset card', async () => {
    const plain = wavClip(storage, 4800, {
      fileName: '../../etc/passwd.wav',
      caption: '  Bouncy square lead  ',
    });
    const trimmed = wavClip(storage, 48000, {
      fileName: '<script>.wav',
      trim: { start: 0.25, end: 0.5 },
      licence: 'MIT',
    });
    const module = wavClip(storage, 9600, {
      fileName: 'song.mod',
      format: 'mod',
      isRenderedModule: true,
      attribution: null,
    });
    const compressed = makeClip({
      fileName: 'Café.mp3',
      format: 'mp3',
      audioSha256: storage.put(mp3.bytes),
      sampleRate: 44100,
      channels: 1,
      durationSeconds: mp3.frames / 44100,
      licence: 'My own licence',
    });
    const skipped = wavClip(storage, 100, { status: 'skipped', licence: null });
    const { files } = await unzip(
      exportZip({ ...dataset([plain, trimmed, module, compressed, skipped]), layout: 'audiofolder' }),
    );

    expect(Object.keys(files).sort()).toEqual([
      'README.md',
      'data/0001-passwd.wav',
      'data/0002-script.wav',
      'data/0003-song.wav',
      'data/0004-cafe.mp3',
      'metadata.jsonl',
    ]);
    expect(files['data/0001-passwd.wav']).toEqual(
      new Uint8Array(fs.readFileSync(storage.blobPath(plain.audioSha256))),
    );
    expect(files['data/0003-song.wav']).toEqual(
      new Uint8Array(fs.readFileSync(storage.blobPath(module.audioSha256))),
    );
    expect(files['data/0004-cafe.mp3']).toEqual(mp3.bytes);

    // The trim keeps the exact samples of frames 12 000–24 000.
    const cut = decodeWav(files['data/0002-script.wav'] ?? new Uint8Array());
    const [left] = testSignal(48000);
    expect(cut.length).toBe(12000);
    expect(cut.channels[0]).toEqual(
      decodeWav(new Uint8Array(fs.readFileSync(storage.blobPath(trimmed.audioSha256)))).channels[0]?.subarray(
        12000,
        24000,
      ),
    );
    expect(left).toBeDefined();

    // Float columns keep a decimal point even for whole numbers (pyarrow types them as doubles).
    expect(text(files['metadata.jsonl'])).toContain('"bpm":140.0,"key":"C major"');
    const rows = jsonLines(files['metadata.jsonl']);
    expect(rows.map((row) => Object.keys(row))).toEqual(
      rows.map(() => [
        'file_name',
        'caption',
        'moods',
        'instruments',
        'genre',
        'bpm',
        'key',
        'licence',
        'attribution',
        'source',
        'duration',
      ]),
    );
    expect(rows[0]).toEqual({
      file_name: 'data/0001-passwd.wav',
      caption: 'Bouncy square lead',
      moods: ['happy'],
      instruments: ['synthesizer'],
      genre: 'chiptune',
      bpm: 140,
      key: 'C major',
      licence: 'CC-BY-4.0',
      attribution: 'Alice Chip',
      source: '../../etc/passwd.wav',
      duration: 0.1,
    });
    expect(rows[1]?.duration).toBe(0.25);
    expect(rows[2]).toMatchObject({ source: 'song.mod (rendered with libopenmpt)', attribution: null });

    const card = text(files['README.md']);
    expect(
      card.startsWith('---\nlicense:\n- cc-by-4.0\n- mit\n- other\nlicense_name: see-licences-section\n'),
    ).toBe(true);
    expect(card).toContain('pretty_name: "Night </script> Market"');
    expect(card).toContain('task_categories:\n- text-to-audio\n');
    expect(card).toContain('tags:\n- chiptune\n');
    expect(card).toContain('size_categories:\n- n<1K\n---\n');
    expect(card).toContain('# Night &lt;/script&gt; Market');
    // The description cannot open a second YAML block or inject HTML.
    expect(card.match(/^---$/gm)).toHaveLength(2);
    expect(card).not.toContain('<script>');
    expect(card).toContain('- `data/0001-passwd.wav`: Alice Chip (CC-BY-4.0; source: ../../etc/passwd.wav)');
  });

  it('writes the audiocraft layout: WAV only, a MusicInfo .json beside each, egs/train/data.jsonl', async () => {
    const plain = wavClip(storage, 4800, {
      fileName: 'battle theme.wav',
      tags: { moods: ['epic', 'dark'], instruments: ['bass', 'drums'], genre: null, bpm: null, key: null },
    });
    const fromFlac = makeClip({
      fileName: 'loop.flac',
      format: 'flac',
      audioSha256: storage.put(flac.bytes),
      sampleRate: 44100,
      durationSeconds: flac.frames / 44100,
      trim: { start: 0.5, end: 1.5 },
    });
    const wholeMp3 = makeClip({
      fileName: 'x.mp3',
      format: 'mp3',
      audioSha256: storage.put(mp3.bytes),
      sampleRate: 44100,
      channels: 1,
      durationSeconds: mp3.frames / 44100,
    });
    const { files, bytes } = await unzip(
      exportZip({ ...dataset([plain, fromFlac, wholeMp3]), layout: 'audiocraft' }),
    );

    expect(Object.keys(files).sort()).toEqual([
      'README.md',
      'dataset/train/0001-battle-theme.json',
      'dataset/train/0001-battle-theme.wav',
      'dataset/train/0002-loop.json',
      'dataset/train/0002-loop.wav',
      'dataset/train/0003-x.json',
      'dataset/train/0003-x.wav',
      'egs/train/data.jsonl',
    ]);
    const info = JSON.parse(text(files['dataset/train/0001-battle-theme.json']));
    expect(info).toEqual({
      description: plain.caption,
      moods: ['epic', 'dark'],
      instruments: ['bass', 'drums'],
      bpm: null,
      key: null,
      duration: 0.1,
      sample_rate: 48000,
      genre: null,
      instrument: 'bass, drums',
      title: 'battle theme',
      artist: null,
      name: '0001-battle-theme',
      keywords: ['epic', 'dark', 'bass', 'drums'],
      file_extension: 'wav',
      licence: 'CC-BY-4.0',
      attribution: 'Alice Chip',
    });
    // The FLAC trim: decoded, cut at 0.5–1.5 s and written as 16-bit PCM at the source rate.
    const loop = decodeWav(files['dataset/train/0002-loop.wav'] ?? new Uint8Array());
    const source = await decodeAudio(flac.bytes);
    expect(loop.sampleRate).toBe(44100);
    expect(loop.length).toBe(44100);
    for (let i = 0; i < loop.length; i += 997) {
      expect(
        Math.abs((loop.channels[1]?.[i] ?? 0) - (source.channels[1]?.[22050 + i] ?? 0)),
      ).toBeLessThanOrEqual(1 / 32768);
    }
    const mp3Wav = decodeWav(files['dataset/train/0003-x.wav'] ?? new Uint8Array());
    expect(mp3Wav.length).toBe((await decodeAudio(mp3.bytes)).length);

    expect(text(files['egs/train/data.jsonl'])).toContain(
      '"path":"dataset/train/0002-loop.wav","duration":1.0,"sample_rate":44100,',
    );
    expect(jsonLines(files['egs/train/data.jsonl'])).toEqual([
      {
        path: 'dataset/train/0001-battle-theme.wav',
        duration: 0.1,
        sample_rate: 48000,
        amplitude: null,
        weight: null,
        info_path: null,
      },
      {
        path: 'dataset/train/0002-loop.wav',
        duration: 1,
        sample_rate: 44100,
        amplitude: null,
        weight: null,
        info_path: null,
      },
      {
        path: 'dataset/train/0003-x.wav',
        duration: mp3Wav.length / 44100,
        sample_rate: 44100,
        amplitude: null,
        weight: null,
        info_path: null,
      },
    ]);

    // An independent reader: Python's zipfile checks every CRC and every entry name.
    const zipPath = path.join(temp.dir, 'audiocraft.zip');
    fs.writeFileSync(zipPath, bytes);
    const report = JSON.parse(runReference('audiofolder_check.py', ['zip', zipPath]));
    expect(report).toEqual({ ok: true, entries: 8, bad_crc: null, unsafe: [] });
  });

  it('refuses, before streaming, an export whose audio is missing from storage', () => {
    const ghost = makeClip({ fileName: 'ghost.wav', audioSha256: 'f'.repeat(64) });
    expect(() => exportZip({ ...dataset([ghost]), layout: 'audiofolder' })).toThrow(
      'The audio of 1 clip is missing from storage ("ghost.wav").',
    );
  });

  it('fails the stream with a clear error when a trim selects no audio', async () => {
    const clip = wavClip(storage, 4800, { fileName: 'short.wav', trim: { start: 5, end: 6 } });
    await expect(unzip(exportZip({ ...dataset([clip]), layout: 'audiofolder' }))).rejects.toThrow(
      /The trim of "short.wav" \(5.00–6.00 s\) selects no audio/,
    );
  });
});
