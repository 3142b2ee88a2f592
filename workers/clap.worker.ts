/// <reference lib="webworker" />
/**
 * The CLAP Web Worker: decode → resample → features → ONNX embedding, all off the main thread, with
 * the same engine code the validator and the CLI run. Messages are handled one at a time (ORT
 * sessions must not run concurrently); every message in and out is checked against the protocol.
 */
import * as ort from 'onnxruntime-web';
import { prepareAudio } from '@/lib/audio/prepare';
import { AudioDecodeError } from '@/lib/audio/types';
import { ClapExtractor } from '@/lib/clap/features';
import { availableVariants, chooseVariant, MODEL_FILES, onnxPath } from '@/lib/clap/model-spec';
import { ClapModel } from '@/lib/clap/session';
import { ClapTokenizer } from '@/lib/clap/tokenizer';
import { embedClip, trimSamples } from '@/lib/engine/embed-clip';
import { fetchModelFile } from '@/lib/engine/model-fetch';
import {
  type Backend,
  type ModelManifest,
  type WorkerRequest,
  type WorkerResponse,
  workerRequestSchema,
} from '@/lib/engine/protocol';

declare const self: DedicatedWorkerGlobalScope;

// The runtime files are served by the app itself (scripts/copy-ort.mjs), never from a CDN.
ort.env.wasm.wasmPaths = `/ort/${ort.env.versions.web}/`;
// ORT's default is ⌈cores/2⌉, i.e. 1 thread on a 2-core machine; threads need cross-origin isolation.
const threads = self.crossOriginIsolated ? Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1)) : 1;
ort.env.wasm.numThreads = threads;

let model: ClapModel | undefined;
const extractor = new ClapExtractor();

function post(message: WorkerResponse, transfer: Transferable[] = []) {
  self.postMessage(message, transfer);
}

async function hasShaderF16(): Promise<boolean> {
  const gpu = (
    navigator as Navigator & { gpu?: { requestAdapter(): Promise<{ features: Set<string> } | null> } }
  ).gpu;
  const adapter = await gpu?.requestAdapter();
  if (!adapter) throw new Error('No WebGPU adapter is available in this browser.');
  return adapter.features.has('shader-f16');
}

async function readJson(manifest: ModelManifest, filePath: string, id: number): Promise<unknown> {
  const bytes = await fetchModelFile(manifest, filePath, (loaded, total) =>
    post({ type: 'progress', id, stage: 'download', loaded, total, file: filePath }),
  );
  return JSON.parse(new TextDecoder().decode(bytes));
}

async function load(request: Extract<WorkerRequest, { type: 'load' }>) {
  const { id, manifest, backend } = request;
  const available = availableVariants(manifest.files.map((file) => file.path));
  let shaderF16 = false;
  if (backend === 'webgpu') {
    try {
      shaderF16 = await hasShaderF16();
    } catch (error) {
      throw new BackendFailure((error as Error).message);
    }
  }
  const runtime = { backend, shaderF16 } as const;
  const pick = (tower: 'audio' | 'text') =>
    request.variant && available[tower].includes(request.variant)
      ? request.variant
      : chooseVariant(runtime, available[tower]);
  const audioVariant = pick('audio');
  const textVariant = available.text.length > 0 ? pick('text') : undefined;
  const audioPath = onnxPath('audio', audioVariant);
  const audioBytes = await fetchModelFile(manifest, audioPath, (loaded, total) =>
    post({ type: 'progress', id, stage: 'download', loaded, total, file: audioPath }),
  );
  post({ type: 'progress', id, stage: 'compile', loaded: 0, total: 1 });
  const sessionOptions = { executionProviders: [backend], graphOptimizationLevel: 'all' as const };
  try {
    model = await ClapModel.load({
      ort,
      backend,
      repo: manifest.repo,
      revision: manifest.revision,
      isTestModel: manifest.isTestModel,
      audio: { source: audioBytes, variant: audioVariant },
      ...(textVariant
        ? {
            text: {
              source: () =>
                fetchModelFile(manifest, onnxPath('text', textVariant), (loaded, total) =>
                  post({
                    type: 'progress',
                    id: 0,
                    stage: 'download',
                    loaded,
                    total,
                    file: onnxPath('text', textVariant),
                  }),
                ),
              variant: textVariant,
            },
          }
        : {}),
      tokenizer: async () =>
        ClapTokenizer.fromJson(
          await readJson(manifest, MODEL_FILES.tokenizer, 0),
          manifest.files.some((file) => file.path === MODEL_FILES.tokenizerConfig)
            ? await readJson(manifest, MODEL_FILES.tokenizerConfig, 0)
            : undefined,
        ),
      sessionOptions,
    });
    // A GPU can load a model and still compute garbage; check one window before trusting it.
    const [probe] = await model.embedAudio([extractor.extract(new Float32Array(48000))]);
    if (!probe?.every(Number.isFinite)) throw new Error('the model produced non-finite output');
  } catch (error) {
    model = undefined;
    if (backend === 'webgpu') throw new BackendFailure((error as Error).message);
    throw error;
  }
  post({
    type: 'ready',
    id,
    info: {
      repo: manifest.repo,
      revision: manifest.revision,
      label: manifest.label,
      isTestModel: manifest.isTestModel,
      backend: backend as Backend,
      variant: audioVariant,
      threads: backend === 'wasm' ? threads : 0,
    },
  });
}

class BackendFailure extends Error {}

async function handle(request: WorkerRequest) {
  switch (request.type) {
    case 'load':
      return load(request);
    case 'embed-audio': {
      if (!model) throw new Error('Load a model first.');
      post({ type: 'progress', id: request.id, stage: 'decode', loaded: 0, total: 1 });
      const prepared = await prepareAudio(new Uint8Array(request.bytes), {
        ...(request.fileName ? { fileName: request.fileName } : {}),
      });
      const samples = trimSamples(prepared.samples, request.trim);
      post({ type: 'progress', id: request.id, stage: 'features', loaded: 0, total: 1 });
      const clip = await embedClip(model, samples, request.windows, extractor);
      post(
        {
          type: 'audio-embedding',
          id: request.id,
          result: { ...clip, source: prepared.source },
        },
        [clip.embedding.buffer],
      );
      return;
    }
    case 'embed-text': {
      if (!model) throw new Error('Load a model first.');
      const embeddings = await model.embedText(request.texts);
      post(
        { type: 'text-embeddings', id: request.id, embeddings },
        embeddings.map((embedding) => embedding.buffer),
      );
      return;
    }
  }
}

function fail(id: number, error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof BackendFailure) post({ type: 'error', id, code: 'backend_failed', message });
  else if (error instanceof AudioDecodeError) post({ type: 'error', id, code: 'bad_audio', message });
  else post({ type: 'error', id, code: model ? 'internal' : 'model_unavailable', message });
}

let queue: Promise<void> = Promise.resolve();

self.onmessage = (event: MessageEvent<unknown>) => {
  const parsed = workerRequestSchema.safeParse(event.data);
  if (!parsed.success) {
    const id =
      typeof (event.data as { id?: unknown })?.id === 'number' ? (event.data as { id: number }).id : -1;
    post({
      type: 'error',
      id,
      code: 'bad_request',
      message: `Malformed request: ${parsed.error.issues[0]?.message}`,
    });
    return;
  }
  const request = parsed.data;
  queue = queue.then(() => handle(request).catch((error: unknown) => fail(request.id, error)));
};
