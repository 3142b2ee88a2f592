/**
 * Storage of the simulated chain: a SCALE key → SCALE value map (both lowercase 0x-hex), one
 * immutable layer per block on top of its parent's, so any recent block can be read (the RPC `at`
 * argument) without copying the whole map every block.
 *
 * The state root is a multiset hash: blake2_256 of the sum (mod 2^256) of blake2_256(key ‖ value)
 * over all entries. It is a deterministic hash of the storage that updates in O(changes) per block;
 * it is NOT the Patricia–Merkle trie root a real Substrate node computes (no storage proofs here).
 */
import { hexToU8a, u8aConcat, u8aToBigInt, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';

const MOD = 1n << 256n;

function entryHash(key: string, value: string): bigint {
  return u8aToBigInt(blake2AsU8a(u8aConcat(hexToU8a(key), hexToU8a(value)), 256), { isLe: false });
}

type JournalEntry = { key: string; had: boolean; previous: string | null; sum: bigint };

export class StorageState {
  #parent: StorageState | undefined;
  #changes = new Map<string, string | null>();
  #sum: bigint;
  #frozen = false;
  #journal: JournalEntry[] = [];

  private constructor(parent: StorageState | undefined, sum: bigint) {
    this.#parent = parent;
    this.#sum = sum;
  }

  static fromEntries(entries: Iterable<[string, string]>): StorageState {
    const state = new StorageState(undefined, 0n);
    for (const [key, value] of entries) state.set(key, value);
    return state;
  }

  /** A new writable layer on top of this (frozen) one. */
  child(): StorageState {
    this.freeze();
    return new StorageState(this, this.#sum);
  }

  freeze(): void {
    this.#frozen = true;
    this.#journal = [];
  }

  get(key: string): string | undefined {
    for (let layer: StorageState | undefined = this; layer; layer = layer.#parent) {
      const value = layer.#changes.get(key);
      if (value !== undefined) return value ?? undefined;
    }
    return undefined;
  }

  set(key: string, value: string | null): void {
    if (this.#frozen) throw new Error('This block state is sealed');
    const normalisedKey = key.toLowerCase();
    const normalisedValue = value === null ? null : value.toLowerCase();
    const old = this.get(normalisedKey);
    this.#journal.push({
      key: normalisedKey,
      had: this.#changes.has(normalisedKey),
      previous: this.#changes.get(normalisedKey) ?? null,
      sum: this.#sum,
    });
    let sum = this.#sum;
    if (old !== undefined) sum -= entryHash(normalisedKey, old);
    if (normalisedValue !== null) sum += entryHash(normalisedKey, normalisedValue);
    this.#sum = ((sum % MOD) + MOD) % MOD;
    // A deletion of something the parents never had needs no tombstone.
    if (normalisedValue === null && this.#parent?.get(normalisedKey) === undefined) {
      this.#changes.delete(normalisedKey);
    } else {
      this.#changes.set(normalisedKey, normalisedValue);
    }
  }

  /** A savepoint for `rollback`: dispatch is transactional, like FRAME's `#[transactional]` calls. */
  savepoint(): number {
    return this.#journal.length;
  }

  rollback(savepoint: number): void {
    while (this.#journal.length > savepoint) {
      const entry = this.#journal.pop();
      if (!entry) break;
      if (entry.had) this.#changes.set(entry.key, entry.previous);
      else this.#changes.delete(entry.key);
      this.#sum = entry.sum;
    }
  }

  root(): string {
    return u8aToHex(blake2AsU8a(hexToU8a(`0x${this.#sum.toString(16).padStart(64, '0')}`), 256));
  }

  /** Keys changed in this layer (relative to its parent), for storage subscriptions. */
  changedKeys(): string[] {
    return [...this.#changes.keys()];
  }

  /** Every live entry, merged through the layers. */
  entries(): Map<string, string> {
    const layers: StorageState[] = [];
    for (let layer: StorageState | undefined = this; layer; layer = layer.#parent) layers.push(layer);
    const merged = new Map<string, string>();
    for (const layer of layers.reverse()) {
      for (const [key, value] of layer.#changes) {
        if (value === null) merged.delete(key);
        else merged.set(key, value);
      }
    }
    return merged;
  }

  /** Sorted keys starting with `prefix` (hex order is byte order for equal-width hex). */
  keys(prefix: string): string[] {
    const wanted = prefix.toLowerCase();
    const decided = new Set<string>();
    const live: string[] = [];
    // Newest layer first: the first layer that mentions a key decides whether it is live.
    for (let layer: StorageState | undefined = this; layer; layer = layer.#parent) {
      for (const [key, value] of layer.#changes) {
        if (!key.startsWith(wanted) || decided.has(key)) continue;
        decided.add(key);
        if (value !== null) live.push(key);
      }
    }
    return live.sort();
  }

  /** Collapses the parents into this layer so older blocks' layers can be garbage-collected. */
  flatten(): void {
    if (!this.#parent) return;
    const merged = this.entries();
    this.#changes = new Map(merged);
    this.#parent = undefined;
  }
}
