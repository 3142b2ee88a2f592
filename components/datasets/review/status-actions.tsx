'use client';

/** Accept / Skip / Report for the selected clip; Report asks why (REPORT_REASONS or free text). */
import { type MouseEvent, type Ref, useId, useImperativeHandle, useRef, useState } from 'react';
import { type ClipStatus, REPORT_REASONS } from '@/lib/datasets/model';
import { StatusBadge } from '../shared/clip-badges';

export interface StatusActionsHandle {
  openReport(): void;
}

interface StatusActionsProps {
  status: ClipStatus;
  reportReason: string | null;
  onSetStatus: (status: ClipStatus, reportReason?: string | null) => void;
  error: string | null;
  ref?: Ref<StatusActionsHandle>;
}

export function StatusActions({ status, reportReason, onSetStatus, error, ref }: StatusActionsProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const otherId = useId();
  const [reason, setReason] = useState<string>(REPORT_REASONS[0]);
  const [other, setOther] = useState('');

  function openReport() {
    setReason(REPORT_REASONS[0]);
    setOther('');
    dialog.current?.showModal();
  }
  useImperativeHandle(ref, () => ({ openReport }));

  // The next clip is selected after a decision; leave the button so Space plays it instead of
  // pressing the same button again.
  function decide(event: MouseEvent<HTMLButtonElement>, next: ClipStatus) {
    event.currentTarget.blur();
    onSetStatus(next);
  }

  return (
    <div className="status-actions">
      <div className="status-current">
        <span className="muted">Status</span> <StatusBadge status={status} />
        {status === 'reported' && reportReason && <span className="muted"> ({reportReason})</span>}
      </div>
      <fieldset className="button-row plain-fieldset">
        <legend className="visually-hidden">Review decision</legend>
        <button
          type="button"
          className="button button-accept"
          aria-pressed={status === 'accepted'}
          aria-keyshortcuts="A"
          onClick={(event) => decide(event, 'accepted')}
        >
          Accept
          <span className="key-hint" aria-hidden="true">
            A
          </span>
        </button>
        <button
          type="button"
          className="button"
          aria-pressed={status === 'skipped'}
          aria-keyshortcuts="S"
          onClick={(event) => decide(event, 'skipped')}
        >
          Skip
          <span className="key-hint" aria-hidden="true">
            S
          </span>
        </button>
        <button
          type="button"
          className="button button-report"
          aria-pressed={status === 'reported'}
          aria-keyshortcuts="R"
          aria-haspopup="dialog"
          onClick={openReport}
        >
          Report
          <span className="key-hint" aria-hidden="true">
            R
          </span>
        </button>
        {status !== 'new' && (
          <button type="button" className="button button-ghost" onClick={() => onSetStatus('new')}>
            Undo decision
          </button>
        )}
      </fieldset>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      <dialog ref={dialog} className="modal" aria-labelledby={titleId}>
        <form
          className="stack-tight"
          method="dialog"
          onSubmit={(event) => {
            event.preventDefault();
            const text = reason === 'other' ? other.trim() || 'other' : reason;
            onSetStatus('reported', text);
            dialog.current?.close();
            // The dialog hands focus back to "Report"; Space must play the next clip, not report it.
            if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
          }}
        >
          <h2 id={titleId}>Report this clip</h2>
          <fieldset className="reason-list">
            <legend>What is wrong with it?</legend>
            {REPORT_REASONS.map((option) => (
              <label key={option} className="choice">
                <input
                  type="radio"
                  name="reason"
                  value={option}
                  checked={reason === option}
                  onChange={() => setReason(option)}
                />
                {option[0]?.toUpperCase()}
                {option.slice(1)}
              </label>
            ))}
          </fieldset>
          {reason === 'other' && (
            <div className="field">
              <label htmlFor={otherId}>Describe the problem</label>
              <input
                id={otherId}
                value={other}
                maxLength={200}
                onChange={(event) => setOther(event.target.value)}
                autoFocus
              />
            </div>
          )}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <button type="submit" className="button button-primary">
              Report clip
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
