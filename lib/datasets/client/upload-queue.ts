/**
 * A small FIFO work queue with a concurrency limit (uploads run 2 at a time: enough to hide request
 * latency, few enough that one import does not saturate the uplink or the server's processing).
 * A failing task only fails itself; the queue moves on. Keys make enqueueing idempotent, so a
 * resume after reload and a click on Retry cannot upload the same item twice at once.
 */
export interface QueueTask {
  key: string;
  run: (signal: AbortSignal) => Promise<void>;
}

export class UploadQueue {
  private readonly waiting: QueueTask[] = [];
  private readonly active = new Map<string, AbortController>();
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly concurrency = 2,
    private readonly onError: (key: string, error: unknown) => void = () => undefined,
  ) {}

  /** Adds a task unless one with the same key is already waiting or running; returns whether it was added. */
  enqueue(task: QueueTask): boolean {
    if (this.has(task.key)) return false;
    this.waiting.push(task);
    this.pump();
    return true;
  }

  has(key: string): boolean {
    return this.active.has(key) || this.waiting.some((task) => task.key === key);
  }

  /** Drops a waiting task or aborts a running one. */
  cancel(key: string): void {
    const index = this.waiting.findIndex((task) => task.key === key);
    if (index >= 0) this.waiting.splice(index, 1);
    this.active.get(key)?.abort();
    this.settleIdle();
  }

  get size(): { waiting: number; running: number } {
    return { waiting: this.waiting.length, running: this.active.size };
  }

  /** Resolves when nothing is waiting or running. */
  idle(): Promise<void> {
    if (this.waiting.length === 0 && this.active.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump() {
    while (this.active.size < this.concurrency) {
      const task = this.waiting.shift();
      if (!task) break;
      const controller = new AbortController();
      this.active.set(task.key, controller);
      // Started on a microtask so enqueue() never runs task code synchronously.
      void Promise.resolve()
        .then(() => task.run(controller.signal))
        .catch((error: unknown) => this.onError(task.key, error))
        .finally(() => {
          if (this.active.get(task.key) === controller) this.active.delete(task.key);
          this.pump();
          this.settleIdle();
        });
    }
  }

  private settleIdle() {
    if (this.waiting.length > 0 || this.active.size > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
