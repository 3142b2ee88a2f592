'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ChainClient } from '@/lib/chain/client';
import type { CommitResult } from '@/lib/chain/commit';
import type { SpaceBudget } from '@/lib/commit/space-budget';
import { commitKeys } from '@/lib/queries/commit';
import type { HotkeyAccount } from '@/lib/wallet/extension';
import type { CommitStage } from './submit-progress';

/** What one click submits: the string, who signs it, where it goes, and the budget seen then. */
export interface CommitRequestView {
  text: string;
  account: HotkeyAccount;
  endpoint: string;
  budget: SpaceBudget | undefined;
}

export interface CommitOutcome {
  result: CommitResult;
  matches: boolean;
}

/**
 * A failed submission with what was true when it failed: whether the node was still connected
 * (a "went away" explanation must not appear later just because the user switched node) and the
 * budget the space-limit explanation quotes.
 */
export class CommitFailure extends Error {
  override name = 'CommitFailure';
  constructor(
    readonly original: unknown,
    readonly connected: boolean,
  ) {
    super(original instanceof Error ? original.message : String(original));
  }
}

/**
 * Signs `Commitments.set_commitment` with the extension's signer and follows it to finality;
 * ChainClient then reads `CommitmentOf` back at the inclusion block. The result belongs to the
 * request that produced it (`variables`): the panel shows it only while the same string, hotkey
 * and node are selected.
 */
export function useCommitSubmission(options: { client: ChainClient | null; netuid: number }) {
  const { client, netuid } = options;
  const [stage, setStage] = useState<CommitStage>('preparing');
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: async ({ text, account }: CommitRequestView): Promise<CommitOutcome> => {
      if (!client) throw new Error('Not connected to a chain node.');
      setStage('preparing');
      try {
        const { injectedSigner } = await import('@/lib/wallet/extension');
        const signer = await injectedSigner(account);
        const result = await client.commit({
          netuid,
          data: text,
          signer: { kind: 'injected', address: account.address, signer },
          onStatus: (next) => setStage(next === 'future' ? 'ready' : next),
        });
        setStage('done');
        return { result, matches: result.commitment?.text === text };
      } catch (error) {
        throw new CommitFailure(error, client.connection.connected);
      }
    },
    onSettled: async (_data, _error, request) => {
      await Promise.all([
        queryClient.invalidateQueries({
          queryKey: commitKeys.account(request.endpoint, netuid, request.account.address),
        }),
        queryClient.invalidateQueries({ queryKey: commitKeys.commitments(request.endpoint, netuid) }),
      ]);
    },
  });
  return { ...mutation, stage };
}

/** The submission shown belongs to this selection (same string — so same repo, revision, hotkey — and node). */
export function isForSelection(
  request: CommitRequestView | undefined,
  selection: { text: string | null; address: string | null; endpoint: string },
): boolean {
  return (
    request !== undefined &&
    request.text === selection.text &&
    request.account.address === selection.address &&
    request.endpoint === selection.endpoint
  );
}
