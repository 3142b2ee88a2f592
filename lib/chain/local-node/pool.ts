/**
 * The transaction pool. Like Substrate's: a transaction whose nonce continues the signer's account
 * nonce is `ready`, a later one waits as `future` until the gap fills, a duplicate is refused (1013),
 * a second transaction with the same signer and nonce is refused as too-low priority (1014). Watchers
 * (`author_submitAndWatchExtrinsic`) get ready → inBlock → finalized, or `invalid` / `dropped`.
 */
import type { Block } from './block';
import type { ApplyOutcome } from './block-builder';
import type { Store } from './store';
import { type CheckedTx, RpcError } from './validate';

export type TxStatus =
  | 'future'
  | 'ready'
  | 'dropped'
  | 'invalid'
  | { inBlock: string }
  | { finalized: string }
  | { finalityTimeout: string };

export type TxWatcher = (status: TxStatus) => void;

interface Entry {
  tx: CheckedTx;
  order: number;
  status: 'future' | 'ready';
  watchers: Set<TxWatcher>;
}

export class TxPool {
  readonly #entries = new Map<string, Entry>();
  /** Included but not yet finalized: block hash → watchers to tell when it finalizes. */
  readonly #awaitingFinality = new Map<string, { number: number; watchers: TxWatcher[] }>();
  #order = 0;

  get size(): number {
    return this.#entries.size;
  }

  pending(): CheckedTx[] {
    return [...this.#entries.values()].sort((a, b) => a.order - b.order).map((entry) => entry.tx);
  }

  /** The next nonce for `signer` counting the pool (what `system_accountNextIndex` answers). */
  nextNonce(store: Store, signer: string): number {
    let nonce = store.account(signer).nonce;
    const mine = new Set(
      [...this.#entries.values()]
        .filter((entry) => entry.tx.signer === signer)
        .map((entry) => entry.tx.nonce),
    );
    while (mine.has(nonce)) nonce++;
    return nonce;
  }

  add(store: Store, tx: CheckedTx, watcher?: TxWatcher): void {
    if (this.#entries.has(tx.hash)) throw new RpcError(1013, 'Transaction Already Imported', tx.hash);
    for (const entry of this.#entries.values()) {
      if (entry.tx.signer === tx.signer && entry.tx.nonce === tx.nonce) {
        throw new RpcError(
          1014,
          'Priority is too low: (0 vs 0)',
          'The transaction has too low priority to replace another transaction already in the pool.',
        );
      }
    }
    const entry: Entry = {
      tx,
      order: this.#order++,
      status: 'future',
      watchers: new Set(watcher ? [watcher] : []),
    };
    this.#entries.set(tx.hash, entry);
    this.#refresh(store, entry);
    // It may fill a nonce gap and promote later transactions of the same signer.
    this.#refresh(store);
  }

  unwatch(hash: string, watcher: TxWatcher): void {
    this.#entries.get(hash)?.watchers.delete(watcher);
    for (const pending of this.#awaitingFinality.values()) {
      const at = pending.watchers.indexOf(watcher);
      if (at >= 0) pending.watchers.splice(at, 1);
    }
  }

  #refresh(store: Store, only?: Entry): void {
    for (const entry of only ? [only] : this.#entries.values()) {
      const ready = this.nextNonce(store, entry.tx.signer) > entry.tx.nonce;
      const status = ready ? 'ready' : 'future';
      // A new entry always announces itself; others only on a change.
      if (status !== entry.status || entry === only) {
        entry.status = status;
        for (const watcher of entry.watchers) watcher(status);
      }
    }
  }

  /** Offers ready transactions to the block being built, in submission and nonce order. */
  fill(apply: (tx: CheckedTx) => ApplyOutcome, limit = 1024): { hash: string; watchers: TxWatcher[] }[] {
    const included: { hash: string; watchers: TxWatcher[] }[] = [];
    let progress = true;
    while (progress && included.length < limit) {
      progress = false;
      for (const entry of [...this.#entries.values()].sort((a, b) => a.order - b.order)) {
        const outcome = apply(entry.tx);
        if (outcome.kind === 'future') continue;
        this.#entries.delete(entry.tx.hash);
        if (outcome.kind === 'invalid') {
          for (const watcher of entry.watchers) watcher('invalid');
          continue;
        }
        included.push({ hash: entry.tx.hash, watchers: [...entry.watchers] });
        progress = true;
      }
    }
    return included;
  }

  /** After a block is added: tell watchers of its transactions, re-rank what is left. */
  blockImported(block: Block, store: Store, included: { watchers: TxWatcher[] }[]): void {
    const watchers = included.flatMap((item) => item.watchers);
    for (const watcher of watchers) watcher({ inBlock: block.hash });
    if (watchers.length > 0) this.#awaitingFinality.set(block.hash, { number: block.number, watchers });
    this.#refresh(store);
  }

  blockFinalized(block: Block): void {
    const pending = this.#awaitingFinality.get(block.hash);
    if (!pending) return;
    this.#awaitingFinality.delete(block.hash);
    for (const watcher of pending.watchers) watcher({ finalized: block.hash });
  }

  /** On shutdown, like a node that stops: pending transactions are forgotten, watchers just end. */
  clear(): void {
    this.#entries.clear();
    this.#awaitingFinality.clear();
  }
}
