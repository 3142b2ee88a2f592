'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import type { ClapClient } from '../../engine/clap-client';
import { modelManifestQueryOptions, useClapEngine } from '../../engine/use-clap-engine';
import { apiRequest } from '../../http/api-client';
import { fetchTextEmbeddings } from '../../queries/clap';
import { datasetKeys } from '../../queries/datasets';
import { getQueryClient } from '../../queries/query-client';
import { clipSchema } from '../model';
import { ClipScoringRun, type ScoringState } from './clip-scoring';

const IDLE: ScoringState = { running: false, progress: null, error: null, isTestModel: null };

interface Entry {
  run: ClipScoringRun;
  listeners: Set<() => void>;
  /** The latest engine loader from any mounted hook for this dataset. */
  load: (() => Promise<ClapClient>) | null;
  manifestReady: Promise<void>;
  markReady: () => void;
}

// One run per dataset for the whole page: it keeps going while the person navigates.
const runs = new Map<string, Entry>();

function entryFor(datasetId: string): Entry {
  const existing = runs.get(datasetId);
  if (existing) return existing;
  let markReady = () => {};
  const manifestReady = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  let stored = 0;
  const entry: Entry = {
    listeners: new Set(),
    load: null,
    manifestReady,
    markReady,
    run: new ClipScoringRun(
      {
        getClient: async () => {
          // The manifest must be in the cache before useClapEngine's loader can start a worker.
          await getQueryClient().ensureQueryData(modelManifestQueryOptions());
          await entry.manifestReady;
          if (!entry.load) throw new Error('no scoring engine is mounted');
          return entry.load();
        },
        fetchClip: (id) => apiRequest(`/api/clips/${encodeURIComponent(id)}`, clipSchema),
        textEmbeddings: async (texts) => {
          const out: Float32Array[] = [];
          let model = { repo: '', revision: '', isTestModel: false };
          // The route takes at most 64 texts per request.
          for (let i = 0; i < texts.length; i += 64) {
            const response = await fetchTextEmbeddings(texts.slice(i, i + 64));
            model = response.model;
            out.push(...response.embeddings);
          }
          return { ...model, embeddings: out };
        },
        putClap: (id, body) =>
          apiRequest(`/api/clips/${encodeURIComponent(id)}/clap`, clipSchema, { method: 'PUT', body }),
        onStored: (clip, final) => {
          const client = getQueryClient();
          client.setQueryData(datasetKeys.clip(clip.id), clip);
          // Lists and stats refresh every 10 clips and at the end, not after every single one.
          stored++;
          if (final || stored % 10 === 0)
            void client.invalidateQueries({ queryKey: datasetKeys.detail(datasetId) });
        },
      },
      () => {
        for (const listener of entry.listeners) listener();
      },
    ),
  };
  // Server renders get a throwaway entry: runs only ever happen in the browser.
  if (typeof window !== 'undefined') runs.set(datasetId, entry);
  return entry;
}

export interface ClipScoring {
  scoreClips(ids: string[]): Promise<void>;
  running: boolean;
  progress: { done: number; total: number } | null;
  error: string | null;
  /** True once a run has used the test model (its scores are not real CLAP scores). */
  isTestModel: boolean | null;
  /** The engine, for showing which model runs and its download progress. */
  engine: ReturnType<typeof useClapEngine>;
}

/** CLAP previews for a dataset's clips, computed in this browser and stored on the server. */
export function useClipScoring(datasetId: string): ClipScoring {
  const engine = useClapEngine();
  const entry = entryFor(datasetId);
  const loadRef = useRef(engine.load);
  useEffect(() => {
    loadRef.current = engine.load;
  }, [engine.load]);
  useEffect(() => {
    if (!engine.manifest) return;
    entry.load = () => loadRef.current();
    entry.markReady();
  }, [engine.manifest, entry]);

  const subscribe = useCallback(
    (listener: () => void) => {
      entry.listeners.add(listener);
      return () => entry.listeners.delete(listener);
    },
    [entry],
  );
  const state = useSyncExternalStore(
    subscribe,
    () => entry.run.state,
    () => IDLE,
  );
  const queryClient = useQueryClient();
  const scoreClips = useCallback(
    async (ids: string[]) => {
      await entry.run.score(ids);
      void queryClient.invalidateQueries({ queryKey: datasetKeys.detail(datasetId) });
    },
    [entry, datasetId, queryClient],
  );
  return { ...state, scoreClips, engine };
}
