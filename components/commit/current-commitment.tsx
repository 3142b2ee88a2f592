'use client';

import type { ChainCommitment } from '@/lib/chain/commitments';
import type { BlockRef } from '@/lib/chain/query';
import { commitmentRow } from '@/lib/commit/commitment-rows';
import { EvaluationCountdown } from './evaluation-countdown';

/** What the chain holds for this hotkey now (read at the best block), and when validators get to it. */
export function CurrentCommitment({
  commitment,
  loaded,
  best,
  msPerBlock,
}: {
  commitment: ChainCommitment | null;
  loaded: boolean;
  best: BlockRef | null;
  msPerBlock: number | null;
}) {
  if (!loaded) return null;
  if (!commitment) {
    return <p className="hint">This hotkey has no commitment on this subnet yet.</p>;
  }
  const row = commitmentRow(commitment);
  return (
    <div className="current-commitment" data-testid="current-commitment">
      <h3>On chain for this hotkey</h3>
      <dl className="facts">
        <dt>Committed</dt>
        <dd>{row.text !== null ? <code>{row.text}</code> : <span className="muted">(not text)</span>}</dd>
        <dt>Block</dt>
        <dd data-testid="current-commitment-block">#{commitment.block ?? '?'}</dd>
        <dt>Validators read it as</dt>
        <dd>
          {row.model ? (
            <>
              <span className="badge badge-ok">valid</span> {row.model.repo} at{' '}
              <code>{row.model.commit.slice(0, 12)}</code>
            </>
          ) : (
            <>
              <span className="badge badge-danger">{row.problem?.code}</span> {row.problem?.message}
            </>
          )}
        </dd>
      </dl>
      {row.model && commitment.block !== null && best && (
        <EvaluationCountdown commitBlock={commitment.block} bestBlock={best.number} msPerBlock={msPerBlock} />
      )}
    </div>
  );
}
