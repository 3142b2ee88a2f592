/**
 * One dataset clip → its CLAP audio embedding, computed in this browser's CLAP worker from the
 * clip's audio (GET /api/clips/:id/audio: rendered WAV for modules), honouring its trim, with the
 * dataset's window seed. Scoring and suggestions share a small cache, so suggesting tags right
 * after scoring does not embed the clip twice.
 */
import type { ClapClient } from '../../engine/clap-client';
import type { ModelInfo } from '../../engine/protocol';
import type { Clip } from '../model';

/**
 * The window seed for previews in a dataset: `dataset:<id>`. Fixed per dataset so a clip's preview
 * is reproducible (`genki embed --seed dataset:<id>` gives the same number) and stable across
 * sessions; it is not any validator round's seed, so treat previews as a guide, not a promise.
 */
export function datasetWindowSeed(datasetId: string): string {
  return `dataset:${datasetId}`;
}

export type EmbeddableClip = Pick<Clip, 'id' | 'datasetId' | 'audioSha256' | 'trim' | 'fileName'>;

export interface ClipAudioEmbedding {
  embedding: Float32Array;
  info: ModelInfo;
  seed: string;
  trim: { start: number; end: number } | null;
}

const MAX_CACHED = 512;
const cache = new Map<string, Promise<ClipAudioEmbedding>>();

function cacheKey(clip: EmbeddableClip, info: ModelInfo, seed: string): string {
  const trim = clip.trim ? `${clip.trim.start}-${clip.trim.end}` : 'full';
  return [clip.id, clip.audioSha256, trim, seed, info.repo, info.revision, info.variant, info.backend].join(
    '|',
  );
}

async function fetchAudio(clipId: string, signal?: AbortSignal): Promise<ArrayBuffer> {
  const response = await fetch(`/api/clips/${encodeURIComponent(clipId)}/audio`, {
    credentials: 'same-origin',
    ...(signal ? { signal } : {}),
  });
  if (!response.ok) {
    const detail = await response
      .json()
      .then((body: { error?: { message?: string } }) => body.error?.message)
      .catch(() => undefined);
    throw new Error(detail ?? `its audio could not be fetched (HTTP ${response.status})`);
  }
  return response.arrayBuffer();
}

export async function embedDatasetClip(
  client: ClapClient,
  clip: EmbeddableClip,
): Promise<ClipAudioEmbedding> {
  const info = await client.load();
  const seed = datasetWindowSeed(clip.datasetId);
  const key = cacheKey(clip, info, seed);
  let entry = cache.get(key);
  if (!entry) {
    entry = (async () => {
      const bytes = await fetchAudio(clip.id);
      const trim = clip.trim && clip.trim.end > clip.trim.start ? clip.trim : null;
      // The name only helps formats without magic bytes (old MODs, MP3s with junk up front); a
      // rendered module arrives as WAV, and magic bytes always win over the name.
      const result = await client.embedAudio(bytes, {
        fileName: clip.fileName,
        seed,
        ...(trim ? { trim: { startSeconds: trim.start, endSeconds: trim.end } } : {}),
      });
      return { embedding: result.embedding, info, seed, trim };
    })();
    entry.catch(() => cache.delete(key));
    cache.set(key, entry);
    if (cache.size > MAX_CACHED) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
  }
  return entry;
}
