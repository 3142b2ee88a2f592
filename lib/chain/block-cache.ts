/**
 * Reads memoised per block hash: a block's state never changes, so the same question about the
 * same block is asked once (in-flight requests are shared too). Bounded, least-recently-used out.
 */
export class BlockCache {
  readonly #entries = new Map<string, Promise<unknown>>();

  constructor(readonly limit = 128) {}

  get<T>(blockHash: string, key: string, load: () => Promise<T>): Promise<T> {
    const id = `${blockHash}|${key}`;
    const hit = this.#entries.get(id);
    if (hit) {
      this.#entries.delete(id);
      this.#entries.set(id, hit);
      return hit as Promise<T>;
    }
    const pending = load();
    this.#entries.set(id, pending);
    // Failures are not cached: the next call asks again.
    pending.catch(() => this.#entries.delete(id));
    while (this.#entries.size > this.limit) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return pending;
  }

  clear(): void {
    this.#entries.clear();
  }
}
