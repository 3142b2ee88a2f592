import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { InferenceSession } from 'onnxruntime-common';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../tests/support/temp-dir';
import { EMBEDDING_DIM, FEATURE_DIMS, FEATURE_LENGTH } from './constants';
import { floatToHalf, halfToFloat } from './half';
import { checkPreprocessorConfig, parseClapConfig } from './model-spec';
import { decodeModel } from './onnx-builder';
import { buildTestModelFiles, makeTestModel, TEST_MODEL_VERSION } from './test-model';
import { referenceAudioEmbedding, referenceTextEmbedding, syntheticFeatures } from './test-model-reference';
import { buildTestTokenizer } from './test-tokenizer';
import { ClapTokenizer } from './tokenizer';

ortWeb.env.wasm.numThreads = 1;

const files = buildTestModelFiles();
const masked = buildTestModelFiles({ textAttentionMask: true });
const file = (map: Map<string, Uint8Array>, name: string) => {
  const bytes = map.get(name);
  if (!bytes) throw new Error(`missing ${name}`);
  return bytes;
};

function signature(bytes: Uint8Array) {
  const graph = decodeModel(bytes).graph;
  const describe = (values: NonNullable<typeof graph>['input']) =>
    (values ?? []).map((value) => ({
      name: value.name,
      type: value.type?.tensorType?.elemType,
      dims: (value.type?.tensorType?.shape?.dim ?? []).map((dim) => dim.dimParam || Number(dim.dimValue)),
    }));
  return { inputs: describe(graph?.input), outputs: describe(graph?.output) };
}

describe('buildTestModelFiles', () => {
  it('lays out the Xenova file set, every ONNX file under 1 MB', () => {
    expect([...files.keys()]).toEqual([
      'config.json',
      'preprocessor_config.json',
      'tokenizer.json',
      'tokenizer_config.json',
      'onnx/audio_model.onnx',
      'onnx/audio_model_fp16.onnx',
      'onnx/audio_model_quantized.onnx',
      'onnx/text_model.onnx',
    ]);
    for (const [name, bytes] of files)
      if (name.endsWith('.onnx')) expect(bytes.byteLength).toBeLessThan(1 << 20);
  });

  it('is byte-for-byte deterministic (bump TEST_MODEL_VERSION when this hash changes)', () => {
    const hash = (map: Map<string, Uint8Array>) => {
      const digest = createHash('sha256');
      for (const [name, bytes] of map) digest.update(name).update(bytes);
      return digest.digest('hex');
    };
    expect(hash(buildTestModelFiles())).toBe(hash(files));
    expect(TEST_MODEL_VERSION).toBe(2);
    expect(hash(files)).toMatchInlineSnapshot(
      `"ca81e792845347417d84c0c8fbef62f703c503356515c4077a5a31f3b964e436"`,
    );
  });

  it('marks itself as a test model and passes our config checks', () => {
    const config = parseClapConfig(JSON.parse(new TextDecoder().decode(file(files, 'config.json'))));
    expect(config).toMatchObject({ model_type: 'clap', genki_test_model: true, genki_test_model_version: 2 });
    checkPreprocessorConfig(JSON.parse(new TextDecoder().decode(file(files, 'preprocessor_config.json'))));
  });

  it('declares the same tensor names, dtypes and dims as the Xenova exports', () => {
    const audio = {
      inputs: [{ name: 'input_features', type: 1, dims: ['audio_batch_size', 1, 'height', 64] }],
    };
    expect(signature(file(files, 'onnx/audio_model.onnx'))).toEqual({
      ...audio,
      outputs: [{ name: 'audio_embeds', type: 1, dims: ['batch_size', 512] }],
    });
    expect(signature(file(files, 'onnx/audio_model_fp16.onnx')).inputs[0]?.type).toBe(10);
    expect(signature(file(files, 'onnx/audio_model_fp16.onnx')).outputs[0]?.type).toBe(10);
    const ids = { name: 'input_ids', type: 7, dims: ['batch_size', 'sequence_length'] };
    const text = { name: 'text_embeds', type: 1, dims: ['batch_size', 512] };
    expect(signature(file(files, 'onnx/text_model.onnx'))).toEqual({ inputs: [ids], outputs: [text] });
    expect(signature(file(masked, 'onnx/text_model.onnx'))).toEqual({
      inputs: [ids, { ...ids, name: 'attention_mask' }],
      outputs: [text],
    });
  });
});

describe('makeTestModel', () => {
  const { dir, cleanup } = makeTempDir();
  afterAll(cleanup);

  it('writes the files into a folder', async () => {
    const result = await makeTestModel(path.join(dir, 'model'));
    expect(result.files).toEqual([...files.keys()]);
    for (const name of result.files) {
      expect(Buffer.compare(fs.readFileSync(path.join(result.dir, name)), file(files, name))).toBe(0);
    }
    expect(fs.readdirSync(path.join(result.dir, 'onnx')).some((name) => name.includes('partial'))).toBe(
      false,
    );
  });
});

const runtimes = [
  ['onnxruntime-node', ortNode],
  ['onnxruntime-web', ortWeb],
] as const;

async function runAudio(
  ort: typeof ortNode | typeof ortWeb,
  bytes: Uint8Array,
  inputs: Float32Array[],
  fp16 = false,
) {
  const session: InferenceSession = await ort.InferenceSession.create(bytes);
  const data = new Float32Array(inputs.length * FEATURE_LENGTH);
  for (const [i, item] of inputs.entries()) data.set(item, i * item.length);
  const dims = [inputs.length, ...FEATURE_DIMS.slice(1)];
  const tensor = fp16
    ? new ort.Tensor('float16', Uint16Array.from(data, floatToHalf), dims)
    : new ort.Tensor('float32', data, dims);
  const output = (await session.run({ input_features: tensor })).audio_embeds;
  await session.release();
  if (!output) throw new Error('no audio_embeds');
  const values =
    output.data instanceof Uint16Array ? Float64Array.from(output.data, halfToFloat) : output.data;
  return { dims: output.dims, values: Float64Array.from(values as Float32Array) };
}

describe.each(runtimes)('the graphs on %s', (_name, ort) => {
  const inputs = [syntheticFeatures('noise', 1), syntheticFeatures('tone', 2), syntheticFeatures('silence')];

  it.each([
    ['onnx/audio_model.onnx', 2e-5, false],
    // ORT's extended optimisations turn DequantizeLinear→MatMul into a dynamically quantised
    // MatMul (activations to uint8 too, as in real q8 files), so only ~3e-2 agreement is promised.
    ['onnx/audio_model_quantized.onnx', 3e-2, false],
    ['onnx/audio_model_fp16.onnx', 2e-3, true],
  ] as const)('%s computes the documented function', async (name, tolerance, fp16) => {
    const bytes = file(files, name);
    const { dims, values } = await runAudio(ort, bytes, inputs, fp16);
    expect(dims).toEqual([3, EMBEDDING_DIM]);
    inputs.forEach((features, row) => {
      const expected = referenceAudioEmbedding(bytes, features);
      const got = values.subarray(row * EMBEDDING_DIM, (row + 1) * EMBEDDING_DIM);
      const worst = Math.max(...expected.map((value, i) => Math.abs(value - (got[i] ?? Number.NaN))));
      expect(worst).toBeLessThan(tolerance);
    });
  });

  it('text graphs (with and without attention_mask) compute the documented function', async () => {
    const tokenizer = ClapTokenizer.fromJson(buildTestTokenizer().tokenizerJson);
    const { ids } = tokenizer.encode('Electronic---Chiptune happy epic square wave bass');
    for (const [map, withMask] of [
      [files, false],
      [masked, true],
    ] as const) {
      const bytes = file(map, 'onnx/text_model.onnx');
      const session = await ort.InferenceSession.create(bytes);
      const feeds: Record<string, InstanceType<typeof ort.Tensor>> = {
        input_ids: new ort.Tensor('int64', ids, [1, ids.length]),
      };
      if (withMask)
        feeds.attention_mask = new ort.Tensor('int64', new BigInt64Array(ids.length).fill(1n), [
          1,
          ids.length,
        ]);
      const output = (await session.run(feeds)).text_embeds;
      await session.release();
      if (!output) throw new Error('no text_embeds');
      const expected = referenceTextEmbedding(bytes, [...ids].map(Number));
      const got = output.data as Float32Array;
      expect(Math.max(...expected.map((value, i) => Math.abs(value - (got[i] ?? Number.NaN))))).toBeLessThan(
        1e-5,
      );
    }
  });
});
