/**
 * The simulated chain's block tree (a single canonical line: one author, no forks), best and
 * finalized heads, and pruning: state is kept for the last `keepStates` blocks (a node's default
 * state pruning is 256; older `at` queries fail with 4003 like a pruned node), block bodies and
 * headers for the last `keepBlocks`, and the genesis block forever.
 */
import type { Block } from './block';
import type { StorageState } from './state';
import { RpcError } from './validate';

export interface ChainOptions {
  keepStates: number;
  keepBlocks: number;
}

type Listener = (block: Block) => void;

export class Chain {
  readonly genesis: Block;
  readonly #options: ChainOptions;
  readonly #byHash = new Map<string, Block>();
  readonly #hashByNumber = new Map<number, string>();
  readonly #onBlock = new Set<Listener>();
  readonly #onFinalized = new Set<Listener>();
  #best: Block;
  #finalized: Block;

  constructor(genesis: Block, options: ChainOptions) {
    this.genesis = genesis;
    this.#options = options;
    this.#best = genesis;
    this.#finalized = genesis;
    this.#index(genesis);
  }

  get best(): Block {
    return this.#best;
  }

  get finalized(): Block {
    return this.#finalized;
  }

  onBlock(listener: Listener): () => void {
    this.#onBlock.add(listener);
    return () => this.#onBlock.delete(listener);
  }

  onFinalized(listener: Listener): () => void {
    this.#onFinalized.add(listener);
    return () => this.#onFinalized.delete(listener);
  }

  #index(block: Block): void {
    this.#byHash.set(block.hash, block);
    this.#hashByNumber.set(block.number, block.hash);
  }

  /** Appends a block on top of the best one (restored blocks skip listeners). */
  add(block: Block, { silent = false } = {}): void {
    if (block.number !== this.#best.number + 1 || block.header.parentHash !== this.#best.hash) {
      throw new Error(`Block ${block.number} does not extend the best block ${this.#best.number}`);
    }
    this.#index(block);
    this.#best = block;
    this.#prune();
    if (!silent) for (const listener of this.#onBlock) listener(block);
  }

  /** Moves finality up to `number` (never back), announcing each newly finalized block in order. */
  finalizeUpTo(number: number, { silent = false } = {}): void {
    const target = Math.min(number, this.#best.number);
    for (let n = this.#finalized.number + 1; n <= target; n++) {
      const block = this.blockAt(n);
      if (!block) continue;
      this.#finalized = block;
      if (!silent) for (const listener of this.#onFinalized) listener(block);
    }
  }

  /** Puts back persisted recent blocks (oldest first; only the last one carries state). */
  restore(blocks: readonly Block[], finalizedNumber: number): void {
    for (const block of blocks) this.#index(block);
    const last = blocks.at(-1);
    if (!last) return;
    this.#best = last;
    this.#finalized = this.blockAt(Math.min(finalizedNumber, last.number)) ?? this.genesis;
  }

  hashOf(number: number): string | undefined {
    return this.#hashByNumber.get(number);
  }

  blockAt(number: number): Block | undefined {
    const hash = this.#hashByNumber.get(number);
    return hash === undefined ? undefined : this.#byHash.get(hash);
  }

  block(hash: string | undefined): Block | undefined {
    return hash === undefined ? this.#best : this.#byHash.get(hash.toLowerCase());
  }

  /** The state after block `hash` (default: best), or the errors a node gives for unknown/pruned blocks. */
  stateAt(hash?: string): StorageState {
    const block = this.block(hash);
    if (!block) {
      throw new RpcError(4003, `Client error: UnknownBlock: Header was not found in the database: ${hash}`);
    }
    if (!block.state) throw new RpcError(4003, `Client error: State already discarded for ${block.hash}`);
    return block.state;
  }

  /** Recent blocks, oldest first (what persistence saves). */
  recentBlocks(count: number): Block[] {
    const out: Block[] = [];
    for (let n = Math.max(1, this.#best.number - count + 1); n <= this.#best.number; n++) {
      const block = this.blockAt(n);
      if (block) out.push(block);
    }
    return out;
  }

  #prune(): void {
    const best = this.#best.number;
    const { keepStates, keepBlocks } = this.#options;
    // A full copy every 16 blocks bounds every read to 16 layers (and ~16 copies kept in memory).
    if (best % 16 === 0) this.#best.state?.flatten();
    // Drop states older than `keepStates`; checkpoints above cut them off from newer layers.
    if (best % 16 === 0 && best > keepStates) {
      for (let n = best - keepStates; n > 0; n--) {
        const block = this.blockAt(n);
        if (!block?.state) break;
        block.state = null;
      }
    }
    const drop = best - keepBlocks;
    const old = drop > 0 ? this.blockAt(drop) : undefined;
    if (old) {
      this.#byHash.delete(old.hash);
      this.#hashByNumber.delete(drop);
    }
  }
}
