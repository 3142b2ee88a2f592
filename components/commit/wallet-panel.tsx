'use client';

import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useId } from 'react';
import { checkAccountGenesis, describeGenesis } from '@/lib/commit/network-check';
import type { HotkeyAccount, HotkeyAccounts } from '@/lib/wallet/extension';

const loadWallet = () => import('@/lib/wallet/extension');

function hiddenSentence(hidden: HotkeyAccounts['hidden']): string {
  const base =
    'Only sr25519 accounts are listed: Bittensor hotkeys are sr25519 keys (btcli makes no other kind)';
  if (hidden.length === 0) return `${base}.`;
  const parts = hidden.map(({ type, count }) => `${count} ${type}`);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0];
  const total = hidden.reduce((sum, entry) => sum + entry.count, 0);
  return `${base}, so ${list} account${total === 1 ? '' : 's'} in your wallet ${total === 1 ? 'is' : 'are'} not shown.`;
}

/** The same account of the same extension (one hotkey may be imported in two extensions). */
function sameAccount(a: HotkeyAccount, b: HotkeyAccount): boolean {
  return a.source === b.source && a.address === b.address;
}

/** Step 1: connect the extension and pick the hotkey that signs the commitment. */
export function WalletPanel({
  netuid,
  selected,
  onSelect,
  chainGenesis,
  children,
}: {
  netuid: number;
  selected: HotkeyAccount | null;
  onSelect: (account: HotkeyAccount | null) => void;
  chainGenesis: string | null;
  children?: ReactNode;
}) {
  const ids = { heading: useId(), explain: useId() };
  const connect = useMutation({
    mutationFn: async () => (await loadWallet()).listHotkeyAccounts(),
    // After a refresh the picked account is the fresh copy (its chain restriction may have changed in
    // the extension), or nothing if it is gone.
    onSuccess: (fresh) => {
      if (selected) onSelect(fresh.accounts.find((account) => sameAccount(account, selected)) ?? null);
    },
  });
  const data = connect.data;

  return (
    <section className="card commit-section" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>1. Hotkey</h2>
      <p className="hint">
        Sign with the hotkey registered on netuid {netuid}, not your coldkey: the chain accepts a commitment
        only from a registered hotkey. Import it into your wallet extension as an sr25519 account if it is
        only in btcli’s wallet folder.
      </p>
      {!data && (
        <button
          type="button"
          className="button button-primary"
          onClick={() => connect.mutate()}
          disabled={connect.isPending}
        >
          {connect.isPending ? 'Connecting…' : 'Connect wallet extension'}
        </button>
      )}
      {connect.isPending && <p aria-live="polite">Asking your wallet extension for its accounts…</p>}
      {connect.error && (
        <p className="alert" role="alert">
          {connect.error.message}
        </p>
      )}
      {data && (
        <fieldset className="plain-fieldset account-choices" aria-describedby={ids.explain}>
          <legend>Hotkey account</legend>
          {data.accounts.length === 0 && (
            <p className="notice">
              Your wallet has no sr25519 account. Import your hotkey as sr25519, then reconnect.
            </p>
          )}
          <ul>
            {data.accounts.map((account) => {
              const restricted =
                chainGenesis === null
                  ? null
                  : checkAccountGenesis({ accountGenesis: account.genesisHash, chainGenesis });
              return (
                <li key={`${account.source}:${account.address}`}>
                  <label className="choice account-choice">
                    <input
                      type="radio"
                      className="choice-radio"
                      name="hotkey"
                      value={account.address}
                      checked={selected !== null && sameAccount(selected, account)}
                      onChange={() => onSelect(account)}
                    />
                    <span className="account-choice-text">
                      <span className="account-name">{account.name ?? 'Unnamed account'}</span>
                      <code className="address">{account.address}</code>
                      {account.genesisHash && (
                        <span className={restricted ? 'text-warn hint' : 'hint'}>
                          Restricted in your wallet to genesis {describeGenesis(account.genesisHash)}
                        </span>
                      )}
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
          <p className="hint" id={ids.explain}>
            {hiddenSentence(data.hidden)}
          </p>
          <button type="button" className="button button-small" onClick={() => connect.mutate()}>
            Refresh accounts
          </button>
        </fieldset>
      )}
      {children}
    </section>
  );
}
