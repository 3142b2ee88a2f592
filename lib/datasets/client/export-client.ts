/**
 * What the Publish panel needs from the export routes: the manifest when the dataset can be
 * exported, or the 409 ExportBlocked list of clips to fix first. apiRequest would keep only the
 * message of a 409, so this reads the body itself.
 */
import { queryOptions } from '@tanstack/react-query';
import { ApiError, apiFetch } from '../../http/api-client';
import { datasetKeys } from '../../queries/datasets';
import { type ExportManifest, exportBlockedSchema, exportManifestSchema } from '../model';

export type ExportState =
  | { kind: 'ready'; manifest: ExportManifest }
  | { kind: 'blocked'; message: string; clips: { id: string; fileName: string; reason: string }[] };

export const EXPORT_FORMATS = ['audiofolder', 'audiocraft'] as const;

export function exportZipUrl(datasetId: string, format: (typeof EXPORT_FORMATS)[number]): string {
  return `/api/datasets/${encodeURIComponent(datasetId)}/export?format=${format}`;
}

export async function fetchExportState(datasetId: string): Promise<ExportState> {
  const response = await apiFetch(`/api/datasets/${encodeURIComponent(datasetId)}/export/manifest`);
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status === 409) {
    const blocked = exportBlockedSchema.safeParse(body);
    if (blocked.success) {
      return { kind: 'blocked', message: blocked.data.error.message, clips: blocked.data.error.clips };
    }
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(
      error?.message ?? `The server answered ${response.status}.`,
      response.status,
      error?.code ?? 'http',
    );
  }
  const manifest = exportManifestSchema.safeParse(body);
  if (!manifest.success)
    throw new ApiError('The server sent an unexpected answer.', response.status, 'bad_response');
  return { kind: 'ready', manifest: manifest.data };
}

export const exportStateOptions = (datasetId: string) =>
  queryOptions({
    queryKey: [...datasetKeys.detail(datasetId), 'export'],
    queryFn: () => fetchExportState(datasetId),
  });
