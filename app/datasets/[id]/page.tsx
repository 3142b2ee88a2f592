import Link from 'next/link';
import { ImportPanel } from '@/components/datasets/import/import-panel';
import { DatasetChecklist } from '@/components/datasets/overview/dataset-checklist';
import { DatasetSettings } from '@/components/datasets/overview/dataset-settings';
import { loadDatasetPage } from '@/lib/datasets/page-data';

export default async function DatasetOverviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { dataset } = await loadDatasetPage((await params).id);
  // The layout has already answered (404 or sign-in) when there is nothing to show.
  if (!dataset) return null;
  if (!dataset.isOwner)
    return (
      <div className="stack">
        <section className="card stack-tight" aria-labelledby="browse-heading">
          <h2 id="browse-heading">Browse this dataset</h2>
          <p>
            Listen to every clip, read its caption and tags, and see its licence and quality checks in the
            review view. Keyboard shortcuts work here too (press <kbd>?</kbd> there).
          </p>
          <div>
            <Link
              className="button button-primary"
              href={`/datasets/${encodeURIComponent(dataset.id)}/review`}
            >
              Open the clips
            </Link>
          </div>
        </section>
        <DatasetChecklist initial={dataset} />
      </div>
    );
  return (
    <div className="stack">
      <DatasetChecklist initial={dataset} />
      <ImportPanel datasetId={dataset.id} />
      <DatasetSettings dataset={dataset} />
    </div>
  );
}
