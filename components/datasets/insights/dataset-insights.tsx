'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { ScoreClipsControl } from '@/components/datasets/clap/score-clips-control';
import { TestModelNote } from '@/components/datasets/clap/test-model-note';
import { scoreHistogram, summarizeScores } from '@/lib/datasets/client/histogram';
import {
  analyseEmbeddings,
  fetchDatasetEmbeddings,
  sameModelEmbeddings,
} from '@/lib/datasets/client/insights-client';
import { modelManifestQueryOptions } from '@/lib/engine/use-clap-engine';
import { clipListOptions, datasetKeys } from '@/lib/queries/datasets';
import { ClipMap, type ClipMapInfo } from './clip-map';
import { NearDuplicateList } from './near-duplicate-list';
import { ScoreHistogram } from './score-histogram';

const fmt = (value: number | null) => (value === null ? '–' : value.toFixed(3));

/**
 * The Insights page body: scoring controls, the distribution of stored CLAP previews, and a
 * diversity view (PCA map of the clips' audio embeddings, near-duplicate pairs).
 */
export function DatasetInsights({ datasetId }: { datasetId: string }) {
  const clips = useQuery(clipListOptions(datasetId));
  const manifest = useQuery(modelManifestQueryOptions());
  const embeddings = useQuery({
    queryKey: [...datasetKeys.detail(datasetId), 'embeddings'],
    queryFn: () => fetchDatasetEmbeddings(datasetId),
  });
  const usable = useMemo(
    () => (embeddings.data ? sameModelEmbeddings(embeddings.data) : null),
    [embeddings.data],
  );
  const analysis = useQuery({
    // Keyed by the embeddings' fetch time and outside the dataset prefix: invalidating the dataset
    // refetches the embeddings, and only new embeddings start a new (seconds-long) analysis.
    queryKey: ['dataset-insights', datasetId, embeddings.dataUpdatedAt],
    queryFn: () => (usable ? analyseEmbeddings(usable) : Promise.reject(new Error('no data'))),
    enabled: usable !== null,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 60_000,
    retry: false,
  });

  const stats = useMemo(() => {
    const rows = clips.data?.clips ?? [];
    const scored = rows.filter((row) => row.clapScore !== null);
    const scores = scored.map((row) => row.clapScore ?? 0);
    return {
      total: rows.length,
      summary: summarizeScores(scores),
      bins: scoreHistogram(scores),
      stale: scored.filter((row) => row.clapStale).length,
      info: new Map<string, ClipMapInfo>(
        rows.map((row) => [row.id, { name: row.fileName, score: row.clapScore }]),
      ),
    };
  }, [clips.data]);
  const { summary, bins, stale, info } = stats;
  const flagged = useMemo(
    () => new Set(analysis.data?.pairs.flatMap((pair) => [pair.a, pair.b]) ?? []),
    [analysis.data],
  );

  return (
    <div className="stack insights">
      <ScoreClipsControl datasetId={datasetId} />
      <section className="card stack" aria-labelledby="scores-heading">
        <h2 id="scores-heading">Scores</h2>
        {manifest.data?.isTestModel && <TestModelNote />}
        {clips.error && (
          <p className="alert" role="alert">
            {clips.error.message}
          </p>
        )}
        <dl className="facts stat-facts">
          <dt>Scored clips</dt>
          <dd>
            {summary.count} of {stats.total}
          </dd>
          <dt>Mean score</dt>
          <dd data-testid="mean-score">{fmt(summary.mean)}</dd>
          <dt>Median score</dt>
          <dd data-testid="median-score">{fmt(summary.median)}</dd>
          <dt>Stale scores</dt>
          <dd data-testid="stale-count">
            {stale}
            {stale > 0 && <span className="hint"> (caption or trim changed since scoring)</span>}
          </dd>
        </dl>
        {summary.count > 0 ? (
          <ScoreHistogram bins={bins} mean={summary.mean} />
        ) : (
          clips.data && (
            <p className="hint">No clip has a stored preview yet: score the clips to see the histogram.</p>
          )
        )}
      </section>
      <section className="card stack" aria-labelledby="diversity-heading">
        <h2 id="diversity-heading">Diversity</h2>
        <p className="hint">
          Validators also reward miners whose music differs from other miners’ (FAD between miners), and a
          dataset of near-identical clips teaches Ruby one sound. The map and the pairs below use the audio
          embeddings stored with each clip’s preview.
        </p>
        {embeddings.error && (
          <p className="alert" role="alert">
            The embeddings could not be loaded: {embeddings.error.message}
          </p>
        )}
        {analysis.error && (
          <p className="alert" role="alert">
            The map could not be computed: {analysis.error.message}
          </p>
        )}
        {usable && usable.clips.length < 2 && (
          <p className="hint">Score at least two clips to see the map.</p>
        )}
        {usable && usable.left > 0 && (
          <p className="hint">
            {usable.left} clip{usable.left === 1 ? ' was' : 's were'} scored with a different model than{' '}
            <code>{usable.model}</code> and {usable.left === 1 ? 'is' : 'are'} left off the map: score them
            again.
          </p>
        )}
        {usable && usable.clips.length >= 2 && !analysis.data && !analysis.error && (
          <p aria-live="polite">Computing the map of {usable.clips.length} clips…</p>
        )}
        {analysis.data && analysis.data.points.length >= 2 && (
          <>
            <ClipMap
              datasetId={datasetId}
              points={analysis.data.points}
              info={info}
              flagged={flagged}
              explained={analysis.data.explained}
            />
            <NearDuplicateList datasetId={datasetId} pairs={analysis.data.pairs} info={info} />
          </>
        )}
      </section>
    </div>
  );
}
