'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import { shortAddress } from '@/lib/auth/address';
import { requestChallenge, sessionKeys, submitSignature } from '@/lib/queries/session';
import type { WalletAccount } from '@/lib/wallet/extension';

type Step = { kind: 'closed' } | { kind: 'connecting' } | { kind: 'choose'; accounts: WalletAccount[] };

const loadWallet = () => import('@/lib/wallet/extension');

/**
 * "Sign in" opens a dialog that connects to the wallet extension, lists the accounts that can sign
 * in, and signs the server's challenge with the one the user picks.
 */
export function SignInButton({ label = 'Sign in', primary = false }: { label?: string; primary?: boolean }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [step, setStep] = useState<Step>({ kind: 'closed' });
  const [connectError, setConnectError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const router = useRouter();

  const signIn = useMutation({
    mutationFn: async (account: WalletAccount) => {
      const { signMessage } = await loadWallet();
      const challenge = await requestChallenge(account.address);
      const signature = await signMessage(account, challenge.message);
      return submitSignature({
        nonce: challenge.nonce,
        address: account.address,
        signature,
        ...(account.name ? { name: account.name } : {}),
      });
    },
    onSuccess: ({ user }) => {
      queryClient.setQueryData(sessionKeys.all, user);
      dialogRef.current?.close();
      router.refresh();
    },
  });

  async function open() {
    setConnectError(null);
    signIn.reset();
    setStep({ kind: 'connecting' });
    dialogRef.current?.showModal();
    try {
      const { listSigningAccounts } = await loadWallet();
      setStep({ kind: 'choose', accounts: await listSigningAccounts() });
    } catch (error) {
      setConnectError(error instanceof Error ? error.message : String(error));
      setStep({ kind: 'closed' });
    }
  }

  const error = connectError ?? (signIn.error ? signIn.error.message : null);

  return (
    <>
      <button type="button" className={primary ? 'button button-primary' : 'button'} onClick={open}>
        {label}
      </button>
      <dialog
        ref={dialogRef}
        className="modal"
        aria-labelledby={titleId}
        onClose={() => setStep({ kind: 'closed' })}
      >
        <h2 id={titleId}>Sign in with your wallet</h2>
        <p className="muted">
          Pick a Substrate account. Your wallet will ask you to sign a short message; it sends no transaction
          and costs nothing.
        </p>
        {step.kind === 'connecting' && <p aria-live="polite">Connecting to your wallet extension…</p>}
        {step.kind === 'choose' && (
          <ul className="account-list" aria-label="Accounts">
            {step.accounts.map((account) => (
              <li key={`${account.source}:${account.address}`}>
                <button
                  type="button"
                  className="button"
                  disabled={signIn.isPending}
                  onClick={() => signIn.mutate(account)}
                  aria-label={`Sign in as ${account.name ?? 'unnamed account'} ${account.address}`}
                >
                  <span>{account.name ?? 'Unnamed account'}</span>
                  <span className="address" title={account.address}>
                    {shortAddress(account.address)} · {account.type}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {signIn.isPending && <p aria-live="polite">Waiting for your wallet to sign…</p>}
        {error && (
          <p className="alert" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => dialogRef.current?.close()}>
            Cancel
          </button>
        </div>
      </dialog>
    </>
  );
}
