/// <reference lib="webworker" />
/**
 * Insights off the main thread: normalise the clip embeddings, project them to 2-D with PCA and
 * find near-duplicate pairs. Seconds of arithmetic for thousands of clips, so never on the page.
 */
import { type InsightsResponse, insightsRequestSchema } from '@/lib/datasets/client/insights-protocol';
import { nearDuplicatePairs, normalizeRows } from '@/lib/datasets/client/near-duplicates';
import { pcaProject } from '@/lib/datasets/client/pca';

declare const self: DedicatedWorkerGlobalScope;

function post(message: InsightsResponse, transfer: Transferable[] = []) {
  self.postMessage(message, transfer);
}

self.onmessage = (event: MessageEvent<unknown>) => {
  const parsed = insightsRequestSchema.safeParse(event.data);
  if (!parsed.success) {
    const id =
      typeof (event.data as { id?: unknown })?.id === 'number' ? (event.data as { id: number }).id : -1;
    post({ type: 'error', id, message: 'Malformed request to the insights worker.' });
    return;
  }
  const { id, rows, n, d, threshold } = parsed.data;
  try {
    if (rows.length !== n * d) throw new Error(`expected ${n}×${d} values, got ${rows.length}`);
    normalizeRows(rows, n, d);
    const projection = pcaProject(rows, n, d, 2);
    const total = projection.totalVariance;
    const explained = projection.variances.map((value) => (total > 0 ? value / total : 0));
    const pairs = nearDuplicatePairs(rows, n, d, projection.wide, projection.wideCount, threshold);
    post({ type: 'result', id, coords: projection.coords, explained, pairs }, [projection.coords.buffer]);
  } catch (error) {
    post({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });
  }
};
