/**
 * Keeps the react-query caches of one clip consistent: the full clip (detail pane) and its row in
 * every cached clip list of the dataset (whatever the filters), so an edit shows everywhere at once.
 */
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { Clip, ClipRow, UpdateClipRequest } from '@/lib/datasets/model';
import { datasetKeys } from '@/lib/queries/datasets';

interface ClipList {
  total: number;
  clips: ClipRow[];
}

export const clipListsKey = (datasetId: string) => [...datasetKeys.detail(datasetId), 'clips'] as const;

/** Applies a patch the way the server will, for optimistic updates. */
export function applyClipPatch(clip: Clip, patch: UpdateClipRequest): Clip {
  const next: Clip = { ...clip };
  if (patch.status !== undefined) next.status = patch.status;
  if (patch.reportReason !== undefined) next.reportReason = patch.reportReason;
  if (patch.caption !== undefined) next.caption = patch.caption;
  if (patch.captionOrigin !== undefined) next.captionOrigin = patch.captionOrigin;
  if (patch.tags !== undefined) next.tags = { ...clip.tags, ...patch.tags };
  if (patch.licence !== undefined) next.licence = patch.licence;
  if (patch.attribution !== undefined) next.attribution = patch.attribution;
  if (patch.trim !== undefined) next.trim = patch.trim;
  return next;
}

/** The list row of a clip; staleness is the server's call, so the previous row's flag is kept. */
export function rowFromClip(clip: Clip, previous: ClipRow | undefined): ClipRow {
  return {
    id: clip.id,
    position: clip.position,
    fileName: clip.fileName,
    format: clip.format,
    isRenderedModule: clip.isRenderedModule,
    durationSeconds: clip.durationSeconds,
    status: clip.status,
    caption: clip.caption,
    captionOrigin: clip.captionOrigin,
    licence: clip.licence,
    tags: clip.tags,
    qualityLevel: clip.quality.level,
    clapScore: clip.clap?.score ?? null,
    clapStale: clip.clap !== null && (previous?.clapStale ?? false),
  };
}

export function updateRows(
  queryClient: QueryClient,
  datasetId: string,
  clipId: string,
  update: (row: ClipRow) => ClipRow,
): void {
  queryClient.setQueriesData<ClipList>({ queryKey: clipListsKey(datasetId) }, (list) =>
    list ? { ...list, clips: list.clips.map((row) => (row.id === clipId ? update(row) : row)) } : list,
  );
}

/** Writes a clip the server returned into the detail cache and every list row. */
export function storeClip(queryClient: QueryClient, clip: Clip): void {
  queryClient.setQueryData<Clip>(datasetKeys.clip(clip.id), clip);
  updateRows(queryClient, clip.datasetId, clip.id, (row) => rowFromClip(clip, row));
}

export interface ClipSnapshot {
  clip: [QueryKey, Clip | undefined];
  lists: [QueryKey, ClipList | undefined][];
}

/** Captures what an optimistic update will change, so an error can put it back. */
export function snapshotClip(queryClient: QueryClient, datasetId: string, clipId: string): ClipSnapshot {
  return {
    clip: [datasetKeys.clip(clipId), queryClient.getQueryData<Clip>(datasetKeys.clip(clipId))],
    lists: queryClient.getQueriesData<ClipList>({ queryKey: clipListsKey(datasetId) }),
  };
}

export function restoreSnapshot(queryClient: QueryClient, snapshot: ClipSnapshot): void {
  queryClient.setQueryData(snapshot.clip[0], snapshot.clip[1]);
  for (const [key, data] of snapshot.lists) queryClient.setQueryData(key, data);
}

/** Optimistically applies a patch to the clip and its rows. */
export function applyOptimistic(
  queryClient: QueryClient,
  datasetId: string,
  clipId: string,
  patch: UpdateClipRequest,
): void {
  queryClient.setQueryData<Clip>(datasetKeys.clip(clipId), (clip) =>
    clip ? applyClipPatch(clip, patch) : clip,
  );
  updateRows(queryClient, datasetId, clipId, (row) => ({
    ...row,
    ...(patch.status !== undefined ? { status: patch.status } : {}),
    ...(patch.caption !== undefined
      ? {
          caption: patch.caption,
          clapStale: row.clapScore !== null && patch.caption !== row.caption ? true : row.clapStale,
        }
      : {}),
    ...(patch.captionOrigin !== undefined ? { captionOrigin: patch.captionOrigin } : {}),
    ...(patch.licence !== undefined ? { licence: patch.licence } : {}),
    ...(patch.tags !== undefined ? { tags: { ...row.tags, ...patch.tags } } : {}),
    ...(patch.trim !== undefined && row.clapScore !== null ? { clapStale: true } : {}),
  }));
}
