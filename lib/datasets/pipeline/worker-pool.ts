/**
 * A small node:worker_threads pool: at most `size` workers, one task each at a time, started on
 * demand. A worker that crashes (a trap in a wasm decoder, out of memory) or overruns the task
 * timeout is terminated and replaced; only its own task fails. Idle workers are unref'd so they
 * never keep a process (a test run, a CLI) alive on their own.
 */
import { Worker } from 'node:worker_threads';
import { type ClipTask, type ClipTaskReply, clipTaskReplySchema } from '../processing/worker-protocol';

export class WorkerCrashError extends Error {
  override name = 'WorkerCrashError';
}

interface Pending {
  task: ClipTask;
  resolve: (reply: ClipTaskReply) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  current: (Pending & { timer: NodeJS.Timeout }) | null;
}

export interface WorkerPoolOptions {
  script: string;
  size: number;
  /** A task running longer than this is abandoned and its worker replaced. */
  taskTimeoutMs: number;
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {}

  get size(): number {
    return this.options.size;
  }

  run(task: Omit<ClipTask, 'id'>): Promise<ClipTaskReply> {
    if (this.closed) return Promise.reject(new WorkerCrashError('The worker pool is shut down.'));
    return new Promise((resolve, reject) => {
      this.queue.push({ task: { ...task, id: this.nextId++ }, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0))
      pending.reject(new WorkerCrashError('The worker pool is shut down.'));
    await Promise.all(this.slots.splice(0).map((slot) => this.stop(slot, 'The worker pool is shut down.')));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((candidate) => candidate.current === null);
      if (!slot && this.slots.length < this.options.size) slot = this.spawn();
      if (!slot) return;
      const pending = this.queue.shift();
      if (!pending) return;
      const timer = setTimeout(() => {
        const seconds = this.options.taskTimeoutMs / 1000;
        void this.stop(
          slot,
          `Processing took longer than ${seconds.toFixed(seconds < 10 ? 1 : 0)} s and was stopped.`,
        );
      }, this.options.taskTimeoutMs);
      slot.current = { ...pending, timer };
      slot.worker.ref();
      slot.worker.postMessage(pending.task);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.options.script);
    const slot: Slot = { worker, current: null };
    worker.unref();
    worker.on('message', (message: unknown) => {
      const reply = clipTaskReplySchema.safeParse(message);
      const current = slot.current;
      if (!current || !reply.success || reply.data.id !== current.task.id) return;
      clearTimeout(current.timer);
      slot.current = null;
      worker.unref();
      current.resolve(reply.data);
      this.dispatch();
    });
    worker.on('error', (error) => {
      void this.stop(slot, `The processing worker crashed: ${error.message}`);
    });
    worker.on('exit', () => {
      void this.stop(slot, 'The processing worker stopped unexpectedly.');
    });
    this.slots.push(slot);
    return slot;
  }

  /** Fails the slot's task (if any), terminates its worker and lets a fresh one take its place. */
  private async stop(slot: Slot, reason: string): Promise<void> {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    const current = slot.current;
    slot.current = null;
    if (current) {
      clearTimeout(current.timer);
      current.reject(new WorkerCrashError(reason));
    }
    slot.worker.removeAllListeners('exit');
    await slot.worker.terminate().catch(() => undefined);
    if (!this.closed) this.dispatch();
  }
}
