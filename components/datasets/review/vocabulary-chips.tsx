'use client';

/**
 * Tags chosen from the validator's own vocabulary, as chips. Selected chips are pressed toggle
 * buttons (press to remove); the rest of the vocabulary is one click away, collapsed, or typed
 * into the "Add" box, which only accepts vocabulary words.
 */
import { useId, useState } from 'react';

interface VocabularyChipsProps {
  /** "Moods" or "Instruments": the group's accessible name. */
  label: string;
  /** Singular noun for messages ("mood"). */
  noun: string;
  vocabulary: readonly string[];
  selected: readonly string[];
  max: number;
  readOnly: boolean;
  onChange: (next: string[]) => void;
}

export function VocabularyChips({
  label,
  noun,
  vocabulary,
  selected,
  max,
  readOnly,
  onChange,
}: VocabularyChipsProps) {
  const ids = { input: useId(), list: useId(), hint: useId() };
  const [text, setText] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  // The full vocabulary is ~100 buttons: build them only when the reviewer opens the list.
  const [browsing, setBrowsing] = useState(false);
  const full = selected.length >= max;

  function add(word: string) {
    const value = word.trim().toLowerCase();
    if (!value) return;
    if (!vocabulary.includes(value)) {
      setMessage(`“${word.trim()}” is not in the validator’s ${noun} list. Pick one of the suggestions.`);
      return;
    }
    if (selected.includes(value)) {
      setMessage(`${value} is already chosen.`);
      return;
    }
    if (full) {
      setMessage(`At most ${max} ${noun}s: remove one first.`);
      return;
    }
    setMessage(null);
    setText('');
    onChange([...selected, value]);
  }

  const rest = vocabulary.filter((word) => !selected.includes(word));
  return (
    <fieldset className="tag-field">
      <legend>{label}</legend>
      {/* biome-ignore lint/a11y/useSemanticElements: a list of toggle chips is a group, not a fieldset of inputs. */}
      <div className="chips" role="group" aria-label={`Chosen ${label.toLowerCase()}`}>
        {selected.length === 0 && <span className="muted">None yet</span>}
        {selected.map((word) =>
          readOnly ? (
            <span key={word} className="chip chip-static">
              {word}
            </span>
          ) : (
            <button
              key={word}
              type="button"
              className="chip"
              aria-pressed="true"
              title={`Remove ${word}`}
              onClick={() => onChange(selected.filter((item) => item !== word))}
            >
              {word}
              <span aria-hidden="true" className="chip-x">
                ×
              </span>
            </button>
          ),
        )}
      </div>
      {!readOnly && (
        <>
          <div className="chip-add">
            <label htmlFor={ids.input} className="visually-hidden">
              Add {noun}
            </label>
            <input
              id={ids.input}
              list={ids.list}
              value={text}
              disabled={full}
              placeholder={full ? `${max} ${noun}s chosen` : `Add ${noun}…`}
              aria-describedby={ids.hint}
              onChange={(event) => {
                setText(event.target.value);
                // Picking from the datalist fills the box with an exact word: add it straight away.
                if (vocabulary.includes(event.target.value)) add(event.target.value);
              }}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  add(text);
                }
              }}
            />
            <datalist id={ids.list}>
              {rest.map((word) => (
                <option key={word} value={word} />
              ))}
            </datalist>
          </div>
          <p id={ids.hint} className="hint" aria-live="polite">
            {message ?? `${selected.length} of at most ${max}`}
          </p>
          <details className="chip-browser" onToggle={(event) => setBrowsing(event.currentTarget.open)}>
            <summary>
              All {vocabulary.length} validator {noun}s
            </summary>
            {/* biome-ignore lint/a11y/useSemanticElements: toggle chips, see above. */}
            <div className="chips" role="group" aria-label={`More ${label.toLowerCase()}`}>
              {(browsing ? rest : []).map((word) => (
                <button
                  key={word}
                  type="button"
                  className="chip chip-off"
                  aria-pressed="false"
                  disabled={full}
                  onClick={() => add(word)}
                >
                  {word}
                </button>
              ))}
            </div>
          </details>
        </>
      )}
    </fieldset>
  );
}
