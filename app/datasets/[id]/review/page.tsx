import { Suspense } from 'react';
import { ReviewWorkspace } from '@/components/datasets/review/review-workspace';
import { loadDatasetPage } from '@/lib/datasets/page-data';

export default async function DatasetReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { dataset } = await loadDatasetPage((await params).id);
  if (!dataset) return null;
  return (
    <>
      <h2 className="visually-hidden">Review clips</h2>
      {/* The workspace reads its filters and selection from the URL (useSearchParams). */}
      <Suspense fallback={<p className="muted">Loading the review workspace…</p>}>
        <ReviewWorkspace datasetId={dataset.id} canEdit={dataset.isOwner} />
      </Suspense>
    </>
  );
}
