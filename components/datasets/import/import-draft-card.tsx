'use client';

import { type LocalImport, removeImport } from '@/lib/datasets/client/import-store';
import { RefusedList } from './import-rows';

function phaseText(draft: LocalImport): string {
  const of = draft.prepared ? ` (${draft.prepared.done} of ${draft.prepared.total})` : '';
  switch (draft.phase) {
    case 'reading':
      return `Reading the zip${of}…`;
    case 'hashing':
      return `Checking the files${of}…`;
    case 'creating':
      return 'Starting the import…';
    default:
      return 'Uploading…';
  }
}

/** An import this browser is still preparing (not yet created on the server), or one that failed to start. */
export function ImportDraftCard({ draft }: { draft: LocalImport }) {
  const preparing = draft.phase !== 'failed';
  return (
    <section className="card import-job" aria-label={draft.label}>
      <h3 className="import-title">
        <span className="import-label">{draft.label}</span>{' '}
        <span className={`badge ${preparing ? '' : 'badge-danger'}`}>
          {preparing ? 'Preparing' : 'Not started'}
        </span>
      </h3>
      {preparing ? (
        <div className="import-progress">
          <progress
            value={draft.prepared?.done ?? undefined}
            max={draft.prepared?.total || 1}
            aria-label="Import progress"
            aria-valuetext={phaseText(draft)}
          />
          <p className="hint" aria-live="polite">
            {phaseText(draft)} Keep this page open until the upload starts.
          </p>
        </div>
      ) : (
        <>
          <p className="alert" role="alert">
            {draft.error}
          </p>
          <button type="button" className="button button-small" onClick={() => removeImport(draft.key)}>
            Dismiss
          </button>
        </>
      )}
      {draft.warnings.map((warning) => (
        <p key={warning} className="hint">
          {warning}
        </p>
      ))}
      <RefusedList refused={draft.refused} />
    </section>
  );
}
