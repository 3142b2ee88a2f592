'use client';

import { useId } from 'react';
import {
  EVAL_BLOCK_DELAY,
  evaluationCountdown,
  formatDuration,
  NOMINAL_BLOCK_MS,
} from '@/lib/commit/evaluation';

/**
 * Genki-Dama validators pick a commitment up 1200 blocks after its block. Live: it moves with every
 * new head the page receives. Announced as a timer (aria-live off), so screen readers read it on
 * request instead of every block.
 */
export function EvaluationCountdown({
  commitBlock,
  bestBlock,
  msPerBlock,
}: {
  commitBlock: number;
  bestBlock: number;
  msPerBlock: number | null;
}) {
  const id = useId();
  const perBlock = msPerBlock ?? NOMINAL_BLOCK_MS;
  const countdown = evaluationCountdown(commitBlock, bestBlock, perBlock);
  return (
    <div className="countdown">
      <p id={id}>
        Validators evaluate it from block <strong>#{countdown.evalBlock}</strong> ({EVAL_BLOCK_DELAY} blocks
        after block #{commitBlock}).
      </p>
      <progress
        value={EVAL_BLOCK_DELAY - countdown.remainingBlocks}
        max={EVAL_BLOCK_DELAY}
        aria-labelledby={id}
      />
      <p role="timer" aria-live="off" data-testid="evaluation-countdown" className="countdown-text">
        {countdown.due
          ? 'Due now: validators may evaluate it at their next pass.'
          : `${countdown.remainingBlocks} blocks to go · about ${formatDuration(countdown.remainingMs)} at ${(perBlock / 1000).toFixed(1)} s per block${msPerBlock === null ? ' (nominal)' : ''}`}
      </p>
    </div>
  );
}
