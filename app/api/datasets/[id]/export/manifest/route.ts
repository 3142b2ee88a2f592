import {
  blockedResponse,
  exportErrorResponse,
  exportStorage,
  layoutParam,
  loadDataset,
  NO_STORE,
} from '@/lib/datasets/export/export-routes';
import { buildManifest } from '@/lib/datasets/export/manifest';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * GET /api/datasets/:id/export/manifest[?format=audiofolder|audiocraft] → ExportManifest: what the
 * browser pushes to the Hub (audio by same-origin URL, metadata and card inline). Audiofolder by
 * default, the layout the Hub viewer and `datasets.load_dataset` read.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    const layout = layoutParam(request, 'audiofolder');
    const { dataset, clips } = loadDataset(request, id);
    const blocked = blockedResponse(clips);
    if (blocked) return blocked;
    const manifest = await buildManifest({
      datasetId: dataset.id,
      dataset,
      clips,
      layout,
      storage: exportStorage(),
    });
    return Response.json(manifest, { headers: NO_STORE });
  } catch (error) {
    return exportErrorResponse(error);
  }
}
