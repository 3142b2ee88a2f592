/** One dataset in the /datasets list: name, visibility, the numbers that decide whether it is ready. */
import Link from 'next/link';
import type { DatasetSummary } from '@/lib/datasets/model';
import {
  formatScore,
  formatShare,
  formatTotalDuration,
  plural,
  shortAddress,
} from '@/lib/datasets/review/format';
import { StatusBar } from '../shared/status-bar';
import { VisibilityBadge } from '../shared/visibility-badge';

export function DatasetCard({ dataset }: { dataset: DatasetSummary }) {
  const { stats } = dataset;
  const unlicensed = stats.clips - stats.licensed;
  return (
    <article className="card dataset-card">
      <header className="dataset-card-head">
        <h3>
          <Link href={`/datasets/${encodeURIComponent(dataset.id)}`} className="dataset-card-link">
            {dataset.name}
          </Link>
        </h3>
        <VisibilityBadge visibility={dataset.visibility} />
      </header>
      {!dataset.isOwner && (
        <p className="muted dataset-card-owner">By {dataset.ownerName ?? shortAddress(dataset.owner)}</p>
      )}
      {dataset.description && <p className="dataset-card-description">{dataset.description}</p>}
      <dl className="dataset-card-stats">
        <div>
          <dt>Clips</dt>
          <dd>{stats.clips.toLocaleString('en')}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{formatTotalDuration(stats.totalSeconds)}</dd>
        </div>
        <div>
          <dt>Mean CLAP</dt>
          <dd>
            {formatScore(stats.meanScore)}
            {stats.clips > 0 && (
              <span className="muted"> ({formatShare(stats.scored, stats.clips)} scored)</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Licensed</dt>
          <dd className={unlicensed > 0 ? 'text-warn' : undefined}>
            {formatShare(stats.licensed, stats.clips)}
          </dd>
        </div>
      </dl>
      <StatusBar byStatus={stats.byStatus} total={stats.clips} />
      {dataset.isOwner && unlicensed > 0 && (
        <p className="hint text-warn">
          {plural(unlicensed, 'clip')} without a licence: publishing is blocked.
        </p>
      )}
    </article>
  );
}
