/**
 * Main-thread side of the CLAP worker: picks the backend once (WebGPU when an adapter exists, else
 * WASM), starts a fresh WASM worker when WebGPU fails (ORT's wasm module cannot be re-initialised
 * in the same JS context), and turns worker messages into promises. All heavy work (decode,
 * resample, features, inference) happens in the worker; the page only posts bytes.
 */
import {
  type AudioEmbedding,
  type Backend,
  type ModelInfo,
  type ModelManifest,
  type ProgressEvent,
  type WorkerRequest,
  type WorkerResponse,
  workerResponseSchema,
} from './protocol';

export type EngineErrorCode = Extract<WorkerResponse, { type: 'error' }>['code'] | 'worker_crashed';

export class EngineError extends Error {
  override name = 'EngineError';
  constructor(
    readonly code: EngineErrorCode,
    message: string,
  ) {
    super(message);
  }
}

interface Pending {
  resolve: (response: WorkerResponse) => void;
  reject: (error: EngineError) => void;
  onProgress?: (event: ProgressEvent) => void;
}

type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;
type RequestBody = Distribute<WorkerRequest>;

interface GpuLike {
  requestAdapter(): Promise<unknown | null>;
}

/** WebGPU is used only when the browser hands out an adapter; the answer is fixed before any session. */
export async function detectBackend(): Promise<Backend> {
  const gpu = (globalThis.navigator as Navigator & { gpu?: GpuLike }).gpu;
  if (!gpu) return 'wasm';
  try {
    return (await gpu.requestAdapter()) ? 'webgpu' : 'wasm';
  } catch {
    return 'wasm';
  }
}

class WorkerConnection {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(readonly worker: Worker) {
    worker.onmessage = (event: MessageEvent<unknown>) => this.receive(event.data);
    worker.onerror = (event) =>
      this.failAll(`The scoring worker stopped: ${event.message || 'script error'}.`);
    worker.onmessageerror = () => this.failAll('The scoring worker sent a message that could not be read.');
  }

  send(body: RequestBody, transfer: Transferable[] = [], onProgress?: (event: ProgressEvent) => void) {
    const id = this.nextId++;
    return new Promise<WorkerResponse>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, ...(onProgress ? { onProgress } : {}) });
      this.worker.postMessage({ ...body, id }, transfer);
    });
  }

  terminate(reason: string) {
    this.worker.terminate();
    this.failAll(reason);
  }

  private receive(data: unknown) {
    const parsed = workerResponseSchema.safeParse(data);
    if (!parsed.success) {
      this.failAll('The scoring worker sent a malformed message.');
      return;
    }
    const message = parsed.data;
    const entry = this.pending.get(message.id);
    if (!entry) return;
    if (message.type === 'progress') {
      entry.onProgress?.(message);
      return;
    }
    this.pending.delete(message.id);
    if (message.type === 'error') entry.reject(new EngineError(message.code, message.message));
    else entry.resolve(message);
  }

  private failAll(message: string) {
    for (const entry of this.pending.values()) entry.reject(new EngineError('worker_crashed', message));
    this.pending.clear();
  }
}

export interface ClapClientOptions {
  createWorker: () => Worker;
  manifest: ModelManifest;
  /** Force a backend (tests, or a user who prefers WASM); otherwise detected. */
  backend?: Backend;
  /** Force a model precision; otherwise chosen per backend (quantized on WASM, fp16/fp32 on WebGPU). */
  variant?: 'fp32' | 'fp16' | 'quantized';
  onProgress?: (event: ProgressEvent) => void;
}

export class ClapClient {
  private connection: WorkerConnection | undefined;
  private loading: Promise<ModelInfo> | undefined;

  constructor(private readonly options: ClapClientOptions) {}

  /** Loads the model once; later calls share the same promise. */
  load(): Promise<ModelInfo> {
    this.loading ??= this.start().catch((error: unknown) => {
      this.loading = undefined;
      throw error;
    });
    return this.loading;
  }

  async embedAudio(
    bytes: ArrayBuffer,
    request: {
      fileName?: string;
      seed: string;
      windows?: number;
      trim?: { startSeconds: number; endSeconds: number };
    },
    onProgress?: (event: ProgressEvent) => void,
  ): Promise<AudioEmbedding> {
    const connection = await this.ready();
    const response = await connection.send(
      {
        type: 'embed-audio',
        bytes,
        ...(request.fileName ? { fileName: request.fileName } : {}),
        windows: { seed: request.seed, ...(request.windows ? { count: request.windows } : {}) },
        ...(request.trim ? { trim: request.trim } : {}),
      },
      [bytes],
      onProgress,
    );
    if (response.type !== 'audio-embedding')
      throw new EngineError('internal', 'Unexpected answer from the worker.');
    return response.result;
  }

  async embedText(texts: string[]): Promise<Float32Array[]> {
    const connection = await this.ready();
    const response = await connection.send({ type: 'embed-text', texts });
    if (response.type !== 'text-embeddings')
      throw new EngineError('internal', 'Unexpected answer from the worker.');
    return response.embeddings;
  }

  dispose() {
    this.connection?.terminate('The scoring engine was closed.');
    this.connection = undefined;
    this.loading = undefined;
  }

  private async ready(): Promise<WorkerConnection> {
    await this.load();
    if (!this.connection) throw new EngineError('worker_crashed', 'The scoring worker is not running.');
    return this.connection;
  }

  private async start(): Promise<ModelInfo> {
    const backend = this.options.backend ?? (await detectBackend());
    try {
      return await this.startWith(backend);
    } catch (error) {
      if (backend === 'webgpu' && error instanceof EngineError && error.code === 'backend_failed') {
        // A failed WebGPU start can leave ORT's wasm module half-initialised: fall back in a fresh worker.
        this.connection?.terminate('Falling back to WASM.');
        return this.startWith('wasm');
      }
      throw error;
    }
  }

  private async startWith(backend: Backend): Promise<ModelInfo> {
    this.connection = new WorkerConnection(this.options.createWorker());
    const response = await this.connection.send(
      {
        type: 'load',
        backend,
        manifest: this.options.manifest,
        ...(this.options.variant ? { variant: this.options.variant } : {}),
      },
      [],
      this.options.onProgress,
    );
    if (response.type !== 'ready') throw new EngineError('internal', 'Unexpected answer from the worker.');
    return response.info;
  }
}
