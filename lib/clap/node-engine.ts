/**
 * Server/CLI only: the CLAP model on onnxruntime-node (native, multi-threaded; listed in
 * next.config.ts `serverExternalPackages`). Loads from a local folder or an `hf:` reference through
 * the Hub cache; the audio tower is loaded now, the text tower (and its download) on first use.
 */
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { type ModelFiles, type ModelFilesOptions, openModelFiles } from './model-files';
import { chooseVariant, defaultModelRef, type ModelRef } from './model-spec';
import { ClapModel } from './session';
import { ClapTokenizer } from './tokenizer';

export interface NodeEngineOptions extends ModelFilesOptions {
  /** `hf:owner/name@rev` or a folder; defaults to the pinned default model. */
  model?: string | ModelRef;
  /** Threads per inference; defaults to the number of cores, at most 4. */
  intraOpNumThreads?: number;
  /** Largest audio batch per run. */
  maxAudioBatch?: number;
}

/** Where the server and CLI keep Hub downloads, under the data directory. */
export function defaultModelCacheDir(dataDir: string): string {
  return path.join(path.resolve(dataDir), 'hub-cache');
}

/**
 * One inference at a time gets all cores: two threads on the 2-core reference machine halved the
 * conv-model latency (audio-stack.md §3); beyond 4 the tiny per-window graphs stop scaling.
 */
export function defaultThreads(): number {
  return Math.max(1, Math.min(4, os.availableParallelism()));
}

export async function loadNodeClapModel(options: NodeEngineOptions): Promise<ClapModel> {
  const files = await openModelFiles(options.model ?? defaultModelRef(), options);
  return createNodeClapModel(files, options);
}

/** Builds the model from already-opened files (the CLI opens them itself to report progress). */
export async function createNodeClapModel(
  files: ModelFiles,
  options: Pick<NodeEngineOptions, 'intraOpNumThreads' | 'maxAudioBatch'> = {},
): Promise<ClapModel> {
  const runtime = { backend: 'cpu', shaderF16: false } as const;
  const audioVariant = chooseVariant(runtime, files.variants.audio);
  const textVariant =
    files.variants.text.length > 0 ? chooseVariant(runtime, files.variants.text) : undefined;
  return ClapModel.load({
    ort,
    backend: 'cpu',
    repo: files.repo,
    revision: files.revision,
    isTestModel: files.isTestModel,
    audio: { source: await files.onnxFile('audio', audioVariant), variant: audioVariant },
    text: textVariant && { source: () => files.onnxFile('text', textVariant), variant: textVariant },
    tokenizer: async () => ClapTokenizer.fromJson(files.tokenizerJson, files.tokenizerConfig),
    maxAudioBatch: options.maxAudioBatch,
    sessionOptions: {
      executionProviders: ['cpu'],
      graphOptimizationLevel: 'all',
      intraOpNumThreads: options.intraOpNumThreads ?? defaultThreads(),
      interOpNumThreads: 1,
      executionMode: 'sequential',
      // Errors only: ORT's graph-cleanup warnings are noise on a user's terminal.
      logSeverityLevel: 3,
    },
  });
}
