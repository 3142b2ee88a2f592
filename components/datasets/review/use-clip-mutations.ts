'use client';

/**
 * Immediate clip edits (status, report reason, trim): optimistic in every cache, rolled back when
 * the server refuses, and followed by an invalidation of the dataset's lists and stats by prefix.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UpdateClipRequest } from '@/lib/datasets/model';
import { datasetKeys, updateClip } from '@/lib/queries/datasets';
import { applyOptimistic, clipListsKey, restoreSnapshot, snapshotClip, storeClip } from './clip-cache';

export interface ClipPatchVariables {
  clipId: string;
  patch: UpdateClipRequest;
}

export function useClipPatch(datasetId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ clipId, patch }: ClipPatchVariables) => updateClip(clipId, patch),
    onMutate: async ({ clipId, patch }) => {
      // A list fetch already in flight would overwrite the optimistic row with the old status.
      await Promise.all([
        queryClient.cancelQueries({ queryKey: clipListsKey(datasetId) }),
        queryClient.cancelQueries({ queryKey: datasetKeys.clip(clipId), exact: true }),
      ]);
      const snapshot = snapshotClip(queryClient, datasetId, clipId);
      applyOptimistic(queryClient, datasetId, clipId, patch);
      return snapshot;
    },
    onError: (_error, _variables, snapshot) => {
      if (snapshot) restoreSnapshot(queryClient, snapshot);
    },
    onSuccess: (clip) => storeClip(queryClient, clip),
    onSettled: (_data, _error, { patch }) => {
      // Status decides list membership and the stats; a trim only changes the clip itself.
      if (patch.status !== undefined)
        return queryClient.invalidateQueries({ queryKey: datasetKeys.detail(datasetId) });
      return queryClient.invalidateQueries({ queryKey: datasetKeys.detail(datasetId), exact: true });
    },
  });
}
