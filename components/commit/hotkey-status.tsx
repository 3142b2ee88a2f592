'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import type { Balance, Registration } from '@/lib/chain/accounts';
import type { ChainClient } from '@/lib/chain/client';
import type { ChainCommitment } from '@/lib/chain/commitments';
import { formatTao } from '@/lib/commit/evaluation';
import type { SpaceBudget } from '@/lib/commit/space-budget';
import type { HotkeyAccount } from '@/lib/wallet/extension';
import { RegisterHotkey } from './register-hotkey';

export interface HotkeyState {
  registration: Registration;
  balance: Balance;
  budget: SpaceBudget;
  commitment: ChainCommitment | null;
}

/** The picked hotkey on the connected chain: its uid (or why it cannot commit), balance and budget. */
export function HotkeyStatus({
  state,
  netuid,
  client,
  endpoint,
  account,
  offerSimulatedRegistration,
}: {
  state: UseQueryResult<HotkeyState>;
  netuid: number;
  client: ChainClient | null;
  endpoint: string;
  account: HotkeyAccount;
  offerSimulatedRegistration: boolean;
}) {
  if (!client) return <p className="hint">Connect to a chain node to see this hotkey’s registration.</p>;
  if (state.error) {
    return (
      <p className="alert" role="alert">
        Could not read this hotkey from the chain: {state.error.message}
      </p>
    );
  }
  if (!state.data) return <p aria-live="polite">Reading this hotkey from the chain…</p>;
  const { registration, balance, budget } = state.data;
  const registered = registration.uid !== null;
  return (
    <div className="hotkey-status">
      <dl className="facts">
        <dt>Registration</dt>
        <dd data-testid="registration">
          {registered ? (
            <>
              <span className="badge badge-ok">uid {registration.uid}</span> on netuid {netuid}
              {registration.blockAtRegistration !== null &&
                ` (since block #${registration.blockAtRegistration})`}
            </>
          ) : (
            <span className="badge badge-danger">not registered on netuid {netuid}</span>
          )}
        </dd>
        <dt>Free balance</dt>
        <dd data-testid="balance">{formatTao(balance.free)}</dd>
        <dt>Commitment budget</dt>
        <dd data-testid="budget">
          {budget.used} of {budget.maxSpace} bytes used this epoch · resets at block #{budget.resetsAtBlock}
        </dd>
      </dl>
      {!registered && (
        <p className="notice">
          This account is not registered on netuid {netuid}, so the chain will refuse its commitment
          (AccountNotAllowedCommit). Register it first (<code>btcli subnet register --netuid {netuid}</code>),
          or pick the hotkey that is registered.
        </p>
      )}
      {!registered && offerSimulatedRegistration && (
        // Keyed by account: one hotkey's registration attempt (its error, its "registered in block
        // #N") must not carry over to the next unregistered hotkey picked.
        <RegisterHotkey
          key={`${account.source}:${account.address}`}
          client={client}
          endpoint={endpoint}
          netuid={netuid}
          account={account}
        />
      )}
    </div>
  );
}
