'use client';

/**
 * Licence and attribution of one clip. An unknown licence is flagged loudly: the dataset cannot be
 * exported or published while any clip's licence is unknown.
 */
import { useId, useState } from 'react';
import { COMMON_LICENCES, DATASET_LIMITS } from '@/lib/datasets/model';

const OTHER = '__other__';
const UNKNOWN = '';

export const LICENCE_NAMES: Record<(typeof COMMON_LICENCES)[number], string> = {
  'CC0-1.0': 'CC0 1.0 (public domain)',
  'CC-BY-4.0': 'CC BY 4.0',
  'CC-BY-SA-4.0': 'CC BY-SA 4.0',
  'CC-BY-NC-4.0': 'CC BY-NC 4.0',
  'CC-BY-NC-SA-4.0': 'CC BY-NC-SA 4.0',
  MIT: 'MIT',
  'GPL-3.0-or-later': 'GPL 3.0 or later',
  'LicenseRef-own-work': 'My own work',
};

const isCommon = (licence: string | null): licence is (typeof COMMON_LICENCES)[number] =>
  licence !== null && (COMMON_LICENCES as readonly string[]).includes(licence);

interface LicenceEditorProps {
  licence: string | null;
  attribution: string | null;
  readOnly: boolean;
  onChange: (patch: { licence?: string | null; attribution?: string | null }) => void;
}

export function LicenceEditor({ licence, attribution, readOnly, onChange }: LicenceEditorProps) {
  const ids = { select: useId(), other: useId(), attribution: useId(), warning: useId() };
  const [choosingOther, setChoosingOther] = useState(licence !== null && !isCommon(licence));
  const selectValue = choosingOther ? OTHER : licence === null ? UNKNOWN : licence;
  const needsAttribution = licence !== null && /^CC-BY/.test(licence);

  return (
    <div className="licence-editor">
      <div className="tag-row">
        <div className="field">
          <label htmlFor={ids.select}>Licence</label>
          <select
            id={ids.select}
            value={selectValue}
            disabled={readOnly}
            aria-invalid={licence === null}
            aria-describedby={licence === null ? ids.warning : undefined}
            onChange={(event) => {
              const value = event.target.value;
              if (value === OTHER) {
                setChoosingOther(true);
                return;
              }
              setChoosingOther(false);
              onChange({ licence: value === UNKNOWN ? null : value });
            }}
          >
            <option value={UNKNOWN}>Unknown</option>
            {COMMON_LICENCES.map((id) => (
              <option key={id} value={id}>
                {LICENCE_NAMES[id]}
              </option>
            ))}
            <option value={OTHER}>Other…</option>
          </select>
        </div>
        {choosingOther && (
          <div className="field">
            <label htmlFor={ids.other}>Other licence (SPDX id or name)</label>
            <input
              id={ids.other}
              value={licence ?? ''}
              maxLength={100}
              readOnly={readOnly}
              placeholder="e.g. CC-BY-3.0"
              onChange={(event) =>
                onChange({ licence: event.target.value.trim() ? event.target.value : null })
              }
            />
          </div>
        )}
      </div>
      {licence === null && (
        <p id={ids.warning} className="licence-warning" role="status">
          <strong>Licence unknown.</strong> Export and publishing stay blocked until every clip has a licence.
          Only use music you may share.
        </p>
      )}
      <div className="field">
        <label htmlFor={ids.attribution}>Attribution</label>
        <input
          id={ids.attribution}
          value={attribution ?? ''}
          maxLength={DATASET_LIMITS.attributionMaxLength}
          readOnly={readOnly}
          placeholder={
            needsAttribution
              ? 'Required by this licence: author, title, source link'
              : 'Author, title, source link'
          }
          onChange={(event) =>
            onChange({ attribution: event.target.value.trim() ? event.target.value : null })
          }
        />
        {needsAttribution && !attribution && (
          <p className="hint">Creative Commons BY licences require credit: name the author and the source.</p>
        )}
      </div>
    </div>
  );
}
