'use client';

import { useId } from 'react';
import type { ChainClient } from '@/lib/chain/client';
import { type EncodedCommitment, encodeCommitment, MAX_COMMITMENT_BYTES } from '@/lib/chain/commitment-codec';
import type { HubRepoSecureHash } from '@/lib/chain/hub-repo-hash';
import type { BlockRef } from '@/lib/chain/query';
import { explainSubmitError } from '@/lib/commit/explain-error';
import type { NetworkProblem } from '@/lib/commit/network-check';
import { commitCost, fitsBudget } from '@/lib/commit/space-budget';
import type { HotkeyAccount } from '@/lib/wallet/extension';
import { CurrentCommitment } from './current-commitment';
import type { HotkeyState } from './hotkey-status';
import { SubmitProgress } from './submit-progress';
import { CommitFailure, isForSelection, useCommitSubmission } from './use-commit-submission';

function encode(hash: HubRepoSecureHash): { encoded: EncodedCommitment } | { error: string } {
  try {
    return {
      encoded: encodeCommitment({ repo: hash.repo, commit: hash.commit, secureHash: hash.secureHash }),
    };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Step 3: the exact commitment string, signed by the hotkey, followed to finality and read back. */
export function CommitmentPanel({
  netuid,
  endpoint,
  client,
  account,
  hash,
  hotkeyState,
  networkProblem,
  best,
  msPerBlock,
}: {
  netuid: number;
  endpoint: string;
  client: ChainClient | null;
  account: HotkeyAccount | null;
  hash: HubRepoSecureHash | undefined;
  hotkeyState: HotkeyState | undefined;
  networkProblem: NetworkProblem | null;
  best: BlockRef | null;
  msPerBlock: number | null;
}) {
  const ids = { heading: useId(), string: useId() };
  const address = account?.address ?? null;
  const submission = useCommitSubmission({ client, netuid });
  // The hash was computed for the hotkey picked then; a different hotkey needs its own hash.
  const ready = hash && address && hash.hotkey === address && hash.layout.ok ? hash : null;
  const built = ready ? encode(ready) : null;
  const encoded = built && 'encoded' in built ? built.encoded : null;
  const missing = [
    !address && 'pick your hotkey (step 1)',
    !hash && 'pick a model revision and let the studio hash it (step 2)',
    hash && !hash.layout.ok && 'fix the repo layout (step 2)',
    !client && 'connect to a chain node',
  ].filter((item): item is string => typeof item === 'string');
  const registered = hotkeyState ? hotkeyState.registration.uid !== null : null;
  const overBudget = encoded && hotkeyState ? !fitsBudget(hotkeyState.budget, encoded.byteLength) : false;
  // A result or error belongs to the string, hotkey and node it was submitted for; once the miner
  // picks something else it would describe the wrong thing, so it is not shown (a submission still
  // in flight is, whatever is selected now).
  const request = submission.variables;
  const shown =
    submission.isPending || isForSelection(request, { text: encoded?.text ?? null, address, endpoint });
  const failure = shown ? submission.error : null;
  const explained = failure
    ? explainSubmitError(failure instanceof CommitFailure ? failure.original : failure, {
        netuid,
        budget: request?.budget,
        bestBlock: best?.number,
        connected:
          failure instanceof CommitFailure ? failure.connected : (client?.connection.connected ?? false),
      })
    : null;
  const outcome = shown ? submission.data : undefined;
  const blocked = !encoded || !client || networkProblem?.blocking === true || submission.isPending;

  return (
    <section className="card commit-section" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>3. Commitment</h2>
      {missing.length > 0 && <p className="hint">To build the commitment, {missing.join(', ')}.</p>}
      {built && 'error' in built && (
        <p className="alert" role="alert">
          {built.error}
        </p>
      )}
      {encoded && (
        <div className="commitment-string">
          <p className="field-label" id={ids.string}>
            Commitment string (competition 1, chiptune)
          </p>
          <output aria-labelledby={ids.string} className="commitment-output">
            <code data-testid="commitment-string">{encoded.text}</code>
          </output>
          <meter min={0} max={MAX_COMMITMENT_BYTES} value={encoded.byteLength} aria-label="Commitment size" />
          <p className="hint" data-testid="commitment-bytes">
            {encoded.byteLength} of {MAX_COMMITMENT_BYTES} bytes (UTF-8), stored as one{' '}
            <code>Raw{encoded.byteLength}</code> field; costs {commitCost(encoded.byteLength)} bytes of this
            epoch’s budget.
          </p>
        </div>
      )}
      {encoded && registered === false && (
        <p className="notice text-warn" data-testid="precheck-registration">
          Pre-check: this hotkey is not registered on netuid {netuid}. The chain will refuse the commitment
          unless it is registered by the time the transaction lands.
        </p>
      )}
      {encoded && overBudget && hotkeyState && (
        <p className="notice text-warn" data-testid="precheck-budget">
          Pre-check: this hotkey has used {hotkeyState.budget.used} of {hotkeyState.budget.maxSpace} bytes
          this epoch, so the chain will refuse another commitment until block #
          {hotkeyState.budget.resetsAtBlock}.
        </p>
      )}
      {encoded && networkProblem?.blocking && (
        <p className="notice text-warn">Signing is off until the network problem above is solved.</p>
      )}
      {encoded && (
        <button
          type="button"
          className="button button-primary"
          disabled={blocked}
          onClick={() => {
            if (account)
              submission.mutate({ text: encoded.text, account, endpoint, budget: hotkeyState?.budget });
          }}
        >
          {submission.isPending ? 'Submitting…' : 'Sign and submit the commitment'}
        </button>
      )}
      {shown && (submission.isPending || submission.isError || submission.isSuccess) && (
        <SubmitProgress
          stage={submission.stage}
          failed={submission.isError}
          readBackMatches={outcome ? outcome.matches : null}
        />
      )}
      {explained && (
        <div className="alert" role="alert" data-testid="submit-error">
          <p>
            <strong>{explained.title}</strong>
          </p>
          <p>{explained.detail}</p>
          {explained.technical && <p className="hint">Chain: {explained.technical}</p>}
        </div>
      )}
      {outcome && (
        <div
          className={outcome.matches ? 'notice notice-ok' : 'alert'}
          role={outcome.matches ? undefined : 'alert'}
          data-testid="submit-result"
        >
          <p>
            Finalized in block <strong>#{outcome.result.block.number}</strong>.{' '}
            {outcome.matches
              ? 'Read back from CommitmentOf at that block: it matches what you signed.'
              : 'Read back from CommitmentOf at that block: it does NOT match what you signed.'}
          </p>
        </div>
      )}
      {address && (
        <CurrentCommitment
          commitment={hotkeyState?.commitment ?? null}
          loaded={hotkeyState !== undefined}
          best={best}
          msPerBlock={msPerBlock}
        />
      )}
    </section>
  );
}
