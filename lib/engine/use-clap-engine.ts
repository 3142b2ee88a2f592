'use client';

import { queryOptions, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { apiRequest } from '../http/api-client';
import { ClapClient } from './clap-client';
import {
  type Backend,
  type ModelInfo,
  type ModelManifest,
  modelManifestSchema,
  type ProgressEvent,
} from './protocol';

export const modelManifestQueryOptions = () =>
  queryOptions({
    queryKey: ['clap-model', 'manifest'],
    queryFn: () => apiRequest('/api/models', modelManifestSchema),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });

// One worker per page, shared by every component that scores (a model loads once).
let shared: { key: string; client: ClapClient } | undefined;

type Precision = 'fp32' | 'fp16' | 'quantized';

function clientFor(
  manifest: ModelManifest,
  { backend, precision }: { backend?: Backend; precision?: Precision },
  onProgress: (e: ProgressEvent) => void,
) {
  const key = `${manifest.key}:${backend ?? 'auto'}:${precision ?? 'auto'}`;
  if (shared?.key !== key) {
    shared?.client.dispose();
    shared = {
      key,
      client: new ClapClient({
        // This exact `new Worker(new URL(…, import.meta.url))` form is what bundlers recognise.
        createWorker: () =>
          new Worker(new URL('../../workers/clap.worker.ts', import.meta.url), { type: 'module' }),
        manifest,
        ...(backend ? { backend } : {}),
        ...(precision ? { variant: precision } : {}),
        onProgress: (event) => {
          for (const listener of listeners) listener(event);
        },
      }),
    };
  }
  listeners.add(onProgress);
  return shared.client;
}

const listeners = new Set<(event: ProgressEvent) => void>();

export interface LoadProgress {
  loaded: number;
  total: number;
  stage: ProgressEvent['stage'];
  file?: string;
}

/**
 * Overrides from the URL: `?backend=wasm` for people whose GPU misbehaves, `?precision=fp32` for
 * the validator's exact weights on WASM (larger download than the default quantized file).
 */
function urlOverrides(): { backend?: Backend; precision?: Precision } {
  if (typeof window === 'undefined') return {};
  const params = new URLSearchParams(window.location.search);
  const backend = params.get('backend');
  const precision = params.get('precision');
  return {
    ...(backend === 'wasm' || backend === 'webgpu' ? { backend } : {}),
    ...(precision === 'fp32' || precision === 'fp16' || precision === 'quantized' ? { precision } : {}),
  };
}

export function useClapEngine() {
  const manifest = useQuery(modelManifestQueryOptions());
  const [info, setInfo] = useState<ModelInfo | null>(null);
  const [progress, setProgress] = useState<LoadProgress | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const clientRef = useRef<ClapClient | null>(null);
  const perFile = useRef(new Map<string, { loaded: number; total: number }>());

  const onProgress = useCallback((event: ProgressEvent) => {
    if (event.stage !== 'download') {
      setProgress({ loaded: event.loaded, total: event.total, stage: event.stage });
      return;
    }
    perFile.current.set(event.file ?? '', { loaded: event.loaded, total: event.total });
    let loaded = 0;
    let total = 0;
    for (const entry of perFile.current.values()) {
      loaded += entry.loaded;
      total += entry.total;
    }
    setProgress({ loaded, total, stage: 'download', ...(event.file ? { file: event.file } : {}) });
  }, []);

  useEffect(() => () => void listeners.delete(onProgress), [onProgress]);

  const getClient = useCallback(async (): Promise<ClapClient> => {
    if (!manifest.data) throw new Error(manifest.error?.message ?? 'The scoring model is not available yet.');
    clientRef.current ??= clientFor(manifest.data, urlOverrides(), onProgress);
    const client = clientRef.current;
    try {
      setLoadError(null);
      setInfo(await client.load());
    } catch (error) {
      setLoadError(error instanceof Error ? error.message : String(error));
      throw error;
    }
    return client;
  }, [manifest.data, manifest.error, onProgress]);

  return {
    manifest: manifest.data ?? null,
    manifestError: manifest.error?.message ?? null,
    info,
    progress,
    loadError,
    load: getClient,
  };
}
