/**
 * The `genki` command as users run it: the bundled bin (built like `npm ci` builds it), real files
 * on disk, exit codes and stderr. Numbers are compared with the in-process engine, whose own tests
 * compare it with the Python references.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMod } from '@/tests/support/mod-writer';
import { chiptune } from '@/tests/support/signals';
import { makeTempDir } from '@/tests/support/temp-dir';
import { encodeWav } from '@/tests/support/wav-writer';
import { prepareAudio } from '../audio/prepare';
import { clapFeatures } from '../clap/features';
import { openModelFiles } from '../clap/model-files';
import { createNodeClapModel } from '../clap/node-engine';
import { embedClip } from '../engine/embed-clip';
import { fad } from '../metrics/fad';
import { embeddingMatrixFromNpy } from '../metrics/matrix';
import { readNpy, writeNpy } from '../npy';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..', '..');
const bin = path.join(root, 'scripts', 'genki.mjs');
const temp = makeTempDir('genki-cli-');
const file = (name: string) => path.join(temp.dir, name);

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function genki(...args: string[]): Promise<Result> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      cwd: temp.dir,
      env: { ...process.env, GENKI_DATA_DIR: file('data'), GENKI_DEBUG: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function expectCleanFailure(result: Result, pattern: RegExp) {
  expect(result.code).not.toBe(0);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^genki: /);
  expect(lines[0]).toMatch(pattern);
}

const npy = (name: string) => readNpy(new Uint8Array(fs.readFileSync(file(name))));

beforeAll(async () => {
  // The CLI bundle is built once for the whole run (tests/support/vitest-global-setup.ts).
  const left = chiptune(44100, 12, 1);
  fs.writeFileSync(file('long.wav'), encodeWav([left, left.map((v) => v * 0.5)], 44100, { bits: 16 }));
  fs.writeFileSync(file('short.wav'), encodeWav([chiptune(32000, 2, 2)], 32000, { bits: 24 }));
  fs.writeFileSync(file('song.mod'), buildMod());
  fs.writeFileSync(file('corrupt.wav'), new TextEncoder().encode('RIFF\u0004\u0000\u0000\u0000WAVEjunk'));
  fs.writeFileSync(file('notes.txt'), 'not audio at all, just words');
  fs.writeFileSync(
    file('prompts.csv'),
    'caption\nElectronic---Chiptune happy retro game synthesizer\n"chiptune, square lead"\nnoisy drums\n',
  );
}, 60_000);
afterAll(() => temp.cleanup());

describe('genki CLI', () => {
  it('prints help quickly and lists every command', async () => {
    const result = await genki('--help');
    expect(result.code).toBe(0);
    for (const command of ['features', 'embed', 'score', 'fad', 'make-test-model']) {
      expect(result.stdout).toContain(`genki ${command}`);
    }
  });

  it('features writes float32 [1,1,1001,64] per input, equal to the engine', async () => {
    expect((await genki('features', 'long.wav', 'short.wav', '--out-dir', 'feats')).code).toBe(0);
    const long = npy('feats/long.npy');
    expect(long.dtype).toBe('<f4');
    expect(long.shape).toEqual([1, 1, 1001, 64]);
    const prepared = await prepareAudio(new Uint8Array(fs.readFileSync(file('long.wav'))));
    expect(long.data).toEqual(clapFeatures(prepared.samples, 0));

    expect((await genki('features', 'long.wav', '--offset', '1.5', '--out', 'at.npy')).code).toBe(0);
    expect(npy('at.npy').data).toEqual(clapFeatures(prepared.samples, 72000));
  });

  it('make-test-model, embed and score agree with the in-process engine', async () => {
    expect((await genki('make-test-model', 'model')).code).toBe(0);
    const embedded = await genki(
      'embed',
      '--model',
      'model',
      'long.wav',
      'short.wav',
      'song.mod',
      '--out',
      'e.npy',
    );
    expect(embedded).toMatchObject({ code: 0 });
    const out = npy('e.npy');
    expect(out.shape).toEqual([3, 512]);
    const model = await createNodeClapModel(
      await openModelFiles(file('model'), { cacheDir: file('c'), hubUrl: 'http://127.0.0.1:9' }),
    );
    for (const [index, name] of ['long.wav', 'short.wav', 'song.mod'].entries()) {
      const prepared = await prepareAudio(new Uint8Array(fs.readFileSync(file(name))), { fileName: name });
      const { embedding } = await embedClip(model, prepared.samples, { seed: 'genki' });
      const row = out.data.subarray(index * 512, (index + 1) * 512);
      let norm = 0;
      for (let i = 0; i < 512; i++) {
        norm += (row[i] ?? 0) ** 2;
        expect(Math.abs((row[i] ?? 0) - (embedding[i] ?? 0))).toBeLessThan(1e-6);
      }
      expect(Math.sqrt(norm)).toBeCloseTo(1, 5);
    }

    const scored = await genki(
      'score',
      '--model',
      'model',
      '--prompts',
      'prompts.csv',
      'long.wav',
      'short.wav',
      'song.mod',
      '--json',
    );
    expect(scored.code).toBe(0);
    const report = JSON.parse(scored.stdout);
    expect(report.model.test_model).toBe(true);
    expect(report.pairs.map((pair: { prompt: string }) => pair.prompt)).toEqual([
      'Electronic---Chiptune happy retro game synthesizer',
      'chiptune, square lead',
      'noisy drums',
    ]);
    const text = await model.embedText(report.pairs.map((pair: { prompt: string }) => pair.prompt));
    for (const [index, pair] of report.pairs.entries()) {
      const audio = out.data.subarray(index * 512, (index + 1) * 512);
      let dot = 0;
      for (let i = 0; i < 512; i++) dot += (audio[i] ?? 0) * (text[index]?.[i] ?? 0);
      expect(pair.score).toBeCloseTo(dot, 5);
    }
    expect(report.mean).toBeCloseTo(
      report.pairs.reduce((s: number, p: { score: number }) => s + p.score, 0) / 3,
      10,
    );
    await model.release();
  }, 60_000);

  it('fad prints {"fad", "n_a", "n_b"} and matches the engine', async () => {
    const a = Float64Array.from({ length: 40 * 8 }, (_, i) => Math.sin(i * 0.37) + (i % 7) * 0.1);
    const b = Float64Array.from({ length: 30 * 8 }, (_, i) => Math.cos(i * 0.21) * 1.3);
    fs.writeFileSync(file('a.npy'), writeNpy(a, [40, 8]));
    fs.writeFileSync(file('b.npy'), writeNpy(b, [30, 8]));
    const result = await genki('fad', 'a.npy', 'b.npy', '--json');
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(Object.keys(parsed)).toEqual(['fad', 'n_a', 'n_b']);
    const expected = fad(
      embeddingMatrixFromNpy(readNpy(writeNpy(a, [40, 8]))),
      embeddingMatrixFromNpy(readNpy(writeNpy(b, [30, 8]))),
    );
    expect(parsed).toEqual({ fad: expected.fad, n_a: 40, n_b: 30 });
  });

  it('turns every bad input into one clear line on stderr and a non-zero exit', async () => {
    expectCleanFailure(
      await genki('features', 'missing.wav', '--out', 'x.npy'),
      /missing\.wav: no such file/,
    );
    expectCleanFailure(await genki('features', 'feats', '--out', 'x.npy'), /feats: is a directory/);
    expectCleanFailure(await genki('features', 'corrupt.wav', '--out', 'x.npy'), /corrupt\.wav: /);
    expectCleanFailure(
      await genki('features', 'notes.txt', '--out', 'x.npy'),
      /notes\.txt: .*(not|unsupported|recogn)/i,
    );
    expectCleanFailure(await genki('features', 'long.wav'), /--out FILE\.npy or --out-dir DIR/);
    expectCleanFailure(
      await genki('features', 'short.wav', '--offset', '5', '--out', 'x.npy'),
      /past the end/,
    );
    expectCleanFailure(await genki('frobnicate'), /Unknown command "frobnicate"/);
    expectCleanFailure(
      await genki('embed', '--model', 'nowhere', 'long.wav', '--out', 'x.npy'),
      /No model folder/,
    );
    expectCleanFailure(
      await genki('score', '--model', 'model', '--prompts', 'prompts.csv', 'long.wav'),
      /3 prompt\(s\).*1 audio file/,
    );
    fs.writeFileSync(file('cube.npy'), writeNpy(new Float32Array(8), [2, 2, 2]));
    expectCleanFailure(await genki('fad', 'cube.npy', 'a.npy'), /cube\.npy: /);
    fs.writeFileSync(file('one.npy'), writeNpy(new Float32Array(8), [1, 8]));
    expectCleanFailure(await genki('fad', 'one.npy', 'a.npy'), /one\.npy|at least 2|N ≥ 2|too few/i);
    fs.writeFileSync(file('bad.npy'), 'not an npy');
    expectCleanFailure(await genki('fad', 'bad.npy', 'a.npy'), /bad\.npy: Not a NumPy/);
    expectCleanFailure(await genki('fad', 'a.npy'), /exactly two/);
  }, 60_000);
});
