/** The dataset's name, visibility and owner above every dataset tab. */
import Link from 'next/link';
import type { DatasetSummary } from '@/lib/datasets/model';
import { shortAddress } from '@/lib/datasets/review/format';
import { VisibilityBadge } from '../shared/visibility-badge';
import { DatasetStats } from './dataset-stats';
import { DatasetTabs } from './dataset-tabs';

export function DatasetHeader({ dataset }: { dataset: DatasetSummary }) {
  return (
    <header className="dataset-header">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/datasets">Datasets</Link> <span aria-hidden="true">/</span>
      </nav>
      <div className="dataset-title-row">
        <h1>{dataset.name}</h1>
        <VisibilityBadge visibility={dataset.visibility} />
        {!dataset.isOwner && <span className="badge">Read-only</span>}
      </div>
      {!dataset.isOwner && (
        <p className="muted">
          Shared by {dataset.ownerName ?? shortAddress(dataset.owner)}. You can browse and listen; only the
          owner can change it.
        </p>
      )}
      {dataset.description && <p className="dataset-description">{dataset.description}</p>}
      <DatasetStats initial={dataset} />
      <DatasetTabs datasetId={dataset.id} isOwner={dataset.isOwner} />
    </header>
  );
}
