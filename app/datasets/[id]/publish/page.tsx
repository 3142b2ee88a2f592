import { PublishPanel } from '@/components/datasets/publish/publish-panel';
import { EmptyState } from '@/components/ui/empty-state';
import { loadDatasetPage } from '@/lib/datasets/page-data';

export default async function DatasetPublishPage({ params }: { params: Promise<{ id: string }> }) {
  const { dataset } = await loadDatasetPage((await params).id);
  if (!dataset) return null;
  if (!dataset.isOwner)
    return (
      <EmptyState title="Only the owner can publish this dataset">
        <p>
          Publishing pushes the clips to a Hugging Face dataset repo, so only the account that owns them can
          do it.
        </p>
      </EmptyState>
    );
  return <PublishPanel datasetId={dataset.id} />;
}
