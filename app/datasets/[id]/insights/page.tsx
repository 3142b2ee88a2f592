import { DatasetInsights } from '@/components/datasets/insights/dataset-insights';
import { loadDatasetPage } from '@/lib/datasets/page-data';

export default async function DatasetInsightsPage({ params }: { params: Promise<{ id: string }> }) {
  const { dataset } = await loadDatasetPage((await params).id);
  // The layout has already answered (404 or sign-in) when there is nothing to show.
  if (!dataset) return null;
  return <DatasetInsights datasetId={dataset.id} />;
}
