/**
 * The chain client the studio uses (server routes, the browser, the CLI): connect by network or
 * endpoint, read the subnet's metagraph, commitments, an account's registration and balance —
 * memoised per block hash — and write a commitment with a caller-supplied signer.
 *
 *   const chain = await ChainClient.connect({ endpoint: chainEndpoint('local') });
 *   const { commitments } = await chain.commitments(1);
 *   const result = await chain.commit({ netuid: 1, data: 'ns/name:sha:…', signer: { kind: 'pair', pair } });
 *   await chain.disconnect();
 */
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import { z } from 'zod';
import type { Network } from '../env';
import { type Balance, type Registration, readBalance, readRegistration } from './accounts';
import { BlockCache } from './block-cache';
import { type CommitRequest, type CommitResult, submitCommitment } from './commit';
import {
  type ChainCommitment,
  type CommitmentSet,
  placeCommitment,
  readOneCommitment,
  readRawCommitments,
  splitByRegistration,
} from './commitments';
import { type ChainConnection, type ConnectOptions, connectChain } from './connection';
import { type Metagraph, readMetagraph } from './metagraph';
import { chainEndpoint } from './networks';
import { type At, type BlockRef, resolveBlock } from './query';
import { type ChainSigner, type Inclusion, type SubmitOptions, submitExtrinsic } from './submit';

export class ChainClient {
  readonly #conn: ChainConnection;
  readonly #cache = new BlockCache();
  #chainName: Promise<string> | undefined;

  private constructor(conn: ChainConnection) {
    this.#conn = conn;
  }

  static async connect(options: ConnectOptions): Promise<ChainClient> {
    return new ChainClient(await connectChain(options));
  }

  /** Connects to a network's endpoint, or to `override` (a `ws://` / `wss://` URL). */
  static connectNetwork(network: Network, override?: string, options: Omit<ConnectOptions, 'endpoint'> = {}) {
    return ChainClient.connect({ ...options, endpoint: chainEndpoint(network, override) });
  }

  get connection(): ChainConnection {
    return this.#conn;
  }

  get endpoint(): string {
    return this.#conn.endpoint;
  }

  /** Compare with the wallet's `genesisHash` to check both talk about the same network. */
  get genesisHash(): string {
    return this.#conn.genesisHash;
  }

  /** `system_chain`, e.g. "Bittensor" or "Bittensor (simulated local chain)". */
  chainName(): Promise<string> {
    this.#chainName ??= this.#conn.rpc('system_chain', [], z.string());
    return this.#chainName;
  }

  head(at: Exclude<At, BlockRef> = 'best'): Promise<BlockRef> {
    return resolveBlock(this.#conn, at);
  }

  async metagraph(netuid: number, at: At = 'best'): Promise<Metagraph> {
    const block = await resolveBlock(this.#conn, at);
    return this.#cache.get(block.hash, `metagraph:${netuid}`, () => readMetagraph(this.#conn, netuid, block));
  }

  /** All commitments on `netuid`, intersected with the hotkeys registered at the same block. */
  async commitments(netuid: number, at: At = 'best'): Promise<CommitmentSet> {
    const block = await resolveBlock(this.#conn, at);
    return this.#cache.get(block.hash, `commitments:${netuid}`, async () => {
      const [raw, metagraph] = await Promise.all([
        readRawCommitments(this.#conn, netuid, block),
        this.metagraph(netuid, block),
      ]);
      return splitByRegistration(netuid, block, raw, metagraph);
    });
  }

  async commitment(netuid: number, hotkey: string, at: At = 'best'): Promise<ChainCommitment | null> {
    const block = await resolveBlock(this.#conn, at);
    return this.#cache.get(block.hash, `commitment:${netuid}:${hotkey}`, async () => {
      const [found, metagraph] = await Promise.all([
        readOneCommitment(this.#conn, netuid, hotkey, block),
        this.metagraph(netuid, block),
      ]);
      return found && placeCommitment(found, metagraph);
    });
  }

  async registration(netuid: number, address: string, at: At = 'best'): Promise<Registration> {
    const block = await resolveBlock(this.#conn, at);
    return this.#cache.get(block.hash, `registration:${netuid}:${address}`, () =>
      readRegistration(this.#conn, netuid, address, block),
    );
  }

  async balance(address: string, at: At = 'best'): Promise<Balance> {
    const block = await resolveBlock(this.#conn, at);
    return this.#cache.get(block.hash, `balance:${address}`, () => readBalance(this.#conn, address, block));
  }

  commit(request: CommitRequest): Promise<CommitResult> {
    return submitCommitment(this.#conn, request);
  }

  /** Any other extrinsic (registration, weights), with the same status tracking and errors. */
  submit(
    tx: SubmittableExtrinsic<'promise'>,
    signer: ChainSigner,
    options?: SubmitOptions,
  ): Promise<Inclusion> {
    return submitExtrinsic(this.#conn, tx, signer, options);
  }

  async disconnect(): Promise<void> {
    this.#cache.clear();
    await this.#conn.disconnect();
  }
}
