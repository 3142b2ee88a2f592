'use client';

/**
 * Autosave for the text a reviewer types (caption, tags, licence, attribution). Edits are merged
 * into a pending patch that is mirrored in localStorage, sent after a short pause, and removed only
 * once the server has stored it; edits made while a save is in flight stay pending. Switching
 * clips or leaving the page flushes at once; a failed save keeps the text and offers a retry.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type Clip, DATASET_LIMITS, type UpdateClipRequest } from '@/lib/datasets/model';
import {
  browserDraftStorage,
  isEmptyPatch,
  mergePatch,
  readDraft,
  withoutSaved,
  writeDraft,
} from '@/lib/datasets/review/clip-drafts';
import { ApiError } from '@/lib/http/api-client';
import { datasetKeys, updateClip } from '@/lib/queries/datasets';
import { storeClip } from './clip-cache';

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error' | 'blocked';

const SAVE_DELAY_MS = 800;

export function useClipDraft(clip: Clip, enabled: boolean) {
  const queryClient = useQueryClient();
  const storage = useMemo(() => browserDraftStorage(), []);
  const [pending, setPending] = useState<UpdateClipRequest>(() =>
    enabled ? (readDraft(storage, clip.id) ?? {}) : {},
  );
  const pendingRef = useRef(pending);
  const [state, setState] = useState<SaveState>('idle');
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);

  const replacePending = useCallback(
    (next: UpdateClipRequest) => {
      pendingRef.current = next;
      setPending(next);
      writeDraft(storage, clip.id, next);
    },
    [storage, clip.id],
  );

  const save = useCallback(async (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    // One request at a time: the next save sends whatever is still pending after this one.
    while (inFlight.current) await inFlight.current;
    const sent = pendingRef.current;
    if (isEmptyPatch(sent)) return;
    if (sent.caption !== undefined && sent.caption.length > DATASET_LIMITS.captionMaxChars) {
      setState('blocked');
      return;
    }
    setState('saving');
    setError(null);
    const request = updateClip(clip.id, sent).then(
      (saved) => {
        const rest = withoutSaved(pendingRef.current, sent);
        replacePending(rest);
        storeClip(queryClient, saved);
        // Caption and licence counts are part of the dataset's stats.
        void queryClient.invalidateQueries({ queryKey: datasetKeys.detail(clip.datasetId), exact: true });
        setState(isEmptyPatch(rest) ? 'saved' : 'pending');
      },
      (cause: unknown) => {
        setState('error');
        setError(cause instanceof ApiError ? cause.message : 'The change could not be saved.');
      },
    );
    inFlight.current = request.finally(() => {
      inFlight.current = null;
    });
    await inFlight.current;
    if (!isEmptyPatch(pendingRef.current) && timer.current === null)
      timer.current = setTimeout(() => void save(), SAVE_DELAY_MS);
  }, [clip.id, clip.datasetId, queryClient, replacePending]);

  const edit = useCallback(
    (patch: UpdateClipRequest) => {
      if (!enabled) return;
      // The list rows follow when the save lands (not per keystroke: the list may hold thousands).
      replacePending(mergePatch(pendingRef.current, patch));
      setState('pending');
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), SAVE_DELAY_MS);
    },
    [enabled, replacePending, save],
  );

  // A draft restored from storage (typed before a reload) is saved straight away.
  const restored = useRef(!isEmptyPatch(pending));
  useEffect(() => {
    if (restored.current) {
      restored.current = false;
      void save();
    }
  }, [save]);

  // Flush when the clip changes or the pane unmounts; warn before closing the tab with unsaved text.
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  }, [save]);
  useEffect(() => {
    // Leaving the page: send what is pending in a request the browser finishes after unload. The
    // draft stays in localStorage until a later save confirms it, so nothing is lost either way.
    const flushOnExit = () => {
      if (isEmptyPatch(pendingRef.current)) return;
      void fetch(`/api/clips/${encodeURIComponent(clip.id)}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(pendingRef.current),
        credentials: 'same-origin',
        keepalive: true,
      }).catch(() => undefined);
    };
    // Without storage the text would be gone for good: ask before leaving.
    const warn = (event: BeforeUnloadEvent) => {
      if (!storage && !isEmptyPatch(pendingRef.current)) event.preventDefault();
    };
    window.addEventListener('pagehide', flushOnExit);
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('pagehide', flushOnExit);
      window.removeEventListener('beforeunload', warn);
      if (!isEmptyPatch(pendingRef.current)) void saveRef.current();
    };
  }, [clip.id, storage]);

  const values = useMemo(
    () => ({
      caption: pending.caption ?? clip.caption,
      captionOrigin: pending.captionOrigin ?? clip.captionOrigin,
      tags: { ...clip.tags, ...pending.tags },
      licence: pending.licence !== undefined ? pending.licence : clip.licence,
      attribution: pending.attribution !== undefined ? pending.attribution : clip.attribution,
    }),
    [pending, clip],
  );

  return { values, edit, save, state, error, hasPending: !isEmptyPatch(pending) };
}
