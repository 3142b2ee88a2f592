import type { InferenceSession } from 'onnxruntime-common';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { EMBEDDING_DIM, FEATURE_LENGTH } from './constants';
import type { ModelVariant } from './model-spec';
import { DType, encodeModel, floatTensor, int64Tensor, node, valueInfo } from './onnx-builder';
import { ClapModel, ClapModelError, type ClapModelOptions, type OrtModule } from './session';
import { buildTestModelFiles } from './test-model';
import {
  dot,
  normalise,
  referenceAudioEmbedding,
  referenceTextEmbedding,
  type SyntheticKind,
  syntheticFeatures,
} from './test-model-reference';
import { ClapTokenizer } from './tokenizer';

ortWeb.env.wasm.numThreads = 1;

const plain = buildTestModelFiles();
const masked = buildTestModelFiles({ textAttentionMask: true });
const get = (files: Map<string, Uint8Array>, name: string) => {
  const bytes = files.get(name);
  if (!bytes) throw new Error(`missing ${name}`);
  return bytes;
};
const tokenizerOf = (files: Map<string, Uint8Array>) =>
  ClapTokenizer.fromJson(
    JSON.parse(new TextDecoder().decode(get(files, 'tokenizer.json'))),
    JSON.parse(new TextDecoder().decode(get(files, 'tokenizer_config.json'))),
  );
const audioPath = (variant: ModelVariant) =>
  variant === 'fp32' ? 'onnx/audio_model.onnx' : `onnx/audio_model_${variant}.onnx`;

function options(ort: OrtModule, overrides: Partial<ClapModelOptions> = {}, files = plain): ClapModelOptions {
  return {
    ort,
    backend: ort === ortNode ? 'cpu' : 'wasm',
    repo: 'test/genki-test-model',
    revision: 'local',
    isTestModel: true,
    audio: { source: get(files, 'onnx/audio_model.onnx'), variant: 'fp32' },
    text: { source: get(files, 'onnx/text_model.onnx'), variant: 'fp32' },
    tokenizer: tokenizerOf(files),
    ...overrides,
  };
}

const kinds: SyntheticKind[] = ['noise', 'tone', 'sweep', 'chirps', 'silence'];
const features = kinds.map((kind, i) => syntheticFeatures(kind, i + 1));
const prompts = ['Electronic---Chiptune happy upbeat epic piano bass', '8-bit chiptune music', '🎮 café'];

const loaded: ClapModel[] = [];
async function load(opts: ClapModelOptions) {
  const model = await ClapModel.load(opts);
  loaded.push(model);
  return model;
}
afterAll(async () => {
  for (const model of loaded) await model.release();
});

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] ?? 0) - (b[i] ?? Number.NaN)));
  return worst;
};

describe('ClapModel embeddings', () => {
  it('agree between onnxruntime-node and onnxruntime-web and match the float64 reference', async () => {
    const [node, web] = await Promise.all([load(options(ortNode)), load(options(ortWeb))]);
    const fromNode = await node.embedAudio(features);
    const fromWeb = await web.embedAudio(features);
    expect(fromNode).toHaveLength(features.length);
    features.forEach((item, i) => {
      const expected = normalise(referenceAudioEmbedding(get(plain, 'onnx/audio_model.onnx'), item));
      expect(maxDiff(fromNode[i] ?? [], fromWeb[i] ?? [])).toBeLessThan(1e-5);
      expect(maxDiff(fromNode[i] ?? [], expected)).toBeLessThan(1e-5);
    });
    const textNode = await node.embedText(prompts);
    const textWeb = await web.embedText(prompts);
    const tokenizer = tokenizerOf(plain);
    prompts.forEach((prompt, i) => {
      const expected = normalise(
        referenceTextEmbedding(get(plain, 'onnx/text_model.onnx'), tokenizer.encodeIds(prompt).ids),
      );
      expect(maxDiff(textNode[i] ?? [], textWeb[i] ?? [])).toBeLessThan(1e-5);
      expect(maxDiff(textNode[i] ?? [], expected)).toBeLessThan(1e-5);
    });
  });

  it('returns unit-length, content-sensitive, deterministic 512-d vectors', async () => {
    const model = await load(options(ortNode));
    const vectors = await model.embedAudio(features);
    for (const vector of vectors) {
      expect(vector).toBeInstanceOf(Float32Array);
      expect(vector).toHaveLength(EMBEDDING_DIM);
      expect(Math.abs(dot(vector, vector) - 1)).toBeLessThan(1e-5);
    }
    for (let i = 0; i < vectors.length; i++) {
      for (let j = i + 1; j < vectors.length; j++)
        expect(dot(vectors[i] ?? [], vectors[j] ?? [])).toBeLessThan(0.95);
    }
    // Same input, same batch → bit-identical (batch composition may move the last float bits).
    expect(await model.embedAudio(features)).toEqual(vectors);
    const texts = await model.embedText(['chiptune', 'calm piano', 'chiptune']);
    expect(texts[0]).toEqual(texts[2]);
    expect(dot(texts[0] ?? [], texts[1] ?? [])).toBeLessThan(0.95);
  });

  it('splits large inputs into batches without changing results', async () => {
    const model = await load(options(ortWeb, { maxAudioBatch: 2 }));
    const one = await load(options(ortWeb, { maxAudioBatch: 1 }));
    const batched = await model.embedAudio(features);
    const single = await one.embedAudio(features);
    for (const [i, vector] of batched.entries()) expect(maxDiff(vector, single[i] ?? [])).toBeLessThan(1e-6);
    expect(await model.embedAudio([])).toEqual([]);
  });

  it.each(['fp16', 'quantized'] as const)('runs the %s audio variant close to fp32', async (variant) => {
    const reference = await load(options(ortWeb));
    const model = await load(options(ortWeb, { audio: { source: get(plain, audioPath(variant)), variant } }));
    expect(model.info.audio).toMatchObject({
      variant,
      inputType: variant === 'fp16' ? 'float16' : 'float32',
    });
    const a = await model.embedAudio(features);
    const b = await reference.embedAudio(features);
    for (const [i, vector] of a.entries()) expect(dot(vector, b[i] ?? [])).toBeGreaterThan(0.999);
  });
});

describe('input discovery', () => {
  it('sends attention_mask only when the text graph declares it, with identical results', async () => {
    const withMask = await load(options(ortNode, {}, masked));
    const without = await load(options(ortNode));
    const a = await withMask.embedText(prompts);
    const b = await without.embedText(prompts);
    expect(withMask.info.text).toMatchObject({
      inputNames: ['input_ids', 'attention_mask'],
      attentionMask: true,
    });
    expect(without.info.text).toMatchObject({ inputNames: ['input_ids'], attentionMask: false });
    for (const [i, vector] of a.entries()) expect(maxDiff(vector, b[i] ?? [])).toBeLessThan(1e-6);
  });

  it('creates the text session lazily and reports names in info', async () => {
    const textSource = vi.fn(async () => get(plain, 'onnx/text_model.onnx'));
    const model = await load(options(ortWeb, { text: { source: textSource, variant: 'fp32' } }));
    expect(model.info).toMatchObject({
      repo: 'test/genki-test-model',
      revision: 'local',
      backend: 'wasm',
      isTestModel: true,
      hasText: true,
      text: undefined,
      audio: {
        variant: 'fp32',
        inputNames: ['input_features'],
        outputNames: ['audio_embeds'],
        output: 'audio_embeds',
      },
    });
    await model.embedAudio(features.slice(0, 1));
    expect(textSource).not.toHaveBeenCalled();
    await Promise.all([model.embedText(['a']), model.embedText(['b'])]);
    expect(textSource).toHaveBeenCalledTimes(1);
    expect(model.info.text).toMatchObject({ output: 'text_embeds', inputType: 'int64' });
  });

  it('reads a single output of any name, and refuses ambiguous ones', async () => {
    const renamed = await load(
      options(ortNode, { audio: { source: tinyAudio(['embedding']), variant: 'fp32' } }),
    );
    expect(renamed.info.audio.output).toBe('embedding');
    expect(await renamed.embedAudio(features.slice(0, 1))).toHaveLength(1);
    await expect(
      ClapModel.load(options(ortNode, { audio: { source: tinyAudio(['a', 'b']), variant: 'fp32' } })),
    ).rejects.toThrow("The audio model's outputs are [a, b]: expected audio_embeds or a single output.");
  });

  it('refuses graphs whose inputs do not fit our features or tokenizer', async () => {
    await expect(
      ClapModel.load(
        options(ortNode, { audio: { source: tinyAudio(['audio_embeds'], 128), variant: 'fp32' } }),
      ),
    ).rejects.toThrow(/has shape \[batch, 1, height, 128\]; our features are \[batch, 1, 1001, 64\]/);
    const model = await load(
      options(ortNode, { text: { source: tinyText(['input_ids', 'position_ids']), variant: 'fp32' } }),
    );
    await expect(model.embedText(['x'])).rejects.toThrow(
      'The text model needs inputs Genki Studio cannot fill: position_ids.',
    );
    const noText = await load(options(ortNode, { text: undefined }));
    expect(noText.info.hasText).toBe(false);
    await expect(noText.embedText(['x'])).rejects.toThrow(ClapModelError);
  });

  it('checks feature lengths', async () => {
    const model = await load(options(ortNode));
    await expect(model.embedAudio([new Float32Array(FEATURE_LENGTH - 1)])).rejects.toThrow(
      `Feature tensor 0 has ${FEATURE_LENGTH - 1} values; expected ${FEATURE_LENGTH}.`,
    );
  });
});

describe('serialisation', () => {
  it('never runs two sessions of the same runtime at once', async () => {
    let active = 0;
    let peak = 0;
    const wrap = (session: InferenceSession): InferenceSession =>
      new Proxy(session, {
        get(target, key, receiver) {
          if (key !== 'run') return Reflect.get(target, key, receiver);
          return async (...args: Parameters<InferenceSession['run']>) => {
            active++;
            peak = Math.max(peak, active);
            await new Promise((resolve) => setTimeout(resolve, 2));
            try {
              return await target.run(...args);
            } finally {
              active--;
            }
          };
        },
      });
    const ort = {
      Tensor: ortWeb.Tensor,
      InferenceSession: {
        create: async (model: Uint8Array) => wrap(await ortWeb.InferenceSession.create(model)),
      },
    } as unknown as OrtModule;
    const a = await load(options(ort));
    const b = await load(options(ort, {}, masked));
    const results = await Promise.all([
      a.embedAudio(features),
      b.embedText(prompts),
      a.embedText(prompts),
      b.embedAudio(features.slice(0, 2)),
    ]);
    expect(peak).toBe(1);
    expect(results.map((r) => r.length)).toEqual([5, 3, 3, 2]);
  });
});

/** input_features → mean over time → MatMul → the given outputs (all equal). */
function tinyAudio(outputs: string[], width = 64): Uint8Array {
  return encodeModel({
    name: 'tiny_audio',
    inputs: [valueInfo('input_features', DType.FLOAT, ['batch', 1, 'height', width])],
    outputs: outputs.map((name) => valueInfo(name, DType.FLOAT, ['batch', EMBEDDING_DIM])),
    initializers: [
      int64Tensor('axes', [2], [1, 2]),
      floatTensor(
        'w',
        [width, EMBEDDING_DIM],
        Float32Array.from({ length: width * EMBEDDING_DIM }, (_, i) => Math.sin(i)),
      ),
    ],
    nodes: [
      node('ReduceMean', ['input_features', 'axes'], ['m'], { keepdims: 0 }),
      ...outputs.map((name) => node('MatMul', ['m', 'w'], [name])),
    ],
  });
}

/** Int64 inputs → (sum of first input as float) broadcast → text_embeds. */
function tinyText(inputs: string[]): Uint8Array {
  return encodeModel({
    name: 'tiny_text',
    inputs: inputs.map((name) => valueInfo(name, DType.INT64, ['batch', 'seq'])),
    outputs: [valueInfo('text_embeds', DType.FLOAT, ['batch', EMBEDDING_DIM])],
    initializers: [floatTensor('ones', [1, EMBEDDING_DIM], new Float32Array(EMBEDDING_DIM).fill(1))],
    nodes: [
      node('Cast', [inputs[0] ?? 'input_ids'], ['f'], { to: DType.FLOAT }),
      node('ReduceSum', ['f'], ['s'], { keepdims: 1 }),
      node('Mul', ['s', 'ones'], ['text_embeds']),
    ],
  });
}
