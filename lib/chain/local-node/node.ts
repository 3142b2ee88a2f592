/**
 * The simulated node without its transport: chain + pool + block production (timer, instant or
 * manual) + finality lag + the dev control surface (new blocks, raw storage writes, a faucet,
 * registration without a burn). rpc-*.ts expose it over JSON-RPC; tests may also call it directly.
 */
import { cryptoWaitReady } from '@polkadot/util-crypto';
import type { Block } from './block';
import { genesisBlock } from './block';
import { BlockBuilder } from './block-builder';
import { Chain } from './chain';
import { buildGenesisState, DEFAULT_GENESIS, type GenesisOptions } from './genesis';
import { deposit } from './pallets/balances';
import { registerNeuron } from './pallets/registration';
import { TxPool, type TxWatcher } from './pool';
import { loadRuntime, type Runtime, readMetadataFile } from './runtime';
import { bigUint, Store } from './store';
import { checkExtrinsic } from './validate';

export interface NodeCoreOptions {
  /** Produce a block every `blockTimeMs` (0 / undefined: no timer). */
  blockTimeMs?: number;
  /** Build a block as soon as a transaction arrives (tests; chopsticks' "Instant" mode). */
  instant?: boolean;
  /** Blocks between best and finalized (default 2 with a timer, 0 otherwise). */
  finalityLag?: number;
  /**
   * Delay before a block counts as finalized (default 0 with a timer; 250 ms otherwise, so that a
   * client sees `inBlock` before `finalized` even when nothing else produces blocks).
   */
  finalityDelayMs?: number;
  genesis?: Partial<GenesisOptions>;
  metadataPath?: string;
  /** Clock for `timestamp.set` (tests can pin it). */
  now?: () => number;
  log?: (message: string) => void;
}

type BeforeExtrinsics = (builder: BlockBuilder) => void;

export class NodeCore {
  readonly rt: Runtime;
  readonly chain: Chain;
  readonly pool = new TxPool();
  readonly finalityLag: number;
  readonly finalityDelayMs: number;
  readonly #options: NodeCoreOptions;
  #timer: NodeJS.Timeout | undefined;
  readonly #finalityTimers = new Set<NodeJS.Timeout>();
  #instantScheduled = false;
  #closed = false;

  private constructor(rt: Runtime, chain: Chain, options: NodeCoreOptions) {
    this.rt = rt;
    this.chain = chain;
    this.#options = options;
    this.finalityLag = options.finalityLag ?? (options.blockTimeMs ? 2 : 0);
    this.finalityDelayMs = options.finalityDelayMs ?? (options.blockTimeMs ? 0 : 250);
  }

  static async create(options: NodeCoreOptions = {}, restore?: (node: NodeCore) => void): Promise<NodeCore> {
    await cryptoWaitReady();
    const rt = loadRuntime(readMetadataFile(options.metadataPath));
    const genesis = genesisBlock(rt, buildGenesisState(rt, { ...DEFAULT_GENESIS, ...options.genesis }));
    const node = new NodeCore(rt, new Chain(genesis, { keepStates: 256, keepBlocks: 10_000 }), options);
    restore?.(node);
    node.chain.onFinalized((block) => node.pool.blockFinalized(block));
    if (options.blockTimeMs && options.blockTimeMs > 0) node.#scheduleTimer(options.blockTimeMs);
    return node;
  }

  get genesisHash(): string {
    return this.chain.genesis.hash;
  }

  get closed(): boolean {
    return this.#closed;
  }

  storeAt(hash?: string): Store {
    return new Store(this.rt, this.chain.stateAt(hash));
  }

  #scheduleTimer(ms: number): void {
    this.#timer = setTimeout(() => {
      if (this.#closed) return;
      this.produceBlock();
      this.#scheduleTimer(ms);
    }, ms);
  }

  /** Validates and pools a transaction; returns its hash or throws the node's RpcError. */
  submit(hex: string, watcher?: TxWatcher): string {
    const best = this.chain.best;
    const store = this.storeAt();
    const tx = checkExtrinsic(
      {
        rt: this.rt,
        store,
        bestNumber: best.number,
        genesisHash: this.genesisHash,
        hashOf: (n) => this.chain.hashOf(n),
      },
      hex,
    );
    this.pool.add(store, tx, watcher);
    if (this.#options.instant && !this.#instantScheduled) {
      this.#instantScheduled = true;
      // After the current tick, so the RPC answer (and "ready") go out before "inBlock".
      setImmediate(() => {
        this.#instantScheduled = false;
        if (!this.#closed && this.pool.size > 0) this.produceBlock();
      });
    }
    return tx.hash;
  }

  produceBlock(before?: BeforeExtrinsics): Block {
    const builder = new BlockBuilder(this.rt, this.chain.best);
    builder.initialize();
    before?.(builder);
    builder.applyTimestamp((this.#options.now ?? Date.now)());
    const included = this.pool.fill((tx) => builder.applySigned(tx));
    const block = builder.finalize();
    this.chain.add(block);
    this.pool.blockImported(block, this.storeAt(), included);
    this.#finalize(block.number - this.finalityLag);
    return block;
  }

  #finalize(number: number): void {
    if (this.finalityDelayMs <= 0) {
      this.chain.finalizeUpTo(number);
      return;
    }
    const timer = setTimeout(() => {
      this.#finalityTimers.delete(timer);
      if (!this.#closed) this.chain.finalizeUpTo(number);
    }, this.finalityDelayMs);
    this.#finalityTimers.add(timer);
  }

  newBlocks(count = 1): Block {
    let block = this.chain.best;
    for (let i = 0; i < count; i++) block = this.produceBlock();
    return block;
  }

  /** dev: raw key/value writes (null deletes), sealed into a new block. */
  setStorage(pairs: readonly (readonly [string, string | null])[]): Block {
    return this.produceBlock((builder) => {
      for (const [key, value] of pairs) builder.store.state.set(key, value);
    });
  }

  /** dev: the faucet — credits test TAO (rao) to any account in a new block. */
  fund(address: string, amount: bigint): Block {
    return this.produceBlock((builder) => {
      deposit(builder.ctx, address, amount);
      const issuance = builder.store.get('Balances', 'TotalIssuance', [], bigUint);
      builder.store.write('Balances', 'TotalIssuance', [], issuance + amount);
    });
  }

  /** dev: registers `hotkey` (owned by `coldkey`) on `netuid` without a burn; returns its uid. */
  registerNeuron(netuid: number, hotkey: string, coldkey: string): { uid: number; block: Block } {
    let uid = -1;
    const block = this.produceBlock((builder) => {
      uid = registerNeuron(builder.ctx, netuid, hotkey, coldkey);
    });
    return { uid, block };
  }

  close(): void {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    for (const timer of this.#finalityTimers) clearTimeout(timer);
    this.#finalityTimers.clear();
    this.pool.clear();
  }
}
