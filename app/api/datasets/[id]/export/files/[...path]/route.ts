import { resolveAudio } from '@/lib/datasets/export/export-audio';
import {
  exportErrorResponse,
  exportStorage,
  loadDataset,
  NO_STORE,
} from '@/lib/datasets/export/export-routes';
import { findPlannedAudio } from '@/lib/datasets/export/layout';
import { blobResponse } from '@/lib/datasets/http/range';
import { errorBody } from '@/lib/http/errors';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const MEDIA_TYPES: Record<string, string> = {
  wav: 'audio/wav',
  flac: 'audio/flac',
  ogg: 'audio/ogg',
  mp3: 'audio/mpeg',
};

/**
 * GET /api/datasets/:id/export/files/<path> → one audio file of the export as it ships: trimmed or
 * converted to WAV when the export needs that (rendered once, then cached), else the stored audio.
 * Only paths in the dataset's export plan are served, so a crafted path reaches nothing else.
 * Range, HEAD and ETag revalidation work as for clip audio.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string; path: string[] }> }) {
  try {
    const { id, path: segments } = await params;
    const { clips } = loadDataset(request, id);
    const planned = findPlannedAudio(clips, segments.join('/'));
    if (!planned) {
      return Response.json(errorBody('not_found', 'No such file in this export.'), {
        status: 404,
        headers: NO_STORE,
      });
    }
    const audio = await resolveAudio(planned, exportStorage());
    const extension = audio.path.slice(audio.path.lastIndexOf('.') + 1);
    return blobResponse(request, {
      file: audio.file,
      size: audio.facts.size,
      mediaType: MEDIA_TYPES[extension] ?? 'application/octet-stream',
      etag: audio.etag,
      // The path is the export's own ASCII name ([a-z0-9-] and one extension): safe as is.
      disposition: `inline; filename="${audio.path.slice(audio.path.lastIndexOf('/') + 1)}"`,
    });
  } catch (error) {
    return exportErrorResponse(error);
  }
}

export { GET as HEAD };
