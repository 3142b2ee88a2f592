'use client';

/** The latest thing that happened to the submission (`signing`: waiting for the wallet). */
export type CommitStage = 'preparing' | 'signing' | 'ready' | 'inBlock' | 'finalized' | 'done';

const STEPS: { label: string; active: string }[] = [
  { label: 'Signed in your wallet', active: 'Waiting for your wallet to sign…' },
  { label: 'Accepted by the node', active: 'Sent; waiting for the node to accept it…' },
  { label: 'Included in a block', active: 'In the transaction pool; waiting for a block…' },
  { label: 'Finalized', active: 'In a block; waiting for finality…' },
  { label: 'Read back from CommitmentOf', active: 'Finalized; reading the commitment back…' },
];

/** How many steps each stage completes (the node reports "ready" once it has the signed transaction). */
const DONE: Record<CommitStage, number> = {
  preparing: 0,
  signing: 0,
  ready: 2,
  inBlock: 3,
  finalized: 4,
  done: 5,
};

/** The submission's way to finality as a checklist, with the current step announced politely. */
export function SubmitProgress({
  stage,
  failed,
  readBackMatches,
}: {
  stage: CommitStage;
  failed: boolean;
  /** After the read-back: whether CommitmentOf holds what was signed (null before). */
  readBackMatches: boolean | null;
}) {
  const done = DONE[stage];
  const current = STEPS[done];
  return (
    <div className="submit-progress">
      <ol className="progress-steps" aria-label="Submission progress">
        {STEPS.map((step, index) => {
          const state = index < done ? 'done' : index === done ? (failed ? 'failed' : 'current') : 'pending';
          return (
            <li key={step.label} className={`progress-step progress-${state}`}>
              <span className="progress-icon" aria-hidden="true">
                {state === 'done' ? '✓' : state === 'current' ? '…' : state === 'failed' ? '✕' : '○'}
              </span>
              {step.label}
              <span className="visually-hidden">
                {state === 'done'
                  ? ' (done)'
                  : state === 'current'
                    ? ' (in progress)'
                    : state === 'failed'
                      ? ' (failed)'
                      : ''}
              </span>
            </li>
          );
        })}
      </ol>
      <p role="status" aria-live="polite" className="hint" data-testid="submit-status">
        {failed
          ? 'Stopped: see the error below.'
          : (current?.active ??
            (readBackMatches === false
              ? 'Finalized, but the commitment read back differs from what you signed.'
              : 'Committed, finalized and read back.'))}
      </p>
    </div>
  );
}
