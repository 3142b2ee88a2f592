import 'server-only';
import { getConfig } from '@/lib/env';
import { PublishForm } from './publish-form';

/**
 * The Publish page body: zip downloads and a push to a Hugging Face dataset repo. A server
 * component so the Hub URL comes from the server's configuration (GENKI_HF_HUB_URL) without a
 * round trip; everything interactive is in the client PublishForm.
 */
export function PublishPanel({ datasetId, hubUrl }: { datasetId: string; hubUrl?: string }) {
  return <PublishForm datasetId={datasetId} hubUrl={hubUrl ?? getConfig().hfHubUrl} />;
}
