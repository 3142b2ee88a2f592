/**
 * Page side of the insights worker, plus the embeddings route it reads. A fresh worker per analysis:
 * it runs rarely, holds megabytes while it works, and terminating it frees them at once.
 */
import { apiRequest } from '../../http/api-client';
import { type DatasetEmbeddingsResponse, datasetEmbeddingsResponseSchema } from '../model';
import { type InsightsResponse, insightsResponseSchema } from './insights-protocol';
import { NEAR_DUPLICATE_COSINE } from './near-duplicates';

export type DatasetEmbeddings = DatasetEmbeddingsResponse;

/** GET /api/datasets/:id/embeddings: the stored preview embedding of every scored clip. */
export function fetchDatasetEmbeddings(datasetId: string): Promise<DatasetEmbeddings> {
  return apiRequest(
    `/api/datasets/${encodeURIComponent(datasetId)}/embeddings`,
    datasetEmbeddingsResponseSchema,
  );
}

/**
 * Embeddings from different models live in different spaces and cannot share a map: keep the
 * model most clips were scored with, and count the others.
 */
export function sameModelEmbeddings(data: DatasetEmbeddings): {
  clips: DatasetEmbeddings['clips'];
  model: string | null;
  left: number;
} {
  const counts = new Map<string, number>();
  for (const clip of data.clips) counts.set(clip.model, (counts.get(clip.model) ?? 0) + 1);
  let model: string | null = null;
  let best = 0;
  for (const [name, count] of counts) {
    if (count > best) {
      model = name;
      best = count;
    }
  }
  const clips = data.clips.filter((clip) => clip.model === model);
  return { clips, model, left: data.clips.length - clips.length };
}

export interface ClipMapPoint {
  id: string;
  x: number;
  y: number;
}

export interface EmbeddingAnalysis {
  points: ClipMapPoint[];
  explained: number[];
  pairs: { a: string; b: string; cosine: number }[];
}

export function analyseEmbeddings(
  data: Pick<DatasetEmbeddings, 'clips'>,
  threshold = NEAR_DUPLICATE_COSINE,
): Promise<EmbeddingAnalysis> {
  const n = data.clips.length;
  const d = 512;
  if (n === 0) return Promise.resolve({ points: [], explained: [], pairs: [] });
  const rows = new Float32Array(n * d);
  data.clips.forEach((clip, r) => {
    rows.set(clip.embedding, r * d);
  });
  const worker = new Worker(new URL('../../../workers/dataset-insights.worker.ts', import.meta.url), {
    type: 'module',
  });
  return new Promise<EmbeddingAnalysis>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<unknown>) => {
      worker.terminate();
      const parsed = insightsResponseSchema.safeParse(event.data);
      if (!parsed.success) {
        reject(new Error('The insights worker sent a malformed message.'));
        return;
      }
      const message: InsightsResponse = parsed.data;
      if (message.type === 'error') {
        reject(new Error(message.message));
        return;
      }
      const idOf = (index: number) => data.clips[index]?.id ?? '';
      resolve({
        points: data.clips.map((clip, r) => ({
          id: clip.id,
          x: message.coords[r * 2] ?? 0,
          y: message.coords[r * 2 + 1] ?? 0,
        })),
        explained: message.explained,
        pairs: message.pairs.map((pair) => ({ a: idOf(pair.a), b: idOf(pair.b), cosine: pair.cosine })),
      });
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`The insights worker stopped: ${event.message || 'script error'}.`));
    };
    worker.postMessage({ type: 'analyse', id: 1, rows, n, d, threshold }, [rows.buffer]);
  });
}
