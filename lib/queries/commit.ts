/**
 * react-query factories for the commit page. Chain reads are keyed by the block they read at: the
 * page follows new heads, so each block brings fresh keys (and ChainClient memoises per block hash);
 * the previous block's answer stays on screen meanwhile (`previousBlockOf`). Hub answers about a pinned commit
 * never change, so the hash is computed once per (repo, commit, hotkey).
 */
import { type Query, queryOptions } from '@tanstack/react-query';
import type { ChainClient } from '../chain/client';
import type { HubRepoHashProgress } from '../chain/hub-repo-hash';
import type { BlockRef } from '../chain/query';
import { commitmentRows } from '../commit/commitment-rows';
import { type FaucetResponse, faucetResponseSchema } from '../commit/faucet';
import { listOwnerModels, listRepoCommits } from '../commit/hub-models';
import { readSpaceBudget } from '../commit/space-budget';
import { apiRequest } from '../http/api-client';

export const commitKeys = {
  chain: (endpoint: string) => ['chain', endpoint] as const,
  account: (endpoint: string, netuid: number, address: string) =>
    [...commitKeys.chain(endpoint), 'account', netuid, address] as const,
  commitments: (endpoint: string, netuid: number) =>
    [...commitKeys.chain(endpoint), 'commitments', netuid] as const,
  hub: (hubUrl: string) => ['hub', hubUrl] as const,
};

/**
 * placeholderData for a block-keyed read: the answer of the previous block for the same key — same
 * node, netuid and hotkey — while the new block's loads. Never another hotkey's or node's answer
 * (keepPreviousData would show whatever was last on screen), and nothing while disconnected.
 */
function previousBlockOf(key: readonly unknown[], enabled: boolean) {
  return <T>(previous: T | undefined, previousQuery: Query<T, Error, T, readonly unknown[]> | undefined) => {
    if (!enabled || !previousQuery) return undefined;
    const before = previousQuery.queryKey;
    const sameButBlock =
      before.length === key.length && key.slice(0, -1).every((part, index) => Object.is(part, before[index]));
    return sameButBlock ? previous : undefined;
  };
}

/** Registration, balance, commitment budget and current commitment of one hotkey, at one block. */
export const hotkeyStateOptions = (
  client: ChainClient | null,
  endpoint: string,
  netuid: number,
  address: string,
  at: BlockRef | null,
) =>
  queryOptions({
    queryKey: [...commitKeys.account(endpoint, netuid, address), at?.hash ?? null] as const,
    placeholderData: previousBlockOf(
      [...commitKeys.account(endpoint, netuid, address), null],
      client !== null && at !== null,
    ),
    queryFn: async () => {
      if (!client || !at) throw new Error('Not connected to a chain node.');
      const [registration, balance, budget, commitment] = await Promise.all([
        client.registration(netuid, address, at),
        client.balance(address, at),
        readSpaceBudget(client.connection, netuid, address, at),
        client.commitment(netuid, address, at),
      ]);
      return { registration, balance, budget, commitment };
    },
    enabled: client !== null && at !== null,
    gcTime: 30_000,
  });

/** Every commitment on the subnet at one block, as rows a validator would judge. */
export const subnetCommitmentsOptions = (
  client: ChainClient | null,
  endpoint: string,
  netuid: number,
  at: BlockRef | null,
) =>
  queryOptions({
    queryKey: [...commitKeys.commitments(endpoint, netuid), at?.hash ?? null] as const,
    placeholderData: previousBlockOf(
      [...commitKeys.commitments(endpoint, netuid), null],
      client !== null && at !== null,
    ),
    queryFn: async () => {
      if (!client || !at) throw new Error('Not connected to a chain node.');
      const set = await client.commitments(netuid, at);
      return { block: set.block, ...commitmentRows(set) };
    },
    enabled: client !== null && at !== null,
    gcTime: 30_000,
  });

export const hubModelsOptions = (hubUrl: string, owner: string) =>
  queryOptions({
    queryKey: [...commitKeys.hub(hubUrl), 'models', owner] as const,
    queryFn: ({ signal }) => listOwnerModels(owner, { hubUrl, signal }),
    enabled: owner !== '',
    staleTime: 60_000,
  });

export const hubCommitsOptions = (hubUrl: string, repo: string) =>
  queryOptions({
    queryKey: [...commitKeys.hub(hubUrl), 'commits', repo] as const,
    queryFn: ({ signal }) => listRepoCommits(repo, { hubUrl, signal }),
    enabled: repo !== '',
    staleTime: 60_000,
  });

/**
 * The repo's taoverse hash and the secure hash for `hotkey`, from the Hub listing (LFS weights are
 * never downloaded). `onProgress` is not part of the key: it only reports.
 */
export const hubSecureHashOptions = (
  hubUrl: string,
  repo: string,
  commit: string,
  hotkey: string,
  onProgress: (progress: HubRepoHashProgress) => void,
) =>
  queryOptions({
    queryKey: [...commitKeys.hub(hubUrl), 'secure-hash', repo, commit, hotkey] as const,
    queryFn: async ({ signal }) => {
      // Lazy: the hashing code is only needed once a revision is picked.
      const { secureHashOfHubRepo } = await import('../chain/hub-repo-hash');
      return secureHashOfHubRepo(repo, commit, hotkey, { hubUrl, signal, onProgress });
    },
    enabled: repo !== '' && commit !== '' && hotkey !== '',
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });

export const requestFaucet = (address: string): Promise<FaucetResponse> =>
  apiRequest('/api/chain/faucet', faucetResponseSchema, { method: 'POST', body: { address } });
