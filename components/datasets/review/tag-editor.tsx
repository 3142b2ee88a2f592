'use client';

/** Structured tags beside the caption: validator moods and instruments, plus genre, BPM and key. */
import { useId, useState } from 'react';
import type { ClipTags } from '@/lib/datasets/model';
import { VALIDATOR_INSTRUMENTS, VALIDATOR_MOODS } from '@/lib/genki/vocabulary';
import { VocabularyChips } from './vocabulary-chips';

const MAX_TAGS = 12;
const GENRES = ['chiptune', '8-bit', '16-bit', 'FM synthesis', 'tracker music', 'bitpop', 'nintendocore'];
const KEYS = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'].flatMap((note) => [
  `${note} major`,
  `${note} minor`,
]);

interface TagEditorProps {
  tags: ClipTags;
  readOnly: boolean;
  onChange: (patch: Partial<ClipTags>) => void;
}

export function TagEditor({ tags, readOnly, onChange }: TagEditorProps) {
  const ids = {
    genre: useId(),
    genres: useId(),
    bpm: useId(),
    bpmHint: useId(),
    key: useId(),
    keys: useId(),
  };
  // The BPM box keeps what is typed ("12" on the way to "120"); only valid numbers are saved.
  const [bpmText, setBpmText] = useState(tags.bpm === null ? '' : String(tags.bpm));
  const [bpmError, setBpmError] = useState<string | null>(null);
  const [syncedBpm, setSyncedBpm] = useState(tags.bpm);
  if (tags.bpm !== syncedBpm) {
    // The BPM changed from outside (an accepted suggestion): show it.
    setSyncedBpm(tags.bpm);
    if (Number(bpmText) !== tags.bpm || bpmText === '') setBpmText(tags.bpm === null ? '' : String(tags.bpm));
  }

  return (
    <div className="tag-editor">
      <VocabularyChips
        label="Moods"
        noun="mood"
        vocabulary={VALIDATOR_MOODS}
        selected={tags.moods}
        max={MAX_TAGS}
        readOnly={readOnly}
        onChange={(moods) => onChange({ moods })}
      />
      <VocabularyChips
        label="Instruments"
        noun="instrument"
        vocabulary={VALIDATOR_INSTRUMENTS}
        selected={tags.instruments}
        max={MAX_TAGS}
        readOnly={readOnly}
        onChange={(instruments) => onChange({ instruments })}
      />
      <div className="tag-row">
        <div className="field">
          <label htmlFor={ids.genre}>Genre</label>
          <input
            id={ids.genre}
            list={ids.genres}
            value={tags.genre ?? ''}
            maxLength={60}
            readOnly={readOnly}
            placeholder="chiptune"
            onChange={(event) => onChange({ genre: event.target.value.trim() ? event.target.value : null })}
          />
          <datalist id={ids.genres}>
            {GENRES.map((genre) => (
              <option key={genre} value={genre} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor={ids.bpm}>BPM</label>
          <input
            id={ids.bpm}
            type="number"
            inputMode="decimal"
            min={20}
            max={400}
            step="any"
            value={bpmText}
            readOnly={readOnly}
            aria-invalid={bpmError !== null}
            aria-describedby={ids.bpmHint}
            onChange={(event) => {
              const text = event.target.value;
              setBpmText(text);
              if (!text.trim()) {
                setBpmError(null);
                onChange({ bpm: null });
                return;
              }
              const value = Number(text);
              if (!Number.isFinite(value) || value < 20 || value > 400) {
                setBpmError('Between 20 and 400.');
                return;
              }
              setBpmError(null);
              onChange({ bpm: Math.round(value * 10) / 10 });
            }}
          />
          <p id={ids.bpmHint} className={bpmError ? 'hint hint-error' : 'hint'}>
            {bpmError ?? 'Beats per minute'}
          </p>
        </div>
        <div className="field">
          <label htmlFor={ids.key}>Key</label>
          <input
            id={ids.key}
            list={ids.keys}
            value={tags.key ?? ''}
            maxLength={20}
            readOnly={readOnly}
            placeholder="A minor"
            onChange={(event) => onChange({ key: event.target.value.trim() ? event.target.value : null })}
          />
          <datalist id={ids.keys}>
            {KEYS.map((key) => (
              <option key={key} value={key} />
            ))}
          </datalist>
        </div>
      </div>
    </div>
  );
}
