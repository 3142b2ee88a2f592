/**
 * The CLAP inference wrapper, independent of which ONNX Runtime runs it: callers pass the `ort`
 * namespace (onnxruntime-web in the browser worker, onnxruntime-node on the server/CLI; both
 * implement the onnxruntime-common API) and the model bytes or paths.
 *
 * At load time it reads each graph's declared inputs and outputs instead of assuming them
 * (clap-and-fad.md §1.5: the Xenova exports' names are inferred, not documented): `attention_mask`
 * is sent only if declared, float16 I/O is used only if declared, and the output is `audio_embeds`
 * / `text_embeds` or else the single output. Embeddings come back L2-normalised, so a CLAP score is
 * a plain dot product.
 *
 * All session creation and `run` calls go through one queue per `ort` module: ORT-web's WASM
 * backend must not load or run sessions concurrently (transformers.js serialises them the same way).
 */
import type { InferenceSession, Tensor } from 'onnxruntime-common';
import { FEATURE_DIMS, FEATURE_LENGTH } from './constants';
import { floatToHalf } from './half';
import type { Backend, ModelVariant } from './model-spec';
import {
  type Binding,
  bindAudio,
  bindText,
  ClapModelError,
  normalisedRows,
  type TowerInfo,
} from './session-io';
import type { ClapTokenizer } from './tokenizer';

export { ClapModelError, type TowerInfo };

/** The parts of the onnxruntime-common API we use; `import * as ort from 'onnxruntime-{web,node}'`. */
export type OrtModule = Pick<typeof import('onnxruntime-common'), 'InferenceSession' | 'Tensor'>;

/** Model bytes, a path (Node) or URL (web), or a loader called when the session is first needed. */
export type ModelSource = string | Uint8Array | (() => Promise<string | Uint8Array>);

export interface ClapModelOptions {
  ort: OrtModule;
  audio: { source: ModelSource; variant: ModelVariant };
  /** Omit where only audio is embedded (browsers get prompt embeddings from the server). */
  text?: { source: ModelSource; variant: ModelVariant };
  tokenizer?: ClapTokenizer | (() => Promise<ClapTokenizer>);
  backend: Backend;
  sessionOptions?: InferenceSession.SessionOptions;
  /** Where the weights came from: recorded with every score. */
  repo: string;
  revision: string;
  isTestModel: boolean;
  /** Largest audio batch per `run` (bounds memory: one item is 256 kB of features). */
  maxAudioBatch?: number;
}

export interface ClapModelInfo {
  repo: string;
  revision: string;
  backend: Backend;
  isTestModel: boolean;
  audio: TowerInfo;
  /** Undefined until the text session is created by the first embedText call. */
  text: TowerInfo | undefined;
  hasText: boolean;
}

const queues = new WeakMap<object, Promise<unknown>>();

/** Runs `task` after every earlier task on the same runtime has settled. */
function exclusive<T>(ort: object, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(ort) ?? Promise.resolve();
  const run = previous.then(task, task);
  queues.set(
    ort,
    run.catch(() => undefined),
  );
  return run;
}

async function createSession(
  ort: OrtModule,
  source: ModelSource,
  options: InferenceSession.SessionOptions | undefined,
): Promise<InferenceSession> {
  const model = typeof source === 'function' ? await source() : source;
  return typeof model === 'string'
    ? ort.InferenceSession.create(model, options)
    : ort.InferenceSession.create(model, options);
}

export class ClapModel {
  private textBinding: Promise<Binding> | undefined;
  private textInfo: TowerInfo | undefined;
  private tokenizer: Promise<ClapTokenizer> | undefined;

  private constructor(
    private readonly options: ClapModelOptions,
    private readonly audio: Binding,
  ) {}

  /** Creates the audio session now; the text session waits for the first embedText call. */
  static async load(options: ClapModelOptions): Promise<ClapModel> {
    const binding = await exclusive(options.ort, async () => {
      const session = await createSession(options.ort, options.audio.source, options.sessionOptions);
      try {
        return bindAudio(session, options.audio.variant);
      } catch (error) {
        await session.release();
        throw error;
      }
    });
    return new ClapModel(options, binding);
  }

  get info(): ClapModelInfo {
    const { repo, revision, backend, isTestModel } = this.options;
    return {
      repo,
      revision,
      backend,
      isTestModel,
      audio: this.audio.info,
      text: this.textInfo,
      hasText: this.options.text !== undefined,
    };
  }

  /**
   * Unit-length 512-d embeddings, one per feature tensor (each a Float32Array of 1001×64 log-mel
   * values, time-major). Runs in batches of `maxAudioBatch`.
   */
  async embedAudio(features: readonly Float32Array[]): Promise<Float32Array[]> {
    features.forEach((item, i) => {
      if (item.length !== FEATURE_LENGTH) {
        throw new ClapModelError(
          `Feature tensor ${i} has ${item.length} values; expected ${FEATURE_LENGTH}.`,
        );
      }
    });
    const { ort } = this.options;
    const batchSize = Math.max(1, this.options.maxAudioBatch ?? 8);
    const out: Float32Array[] = [];
    for (let start = 0; start < features.length; start += batchSize) {
      const batch = features.slice(start, start + batchSize);
      const data = new Float32Array(batch.length * FEATURE_LENGTH);
      for (const [i, item] of batch.entries()) data.set(item, i * FEATURE_LENGTH);
      const dims = [batch.length, ...FEATURE_DIMS.slice(1)];
      const tensor =
        this.audio.info.inputType === 'float16'
          ? new ort.Tensor('float16', Uint16Array.from(data, floatToHalf), dims)
          : new ort.Tensor('float32', data, dims);
      const result = await exclusive(ort, () => this.audio.session.run({ [this.audio.input]: tensor }));
      out.push(...normalisedRows(result[this.audio.info.output], batch.length, this.audio.info.output));
    }
    return out;
  }

  /** Unit-length 512-d embeddings, one per prompt; each prompt runs alone (batch 1, no padding). */
  async embedText(texts: readonly string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const binding = await this.loadText();
    const tokenizer = await this.loadTokenizer();
    const { ort } = this.options;
    const out: Float32Array[] = [];
    for (const text of texts) {
      const { ids, attentionMask } = tokenizer.encode(text);
      const dims = [1, ids.length];
      const int = (values: BigInt64Array) =>
        binding.info.inputType === 'int32'
          ? new ort.Tensor('int32', Int32Array.from(values, Number), dims)
          : new ort.Tensor('int64', values, dims);
      const feeds: Record<string, Tensor> = { input_ids: int(ids) };
      if (binding.info.attentionMask) feeds.attention_mask = int(attentionMask);
      if (binding.info.inputNames.includes('token_type_ids')) {
        feeds.token_type_ids = int(new BigInt64Array(ids.length));
      }
      const result = await exclusive(ort, () => binding.session.run(feeds));
      out.push(...normalisedRows(result[binding.info.output], 1, binding.info.output));
    }
    return out;
  }

  /** Frees the native/WASM sessions; the model cannot be used afterwards. */
  async release(): Promise<void> {
    const text = this.textBinding;
    this.textBinding = undefined;
    await exclusive(this.options.ort, async () => {
      await this.audio.session.release();
      if (text) await (await text.catch(() => undefined))?.session.release();
    });
  }

  private loadText(): Promise<Binding> {
    const text = this.options.text;
    if (!text) {
      return Promise.reject(
        new ClapModelError('This model was loaded without its text tower, so it cannot embed prompts.'),
      );
    }
    this.textBinding ??= exclusive(this.options.ort, async () => {
      const session = await createSession(this.options.ort, text.source, this.options.sessionOptions);
      try {
        const binding = bindText(session, text.variant);
        this.textInfo = binding.info;
        return binding;
      } catch (error) {
        await session.release();
        throw error;
      }
    });
    // A failed load (say, a download that timed out) may be retried by the next call.
    this.textBinding.catch(() => {
      this.textBinding = undefined;
    });
    return this.textBinding;
  }

  private loadTokenizer(): Promise<ClapTokenizer> {
    const source = this.options.tokenizer;
    if (!source) return Promise.reject(new ClapModelError('This model was loaded without a tokenizer.'));
    this.tokenizer ??= typeof source === 'function' ? source() : Promise.resolve(source);
    this.tokenizer.catch(() => {
      this.tokenizer = undefined;
    });
    return this.tokenizer;
  }
}
