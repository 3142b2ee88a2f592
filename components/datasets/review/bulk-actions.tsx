'use client';

/**
 * Actions on every clip the current filters show: set a licence (with attribution) or a status in
 * one request, and score them all with CLAP. Filter first ("Licensing: Unknown"), then apply.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useRef, useState } from 'react';
import { useClipScoring } from '@/lib/datasets/client/use-clip-scoring';
import { type ClipRow, type ClipStatus, COMMON_LICENCES, DATASET_LIMITS } from '@/lib/datasets/model';
import { plural } from '@/lib/datasets/review/format';
import { bulkUpdateClips, datasetKeys } from '@/lib/queries/datasets';
import { LICENCE_NAMES } from './licence-editor';

const KEEP = '';

export function BulkActions({ datasetId, rows }: { datasetId: string; rows: readonly ClipRow[] }) {
  const clipIds = useMemo(() => rows.map((row) => row.id), [rows]);
  // A CLAP preview compares the audio with its caption: uncaptioned clips have nothing to score.
  const scorable = useMemo(
    () => rows.filter((row) => row.caption.trim() !== '').map((row) => row.id),
    [rows],
  );
  const queryClient = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const ids = { title: useId(), licence: useId(), other: useId(), attribution: useId(), status: useId() };
  const [licence, setLicence] = useState<string>(COMMON_LICENCES[0]);
  const [otherLicence, setOtherLicence] = useState('');
  const [attribution, setAttribution] = useState('');
  const [status, setStatus] = useState<ClipStatus | typeof KEEP>(KEEP);
  const [applyLicence, setApplyLicence] = useState(true);
  const scoring = useClipScoring(datasetId);
  const count = clipIds.length;

  const bulk = useMutation({
    mutationFn: () => {
      const chosen = licence === 'other' ? otherLicence.trim() : licence;
      return bulkUpdateClips(datasetId, {
        ids: [...clipIds],
        patch: {
          ...(applyLicence ? { licence: chosen, attribution: attribution.trim() || null } : {}),
          ...(status ? { status } : {}),
        },
      });
    },
    onSuccess: () => dialog.current?.close(),
    // Every list, row, clip and the stats may have changed.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: datasetKeys.detail(datasetId) }),
        queryClient.invalidateQueries({ queryKey: ['clips'] }),
      ]),
  });

  const invalid = (applyLicence && licence === 'other' && !otherLicence.trim()) || (!applyLicence && !status);

  return (
    <div className="bulk-actions">
      <button
        type="button"
        className="button button-small"
        disabled={count === 0}
        aria-haspopup="dialog"
        onClick={() => {
          bulk.reset();
          dialog.current?.showModal();
        }}
      >
        Edit all {plural(count, 'shown clip')}…
      </button>
      <button
        type="button"
        className="button button-small"
        disabled={scorable.length === 0 || scoring.running}
        title={
          scorable.length < count
            ? `${count - scorable.length} shown clips have no caption to score against`
            : undefined
        }
        // The hook refreshes the lists and stats itself as scores land.
        onClick={() => void scoring.scoreClips(scorable)}
      >
        {scoring.running ? 'Scoring…' : `Score ${plural(scorable.length, 'captioned clip')}`}
      </button>
      {scoring.progress && scoring.running && (
        <progress
          value={scoring.progress.done}
          max={Math.max(scoring.progress.total, 1)}
          aria-label={`Scored ${scoring.progress.done} of ${scoring.progress.total} clips`}
        />
      )}
      {scoring.error && (
        <p className="bulk-error hint hint-error" role="alert">
          {scoring.error}
        </p>
      )}
      <dialog ref={dialog} className="modal" aria-labelledby={ids.title}>
        <form
          className="stack-tight"
          onSubmit={(event) => {
            event.preventDefault();
            if (!invalid) bulk.mutate();
          }}
        >
          <h2 id={ids.title}>Edit {plural(count, 'clip')}</h2>
          <p className="hint">
            These changes apply to every clip the current filters show, not only the ones on screen.
          </p>
          <label className="choice">
            <input
              type="checkbox"
              checked={applyLicence}
              onChange={(event) => setApplyLicence(event.target.checked)}
            />
            Set the licence and attribution
          </label>
          {applyLicence && (
            <div className="stack-tight">
              <div className="field">
                <label htmlFor={ids.licence}>Licence for these clips</label>
                <select id={ids.licence} value={licence} onChange={(event) => setLicence(event.target.value)}>
                  {COMMON_LICENCES.map((id) => (
                    <option key={id} value={id}>
                      {LICENCE_NAMES[id]}
                    </option>
                  ))}
                  <option value="other">Other…</option>
                </select>
              </div>
              {licence === 'other' && (
                <div className="field">
                  <label htmlFor={ids.other}>Other licence (SPDX id or name)</label>
                  <input
                    id={ids.other}
                    value={otherLicence}
                    maxLength={100}
                    onChange={(event) => setOtherLicence(event.target.value)}
                  />
                </div>
              )}
              <div className="field">
                <label htmlFor={ids.attribution}>Attribution for these clips</label>
                <input
                  id={ids.attribution}
                  value={attribution}
                  maxLength={DATASET_LIMITS.attributionMaxLength}
                  placeholder="Leave empty for none"
                  onChange={(event) => setAttribution(event.target.value)}
                />
              </div>
            </div>
          )}
          <div className="field">
            <label htmlFor={ids.status}>Status</label>
            <select
              id={ids.status}
              value={status}
              onChange={(event) => setStatus(event.target.value as ClipStatus | '')}
            >
              <option value={KEEP}>Keep each clip’s status</option>
              <option value="accepted">Accept all</option>
              <option value="skipped">Skip all</option>
              <option value="new">Mark all as new</option>
            </select>
          </div>
          {bulk.error && (
            <p className="alert" role="alert">
              {bulk.error.message}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <button type="submit" className="button button-primary" disabled={invalid || bulk.isPending}>
              {bulk.isPending ? 'Applying…' : `Apply to ${plural(count, 'clip')}`}
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
