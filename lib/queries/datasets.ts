/**
 * react-query factories for the dataset studio (one place for keys, so invalidation is by prefix):
 * datasets.all → list → detail(id) → clips(id, query) / imports(id); clip(id); importJob(id).
 */
import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import {
  type bulkClipRequestSchema,
  type ClipQuery,
  clipListResponseSchema,
  clipSchema,
  type createDatasetRequestSchema,
  datasetListResponseSchema,
  datasetSummarySchema,
  importJobSchema,
  peaksSchema,
  type UpdateClipRequest,
  type updateDatasetRequestSchema,
} from '../datasets/model';
import { apiRequest } from '../http/api-client';

export const datasetKeys = {
  all: ['datasets'] as const,
  list: () => [...datasetKeys.all, 'list'] as const,
  detail: (id: string) => [...datasetKeys.all, 'detail', id] as const,
  clips: (id: string, query: Partial<ClipQuery> = {}) => [...datasetKeys.detail(id), 'clips', query] as const,
  imports: (id: string) => [...datasetKeys.detail(id), 'imports'] as const,
  clip: (clipId: string) => ['clips', clipId] as const,
  importJob: (importId: string) => ['imports', importId] as const,
};

export function clipQueryString(query: Partial<ClipQuery>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '' && value !== 'all') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const datasetListOptions = () =>
  queryOptions({
    queryKey: datasetKeys.list(),
    queryFn: () => apiRequest('/api/datasets', datasetListResponseSchema),
  });

export const datasetOptions = (id: string) =>
  queryOptions({
    queryKey: datasetKeys.detail(id),
    queryFn: () => apiRequest(`/api/datasets/${encodeURIComponent(id)}`, datasetSummarySchema),
  });

export const clipListOptions = (id: string, query: Partial<ClipQuery> = {}) =>
  queryOptions({
    queryKey: datasetKeys.clips(id, query),
    queryFn: () =>
      apiRequest(
        `/api/datasets/${encodeURIComponent(id)}/clips${clipQueryString(query)}`,
        clipListResponseSchema,
      ),
  });

export const clipOptions = (clipId: string) =>
  queryOptions({
    queryKey: datasetKeys.clip(clipId),
    queryFn: () => apiRequest(`/api/clips/${encodeURIComponent(clipId)}`, clipSchema),
  });

export const datasetImportsOptions = (id: string) =>
  queryOptions({
    queryKey: datasetKeys.imports(id),
    queryFn: () =>
      apiRequest(
        `/api/datasets/${encodeURIComponent(id)}/imports`,
        z.object({ imports: z.array(importJobSchema) }),
      ),
    // Imports run on the server; poll while any is running, stop when all are settled.
    refetchInterval: (query) =>
      query.state.data?.imports.some((job) => job.state === 'running') ? 1500 : false,
  });

export const importJobOptions = (importId: string) =>
  queryOptions({
    queryKey: datasetKeys.importJob(importId),
    queryFn: () => apiRequest(`/api/imports/${encodeURIComponent(importId)}`, importJobSchema),
    refetchInterval: (query) => (query.state.data?.state === 'running' ? 1000 : false),
  });

// ---------------------------------------------------------------------------------------------
// Review workspace: peaks and the requests behind its mutations (the hooks live with the UI).

export const peaksOptions = (clipId: string) =>
  queryOptions({
    // Outside the clip's key: invalidating a clip after an edit must not refetch its peaks.
    queryKey: ['clip-peaks', clipId] as const,
    queryFn: () => apiRequest(`/api/clips/${encodeURIComponent(clipId)}/peaks`, peaksSchema),
    // Peaks are computed once at import and never change.
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 5 * 60_000,
  });

export const clipAudioUrl = (clipId: string) => `/api/clips/${encodeURIComponent(clipId)}/audio`;

export const createDataset = (body: z.input<typeof createDatasetRequestSchema>) =>
  apiRequest('/api/datasets', datasetSummarySchema, { method: 'POST', body });

export const updateDataset = (id: string, body: z.input<typeof updateDatasetRequestSchema>) =>
  apiRequest(`/api/datasets/${encodeURIComponent(id)}`, datasetSummarySchema, { method: 'PATCH', body });

export const deleteDataset = (id: string) =>
  apiRequest(`/api/datasets/${encodeURIComponent(id)}`, z.object({ ok: z.literal(true) }), {
    method: 'DELETE',
  });

export const updateClip = (clipId: string, body: UpdateClipRequest) =>
  apiRequest(`/api/clips/${encodeURIComponent(clipId)}`, clipSchema, { method: 'PATCH', body });

export const bulkUpdateClips = (id: string, body: z.input<typeof bulkClipRequestSchema>) =>
  apiRequest(`/api/datasets/${encodeURIComponent(id)}/clips/bulk`, z.object({ updated: z.number().int() }), {
    method: 'POST',
    body,
  });
