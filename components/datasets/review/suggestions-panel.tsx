'use client';

/**
 * Machine suggestions (zero-shot CLAP tags, detected tempo, a draft caption), kept apart from what
 * the reviewer chose and clearly marked as the machine's. "Use" copies a suggestion as reviewed;
 * "Edit" copies the draft caption into the box still marked as a machine draft until it is edited.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useClipSuggestions } from '@/lib/datasets/client/use-clip-suggestions';
import type { Clip, ClipTags } from '@/lib/datasets/model';
import { datasetKeys } from '@/lib/queries/datasets';

interface SuggestionsPanelProps {
  clip: Clip;
  tags: ClipTags;
  readOnly: boolean;
  onUseCaption: (caption: string) => void;
  onEditCaption: (caption: string) => void;
  onTags: (patch: Partial<ClipTags>) => void;
}

const MAX_TAGS = 12;
const formatSimilarity = (score: number) => score.toFixed(2);

export function SuggestionsPanel({
  clip,
  tags,
  readOnly,
  onUseCaption,
  onEditCaption,
  onTags,
}: SuggestionsPanelProps) {
  const queryClient = useQueryClient();
  const suggestions = useClipSuggestions();
  const { moods, instruments, bpm, caption, model } = clip.suggestions;
  const hasAny = moods.length > 0 || instruments.length > 0 || bpm !== null || Boolean(caption);
  // The tempo is detected at import; only tags and a draft caption come from "Suggest".
  const suggested = moods.length > 0 || instruments.length > 0 || Boolean(caption);
  const newMoods = moods.map((item) => item.label).filter((label) => !tags.moods.includes(label));
  const newInstruments = instruments
    .map((item) => item.label)
    .filter((label) => !tags.instruments.includes(label));

  async function suggest() {
    await suggestions.suggest(clip);
    await queryClient.invalidateQueries({ queryKey: datasetKeys.clip(clip.id) });
  }

  function addAll() {
    onTags({
      moods: [...tags.moods, ...newMoods].slice(0, MAX_TAGS),
      instruments: [...tags.instruments, ...newInstruments].slice(0, MAX_TAGS),
      ...(bpm !== null && tags.bpm === null ? { bpm: Math.round(bpm * 10) / 10 } : {}),
    });
  }

  return (
    <section className="suggestions" aria-labelledby={`suggestions-${clip.id}`}>
      <div className="suggestions-head">
        <h3 id={`suggestions-${clip.id}`}>Machine suggestions</h3>
        <span className="badge badge-machine">suggested by the machine</span>
        {!readOnly && (
          <button
            type="button"
            className="button button-small"
            onClick={() => void suggest()}
            disabled={suggestions.pending}
            aria-describedby={`suggestions-${clip.id}-status`}
          >
            {suggestions.pending ? 'Suggesting…' : suggested ? 'Suggest again' : 'Suggest'}
          </button>
        )}
      </div>
      <p id={`suggestions-${clip.id}-status`} className="hint" aria-live="polite">
        {suggestions.error ??
          (suggestions.pending
            ? 'Listening with CLAP and matching the validator vocabulary…'
            : hasAny
              ? `Check them before using them${model ? ` (model: ${model})` : ''}.`
              : 'No suggestions yet. Suggest tags, tempo and a draft caption from the audio.')}
      </p>
      {caption && (
        <div className="suggested-caption">
          <blockquote>{caption}</blockquote>
          {!readOnly && (
            <div className="button-row">
              <button type="button" className="button button-small" onClick={() => onUseCaption(caption)}>
                Use suggested caption
              </button>
              <button
                type="button"
                className="button button-small button-ghost"
                onClick={() => onEditCaption(caption)}
              >
                Edit suggested caption
              </button>
            </div>
          )}
        </div>
      )}
      {(moods.length > 0 || instruments.length > 0) && (
        <div className="suggested-tags">
          {[
            { kind: 'mood', items: moods, chosen: tags.moods, key: 'moods' as const },
            { kind: 'instrument', items: instruments, chosen: tags.instruments, key: 'instruments' as const },
          ].map(({ kind, items, chosen, key }) =>
            items.length === 0 ? null : (
              // biome-ignore lint/a11y/useSemanticElements: a row of chips, not form inputs.
              <div key={kind} className="chips" role="group" aria-label={`Suggested ${kind}s`}>
                {items.map((item) => {
                  const taken = chosen.includes(item.label);
                  return (
                    <button
                      key={item.label}
                      type="button"
                      className="chip chip-suggested"
                      disabled={readOnly || taken || chosen.length >= MAX_TAGS}
                      aria-label={`${taken ? 'Chosen' : 'Add'} ${kind} ${item.label} (suggested, ${formatSimilarity(item.score)})`}
                      onClick={() => onTags({ [key]: [...chosen, item.label] })}
                    >
                      {taken ? '✓ ' : '+ '}
                      {item.label}
                      <span className="chip-score">{formatSimilarity(item.score)}</span>
                    </button>
                  );
                })}
              </div>
            ),
          )}
        </div>
      )}
      {bpm !== null && (
        <p className="suggested-bpm">
          Tempo ≈ <strong>{Math.round(bpm)} BPM</strong>
          {!readOnly && tags.bpm !== Math.round(bpm * 10) / 10 && (
            <button
              type="button"
              className="button button-small button-ghost"
              onClick={() => onTags({ bpm: Math.round(bpm * 10) / 10 })}
            >
              Use suggested BPM
            </button>
          )}
        </p>
      )}
      {!readOnly && (newMoods.length > 0 || newInstruments.length > 0) && (
        <button type="button" className="button button-small" onClick={addAll}>
          Add all suggested tags
        </button>
      )}
    </section>
  );
}
