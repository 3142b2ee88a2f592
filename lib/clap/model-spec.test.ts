import { describe, expect, it } from 'vitest';
import {
  availableVariants,
  checkPreprocessorConfig,
  chooseVariant,
  DEFAULT_MODEL_REPO,
  defaultModelRef,
  formatModelRef,
  KNOWN_MODELS,
  ModelSpecError,
  onnxPath,
  parseClapConfig,
  parseModelRef,
  parseOnnxPath,
} from './model-spec';
import { UNFUSED_PREPROCESSOR_CONFIG } from './test-model';

describe('known models', () => {
  it('pins every known repo to a full commit SHA', () => {
    expect(KNOWN_MODELS.map((model) => model.repo)).toEqual([
      'Xenova/larger_clap_music_and_speech',
      'Xenova/clap-htsat-unfused',
    ]);
    for (const model of KNOWN_MODELS) expect(model.revision).toMatch(/^[0-9a-f]{40}$/);
    expect(defaultModelRef()).toEqual({
      kind: 'hub',
      repo: DEFAULT_MODEL_REPO,
      revision: 'e9fd5ac1dbf3280936a7fc3ec8a020453ff184db',
      pinned: true,
    });
  });
});

describe('parseModelRef', () => {
  it('fills in the pinned revision of known repos', () => {
    expect(parseModelRef('hf:Xenova/clap-htsat-unfused')).toEqual({
      kind: 'hub',
      repo: 'Xenova/clap-htsat-unfused',
      revision: 'c28f2883575e590e04d3146ff0713c2448d691ba',
      pinned: true,
    });
  });

  it('keeps an explicit revision and says whether it is pinned', () => {
    const sha = 'a'.repeat(40);
    expect(parseModelRef(`hf:someone/clap-port@${sha}`)).toMatchObject({ revision: sha, pinned: true });
    expect(parseModelRef('hf:Xenova/clap-htsat-unfused@main')).toMatchObject({
      revision: 'main',
      pinned: false,
    });
    expect(formatModelRef(parseModelRef(`hf:someone/clap-port@${sha}`))).toBe(`hf:someone/clap-port@${sha}`);
  });

  it('asks for a revision when the repo is unknown', () => {
    expect(() => parseModelRef('hf:someone/clap-port')).toThrow(
      /No pinned revision is known for someone\/clap-port/,
    );
  });

  it('treats everything else as a local folder', () => {
    expect(parseModelRef('./models/test')).toEqual({ kind: 'local', dir: './models/test' });
    expect(parseModelRef('  /abs/dir ')).toEqual({ kind: 'local', dir: '/abs/dir' });
  });

  it.each([
    'hf:',
    'hf:../../etc@main',
    'hf:owner/../x@main',
    'hf:owner/name/extra@main',
    'hf:owner@main',
    'hf:own er/name',
    'hf:owner/name@',
    'hf:owner/name@../../x',
    'hf:owner/name@refs/pr/1',
    'hf:owner/name@main@evil',
    'hf:owner/name@%2e%2e',
    'hf:owner/na--me@main',
    'hf:-owner/name@main',
    'hf:owner/name.@main',
    'hf:оwner/name@main',
    `hf:${'a'.repeat(200)}/name@main`,
    'hf:owner/name@ma\nin',
    'hf:owner/name\u0000@main',
    '',
    '   ',
  ])('rejects hostile or malformed reference %j', (input) => {
    expect(() => parseModelRef(input)).toThrow(ModelSpecError);
  });
});

describe('variants', () => {
  it('names and recognises the ONNX files', () => {
    expect(onnxPath('audio', 'fp32')).toBe('onnx/audio_model.onnx');
    expect(onnxPath('text', 'fp16')).toBe('onnx/text_model_fp16.onnx');
    expect(onnxPath('audio', 'quantized')).toBe('onnx/audio_model_quantized.onnx');
    expect(parseOnnxPath('onnx/text_model_quantized.onnx')).toEqual({ tower: 'text', variant: 'quantized' });
    expect(parseOnnxPath('onnx/model.onnx')).toBeUndefined();
    expect(parseOnnxPath('onnx/audio_model_int8.onnx')).toBeUndefined();
    expect(
      availableVariants([
        'config.json',
        'onnx/audio_model_quantized.onnx',
        'onnx/audio_model.onnx',
        'onnx/text_model_fp16.onnx',
        'onnx/model.onnx',
      ]),
    ).toEqual({ audio: ['fp32', 'quantized'], text: ['fp16'] });
  });

  const all = ['fp32', 'fp16', 'quantized'] as const;
  it.each([
    [{ backend: 'wasm', shaderF16: false }, all, 'quantized'],
    [{ backend: 'wasm', shaderF16: true }, all, 'quantized'],
    [{ backend: 'wasm', shaderF16: false }, ['fp32', 'fp16'], 'fp32'],
    [{ backend: 'webgpu', shaderF16: true }, all, 'fp16'],
    [{ backend: 'webgpu', shaderF16: true }, ['fp32', 'quantized'], 'fp32'],
    [{ backend: 'webgpu', shaderF16: false }, all, 'fp32'],
    [{ backend: 'cpu', shaderF16: false }, all, 'fp32'],
    [{ backend: 'cpu', shaderF16: true }, all, 'fp32'],
  ] as const)('%j with %j → %s', (runtime, available, expected) => {
    expect(chooseVariant(runtime, available)).toBe(expected);
  });

  it('never uses quantized off WASM or fp16 without shader-f16', () => {
    expect(() => chooseVariant({ backend: 'webgpu', shaderF16: false }, ['quantized', 'fp16'])).toThrow(
      /needs fp32, the model has quantized, fp16/,
    );
    expect(() => chooseVariant({ backend: 'cpu', shaderF16: false }, ['quantized'])).toThrow(ModelSpecError);
    expect(() => chooseVariant({ backend: 'wasm', shaderF16: false }, [])).toThrow(/the model has none/);
  });
});

describe('config files', () => {
  const unfused = JSON.parse(UNFUSED_PREPROCESSOR_CONFIG) as Record<string, unknown>;

  it('accepts the real unfused preprocessor config', () => {
    expect(new TextEncoder().encode(UNFUSED_PREPROCESSOR_CONFIG).byteLength).toBe(541);
    expect(checkPreprocessorConfig(unfused)).toMatchObject({
      sampling_rate: 48000,
      truncation: 'rand_trunc',
    });
  });

  it('rejects fused models with a clear reason', () => {
    expect(() => checkPreprocessorConfig({ ...unfused, truncation: 'fusion' })).toThrow(
      /fused CLAP model.*unfused models only/,
    );
  });

  it('lists every mismatch with our extractor', () => {
    expect(() =>
      checkPreprocessorConfig({
        ...unfused,
        sampling_rate: 44100,
        hop_length: 441,
        frequency_min: 0,
        padding: 'pad',
      }),
    ).toThrow(
      'sampling_rate is 44100, expected 48000; hop_length is 441, expected 480; frequency_min is 0, expected 50; padding is "pad", expected "repeatpad"',
    );
    const { n_fft: _n, ...withoutNfft } = unfused;
    expect(() => checkPreprocessorConfig({ ...withoutNfft, fft_window_size: 2048 })).toThrow(/n_fft is 2048/);
    expect(() => checkPreprocessorConfig({ ...unfused, top_db: 80 })).toThrow(/top_db is 80/);
    expect(() => checkPreprocessorConfig({ sampling_rate: '48000' })).toThrow(
      /not a CLAP feature-extractor config/,
    );
    expect(() => checkPreprocessorConfig(null)).toThrow(ModelSpecError);
  });

  it('validates config.json', () => {
    expect(parseClapConfig({ model_type: 'clap', projection_dim: 512, extra: 1 })).toMatchObject({
      model_type: 'clap',
    });
    expect(parseClapConfig({ model_type: 'clap', genki_test_model: true }).genki_test_model).toBe(true);
    expect(() => parseClapConfig({ model_type: 'whisper' })).toThrow(/model_type must be "clap"/);
    expect(() => parseClapConfig({ model_type: 'clap', projection_dim: 1024 })).toThrow(
      /projection_dim 1024/,
    );
  });
});
