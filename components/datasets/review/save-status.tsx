/** The autosave state in words, announced politely to screen readers. */
import type { SaveState } from './use-clip-draft';

const TEXT: Record<SaveState, string> = {
  idle: 'All changes saved',
  pending: 'Unsaved changes…',
  saving: 'Saving…',
  saved: 'Saved',
  error: 'Not saved',
  blocked: 'Not saved: the caption is too long',
};

export function SaveStatus({
  state,
  error,
  onRetry,
}: {
  state: SaveState;
  error: string | null;
  onRetry: () => void;
}) {
  return (
    <div className={`save-status save-${state}`}>
      <span role="status" aria-live="polite">
        <span className="save-dot" aria-hidden="true" />
        {TEXT[state]}
        {state === 'error' && error ? `: ${error} Your text is kept in this browser.` : ''}
      </span>
      {state === 'error' && (
        <button type="button" className="button button-small" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
