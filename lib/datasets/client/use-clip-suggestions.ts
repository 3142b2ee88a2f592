'use client';

import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useClapEngine } from '../../engine/use-clap-engine';
import { apiRequest } from '../../http/api-client';
import { datasetKeys } from '../../queries/datasets';
import { type Clip, type ClipSuggestions, clipSchema, vocabularyEmbeddingsSchema } from '../model';
import { composeCaption } from './caption-composer';
import { embedDatasetClip } from './clip-embedding';
import { rankLabels, roundScore, SUGGESTION_DEPTH } from './zero-shot';

/** The validator vocabulary's text embeddings: computed once per server, cached for the page's life. */
export const vocabularyOptions = () =>
  queryOptions({
    queryKey: ['clap-model', 'vocabulary'],
    queryFn: () => apiRequest('/api/clap/vocabulary', vocabularyEmbeddingsSchema),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
    retry: false,
  });

/** Stores a clip's machine suggestions (the contract's PATCH does not take them). */
export function putSuggestions(clipId: string, suggestions: ClipSuggestions): Promise<Clip> {
  return apiRequest(`/api/clips/${encodeURIComponent(clipId)}/suggestions`, clipSchema, {
    method: 'PUT',
    body: suggestions,
  });
}

export interface ClipSuggestionsHook {
  suggest(clip: Clip): Promise<void>;
  pending: boolean;
  error: string | null;
}

/**
 * Machine suggestions for one clip: zero-shot moods and instruments from CLAP (the clip's audio
 * embedding, computed in this browser, against the validator vocabulary), the tempo the server
 * estimated at import, and a draft caption composed from them. Saved as the clip's `suggestions`;
 * they stay machine-made until the miner accepts or edits them.
 */
export function useClipSuggestions(): ClipSuggestionsHook {
  const engine = useClapEngine();
  const queryClient = useQueryClient();
  const { load } = engine;
  const mutation = useMutation({
    mutationFn: async (clip: Clip) => {
      const [client, vocabulary] = await Promise.all([load(), queryClient.fetchQuery(vocabularyOptions())]);
      const audio = await embedDatasetClip(client, clip);
      const model = `${audio.info.repo}@${audio.info.revision}`;
      if (vocabulary.model !== model) {
        throw new Error('The server and this browser use different CLAP models; reload the page.');
      }
      const moods = rankLabels(audio.embedding, vocabulary.moods).slice(0, SUGGESTION_DEPTH.keep);
      const instruments = rankLabels(audio.embedding, vocabulary.instruments).slice(0, SUGGESTION_DEPTH.keep);
      const bpm = clip.suggestions.bpm;
      const caption = composeCaption(
        {
          moods: moods.map((entry) => entry.label),
          instruments: instruments.map((entry) => entry.label),
          bpm,
        },
        { moods: SUGGESTION_DEPTH.captionMoods, instruments: SUGGESTION_DEPTH.captionInstruments },
      );
      return putSuggestions(clip.id, {
        moods: moods.map((entry) => ({ label: entry.label, score: roundScore(entry.score) })),
        instruments: instruments.map((entry) => ({ label: entry.label, score: roundScore(entry.score) })),
        bpm,
        caption,
        model: vocabulary.isTestModel ? `${model} (test model)` : model,
      });
    },
    onSuccess: (clip) => {
      queryClient.setQueryData(datasetKeys.clip(clip.id), clip);
      void queryClient.invalidateQueries({ queryKey: datasetKeys.clips(clip.datasetId) });
    },
  });
  const { mutateAsync } = mutation;
  // Never rejects: a failure is reported through `error`, so callers need no catch of their own.
  const suggest = useCallback(
    async (clip: Clip) => {
      await mutateAsync(clip).catch(() => undefined);
    },
    [mutateAsync],
  );
  return { suggest, pending: mutation.isPending, error: mutation.error?.message ?? null };
}
