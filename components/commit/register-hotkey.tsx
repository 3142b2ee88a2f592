'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ChainClient } from '@/lib/chain/client';
import type { SubmitStage } from '@/lib/chain/submit';
import { formatTao } from '@/lib/commit/evaluation';
import { explainSubmitError } from '@/lib/commit/explain-error';
import { FAUCET_RAO } from '@/lib/commit/faucet';
import { commitKeys, requestFaucet } from '@/lib/queries/commit';
import type { HotkeyAccount } from '@/lib/wallet/extension';

type Step = 'funding' | SubmitStage;

const STEP_TEXT: Record<Step, string> = {
  funding: 'Asking the simulated chain’s faucet for test TAO…',
  signing: 'Waiting for your wallet to sign SubtensorModule.burned_register…',
  future: 'Sent; waiting for an earlier transaction of this account…',
  ready: 'Sent; waiting for the next block…',
  inBlock: 'Registered; the new uid shows with the next block.',
  finalized: 'Registered (finalized).',
};

/**
 * A convenience of the simulated chain only: the studio's faucet sends the account test TAO, then
 * the wallet signs a real `SubtensorModule.burned_register(netuid, hotkey)` (this account pays the
 * burn as its own coldkey), exactly the extrinsic btcli sends on a real network.
 */
export function RegisterHotkey({
  client,
  endpoint,
  netuid,
  account,
}: {
  client: ChainClient;
  endpoint: string;
  netuid: number;
  account: HotkeyAccount;
}) {
  const { address } = account;
  const [step, setStep] = useState<Step | null>(null);
  const queryClient = useQueryClient();
  const register = useMutation({
    mutationFn: async () => {
      setStep('funding');
      await requestFaucet(address);
      const burnedRegister = client.connection.api.tx.subtensorModule?.burnedRegister;
      if (!burnedRegister) throw new Error('This chain has no SubtensorModule.burned_register.');
      const { injectedSigner } = await import('@/lib/wallet/extension');
      const signer = await injectedSigner(account);
      return client.submit(
        burnedRegister(netuid, address),
        { kind: 'injected', address, signer },
        { waitFor: 'inBlock', onStatus: (stage) => setStep(stage) },
      );
    },
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: commitKeys.account(endpoint, netuid, address) }),
  });
  const explained = register.error
    ? explainSubmitError(register.error, { netuid, connected: client.connection.connected })
    : null;

  return (
    <div className="simulated-box">
      <p>
        <span className="badge badge-warn">Simulated chain only</span> The studio’s faucet sends this account{' '}
        {formatTao(FAUCET_RAO)}, then your wallet signs a real <code>burned_register</code> on netuid {netuid}{' '}
        (a 0.001 test TAO burn). On testnet or finney, register with <code>btcli subnet register</code>{' '}
        instead.
      </p>
      <button
        type="button"
        className="button"
        onClick={() => register.mutate()}
        disabled={register.isPending || register.isSuccess}
      >
        Register this hotkey on the simulated chain
      </button>
      <p aria-live="polite" className="hint">
        {register.isPending && step ? STEP_TEXT[step] : ''}
        {register.isSuccess && `Registered in block #${register.data.block.number}.`}
      </p>
      {explained && (
        <div className="alert" role="alert">
          <p>
            <strong>{explained.title}</strong> {explained.detail}
          </p>
        </div>
      )}
    </div>
  );
}
