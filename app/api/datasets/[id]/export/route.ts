import {
  blockedResponse,
  exportErrorResponse,
  exportStorage,
  layoutParam,
  loadDataset,
} from '@/lib/datasets/export/export-routes';
import { exportZip } from '@/lib/datasets/export/export-zip';
import { downloadFileName } from '@/lib/datasets/export/file-names';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * GET /api/datasets/:id/export?format=audiofolder|audiocraft → the dataset as a zip, streamed one
 * file at a time (409 ExportBlocked while a clip lacks a licence or a caption).
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    const layout = layoutParam(request, null);
    const { dataset, clips } = loadDataset(request, id);
    const blocked = blockedResponse(clips);
    if (blocked) return blocked;
    const body = exportZip({ dataset, clips, layout, storage: exportStorage() });
    // The name is a slug (ASCII letters, digits, dashes): safe inside the quoted parameter.
    const fileName = downloadFileName(dataset.name, layout);
    return new Response(body, {
      headers: {
        'content-type': 'application/zip',
        'content-disposition': `attachment; filename="${fileName}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  } catch (error) {
    return exportErrorResponse(error);
  }
}
