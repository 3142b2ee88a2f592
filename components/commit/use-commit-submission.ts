'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ChainClient } from '@/lib/chain/client';
import type { CommitResult } from '@/lib/chain/commit';
import { commitKeys } from '@/lib/queries/commit';
import type { CommitStage } from './submit-progress';

export interface CommitOutcome {
  result: CommitResult;
  /** The string that was submitted, to compare with what the chain gives back. */
  text: string;
  matches: boolean;
}

/**
 * Signs `Commitments.set_commitment` with the extension's signer and follows it to finality;
 * ChainClient then reads `CommitmentOf` back at the inclusion block.
 */
export function useCommitSubmission(options: {
  client: ChainClient | null;
  endpoint: string;
  netuid: number;
  address: string | null;
}) {
  const { client, endpoint, netuid, address } = options;
  const [stage, setStage] = useState<CommitStage>('preparing');
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: async (text: string): Promise<CommitOutcome> => {
      if (!client) throw new Error('Not connected to a chain node.');
      if (!address) throw new Error('Pick your hotkey first.');
      setStage('preparing');
      const { injectedSigner } = await import('@/lib/wallet/extension');
      const signer = await injectedSigner(address);
      const result = await client.commit({
        netuid,
        data: text,
        signer: { kind: 'injected', address, signer },
        onStatus: (next) => setStage(next === 'future' ? 'ready' : next),
      });
      setStage('done');
      return { result, text, matches: result.commitment?.text === text };
    },
    onSettled: async () => {
      await Promise.all([
        address && queryClient.invalidateQueries({ queryKey: commitKeys.account(endpoint, netuid, address) }),
        queryClient.invalidateQueries({ queryKey: commitKeys.commitments(endpoint, netuid) }),
      ]);
    },
  });
  return { ...mutation, stage };
}
