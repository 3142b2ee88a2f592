import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LocalHub } from '../../tests/support/local-hub';
import { makeTempDir } from '../../tests/support/temp-dir';
import type { DownloadProgress } from '../hub/repo-cache';
import { openModelFiles } from './model-files';
import { defaultModelCacheDir, loadNodeClapModel } from './node-engine';
import type { ClapModel } from './session';
import { buildTestModelFiles, makeTestModel } from './test-model';
import { dot, normalise, referenceAudioEmbedding, syntheticFeatures } from './test-model-reference';

const temp = makeTempDir();
const modelDir = path.join(temp.dir, 'test-model');
const files = buildTestModelFiles({ textAttentionMask: true });
let hub: LocalHub;
let sha: string;
const models: ClapModel[] = [];
const offline = vi.fn(async () => {
  throw new TypeError('fetch failed');
});

beforeAll(async () => {
  await makeTestModel(modelDir, { textAttentionMask: true });
  hub = await LocalHub.start();
  sha = hub.commit('genki/test-clap', files);
});
afterAll(async () => {
  for (const model of models) await model.release();
  await hub.close();
  temp.cleanup();
});

async function track(model: Promise<ClapModel>) {
  models.push(await model);
  return models[models.length - 1] as ClapModel;
}

describe('loadNodeClapModel', () => {
  it('loads a local folder with no network at all', async () => {
    const model = await track(
      loadNodeClapModel({
        model: modelDir,
        cacheDir: path.join(temp.dir, 'unused'),
        hubUrl: hub.url,
        fetch: offline,
      }),
    );
    expect(model.info).toMatchObject({
      repo: modelDir,
      revision: 'local',
      backend: 'cpu',
      isTestModel: true,
      audio: { variant: 'fp32', inputType: 'float32' },
    });
    const features = syntheticFeatures('sweep', 3);
    const [vector] = await model.embedAudio([features]);
    const expected = normalise(
      referenceAudioEmbedding(files.get('onnx/audio_model.onnx') ?? new Uint8Array(), features),
    );
    expect(dot(vector ?? [], expected)).toBeGreaterThan(1 - 1e-6);
    const [text] = await model.embedText(['chiptune']);
    expect(model.info.text).toMatchObject({ attentionMask: true });
    expect(Math.abs(dot(text ?? [], text ?? []) - 1)).toBeLessThan(1e-5);
    expect(offline).not.toHaveBeenCalled();
    expect(fs.existsSync(path.join(temp.dir, 'unused'))).toBe(false);
  });

  it('loads hf: references through the Hub cache, fetching the text tower only when needed', async () => {
    const cacheDir = defaultModelCacheDir(path.join(temp.dir, 'data'));
    const events: DownloadProgress[] = [];
    const model = await track(
      loadNodeClapModel({
        model: `hf:genki/test-clap@${sha}`,
        cacheDir,
        hubUrl: hub.url,
        onProgress: (event) => events.push(event),
      }),
    );
    expect(model.info).toMatchObject({ repo: 'genki/test-clap', revision: sha, isTestModel: true });
    const downloaded = () => [...new Set(events.map((event) => event.path))];
    expect(downloaded()).toEqual([
      'config.json',
      'preprocessor_config.json',
      'tokenizer.json',
      'tokenizer_config.json',
      'onnx/audio_model.onnx',
    ]);
    await model.embedText(['retro game music']);
    expect(downloaded()).toContain('onnx/text_model.onnx');
    expect(downloaded()).not.toContain('onnx/audio_model_quantized.onnx');

    // Second load: everything from the cache, no request to the Hub.
    const requests = hub.requests.length;
    const again = await track(
      loadNodeClapModel({ model: `hf:genki/test-clap@${sha}`, cacheDir, hubUrl: hub.url, fetch: offline }),
    );
    await again.embedText(['retro game music']);
    expect(hub.requests.length).toBe(requests);
    expect(offline).not.toHaveBeenCalled();
  });

  it('says what to configure when no model is reachable', async () => {
    await expect(
      loadNodeClapModel({
        cacheDir: path.join(temp.dir, 'empty'),
        hubUrl: 'http://127.0.0.1:9',
        timeoutMs: 2000,
      }),
    ).rejects.toThrow(
      /^Could not reach the Hugging Face Hub at http:\/\/127\.0\.0\.1:9 to fetch Xenova\/larger_clap_music_and_speech@e9fd5ac1dbf3280936a7fc3ec8a020453ff184db: .*Set GENKI_HF_HUB_URL, or pass a local model directory \(genki make-test-model DIR creates a small test model\)\.$/,
    );
  });

  it('explains bad local folders', async () => {
    const options = { cacheDir: temp.dir, hubUrl: hub.url, fetch: offline };
    await expect(openModelFiles('Xenova/clap-htsat-unfused', options)).rejects.toThrow(
      /No model folder at .*Xenova\/clap-htsat-unfused\. To load Xenova\/clap-htsat-unfused from the Hugging Face Hub, write hf:Xenova\/clap-htsat-unfused\./,
    );
    const empty = path.join(temp.dir, 'empty-folder');
    fs.mkdirSync(empty);
    await expect(openModelFiles(empty, options)).rejects.toThrow(
      `The model folder ${empty} is missing config.json`,
    );
    const fused = path.join(temp.dir, 'fused');
    await makeTestModel(fused);
    const preprocessor = path.join(fused, 'preprocessor_config.json');
    fs.writeFileSync(preprocessor, fs.readFileSync(preprocessor, 'utf8').replace('rand_trunc', 'fusion'));
    await expect(openModelFiles(fused, options)).rejects.toThrow(/fused CLAP model/);
  });
});
