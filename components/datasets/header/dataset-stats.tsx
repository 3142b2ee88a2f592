'use client';

/**
 * The dataset's numbers under its name. Seeded by the server render and kept live by react-query,
 * so review decisions, imports and scoring runs update it without a reload.
 */
import { useQuery } from '@tanstack/react-query';
import type { DatasetSummary } from '@/lib/datasets/model';
import { formatScore, formatShare, formatTotalDuration, plural } from '@/lib/datasets/review/format';
import { datasetOptions } from '@/lib/queries/datasets';
import { StatusBar } from '../shared/status-bar';

export function DatasetStats({ initial }: { initial: DatasetSummary }) {
  const { data } = useQuery({ ...datasetOptions(initial.id), initialData: initial });
  const { stats } = data;
  const unlicensed = stats.clips - stats.licensed;
  const uncaptioned = stats.clips - stats.captioned;
  return (
    <section className="dataset-stats" aria-label="Dataset statistics">
      <dl className="stat-grid">
        <div className="stat">
          <dt>Clips</dt>
          <dd>{stats.clips.toLocaleString('en')}</dd>
        </div>
        <div className="stat">
          <dt>Total duration</dt>
          <dd>{formatTotalDuration(stats.totalSeconds)}</dd>
        </div>
        <div className="stat">
          <dt>Mean CLAP score</dt>
          <dd>
            {formatScore(stats.meanScore)}
            <span className="stat-note">{formatShare(stats.scored, stats.clips)} scored</span>
          </dd>
        </div>
        <div className="stat">
          <dt>Captioned</dt>
          <dd className={uncaptioned > 0 ? 'text-warn' : undefined}>
            {formatShare(stats.captioned, stats.clips)}
            <span className="stat-note">{plural(stats.captioned, 'clip')}</span>
          </dd>
        </div>
        <div className="stat">
          <dt>Licensed</dt>
          <dd className={unlicensed > 0 ? 'text-warn' : undefined}>
            {formatShare(stats.licensed, stats.clips)}
            <span className="stat-note">
              {unlicensed > 0 ? `${unlicensed.toLocaleString('en')} unknown` : 'all known'}
            </span>
          </dd>
        </div>
        <div className="stat">
          <dt>Quality</dt>
          <dd className="stat-quality">
            <span className="quality-pass-text">{(stats.quality.pass ?? 0).toLocaleString('en')} ok</span>
            <span className="quality-warn-text">{(stats.quality.warn ?? 0).toLocaleString('en')} warn</span>
            <span className="quality-fail-text">{(stats.quality.fail ?? 0).toLocaleString('en')} fail</span>
          </dd>
        </div>
      </dl>
      <StatusBar byStatus={stats.byStatus} total={stats.clips} />
    </section>
  );
}
