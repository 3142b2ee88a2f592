import { describe, expect, it } from 'vitest';
import { UploadQueue } from './upload-queue';

function deferred() {
  let resolve = () => {};
  let reject = (_: unknown) => {};
  const promise = new Promise<void>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('upload queue', () => {
  it('runs tasks in order, at most two at a time', async () => {
    const queue = new UploadQueue(2);
    const started: string[] = [];
    const gates = new Map<string, ReturnType<typeof deferred>>();
    let running = 0;
    let peak = 0;
    for (const key of ['a', 'b', 'c', 'd', 'e']) {
      const gate = deferred();
      gates.set(key, gate);
      queue.enqueue({
        key,
        run: async () => {
          started.push(key);
          peak = Math.max(peak, ++running);
          await gate.promise;
          running--;
        },
      });
    }
    await tick();
    expect(started).toEqual(['a', 'b']);
    gates.get('b')?.resolve();
    await tick();
    expect(started).toEqual(['a', 'b', 'c']);
    gates.get('a')?.resolve();
    gates.get('c')?.resolve();
    await tick();
    expect(started).toEqual(['a', 'b', 'c', 'd', 'e']);
    gates.get('d')?.resolve();
    gates.get('e')?.resolve();
    await queue.idle();
    expect(peak).toBe(2);
  });

  it('keeps going when a task fails, and reports the failure', async () => {
    const errors: string[] = [];
    const queue = new UploadQueue(2, (key) => errors.push(key));
    const done: string[] = [];
    for (const key of ['1', '2', '3', '4']) {
      queue.enqueue({
        key,
        run: async () => {
          if (key === '2') throw new Error('bad file');
          done.push(key);
        },
      });
    }
    await queue.idle();
    expect(done.sort()).toEqual(['1', '3', '4']);
    expect(errors).toEqual(['2']);
  });

  it('ignores a key that is already waiting or running, and can cancel', async () => {
    const queue = new UploadQueue(1);
    const gate = deferred();
    let runs = 0;
    let aborted = false;
    const task = {
      key: 'x',
      run: async (signal: AbortSignal) => {
        runs++;
        signal.addEventListener('abort', () => {
          aborted = true;
          gate.reject(new Error('aborted'));
        });
        await gate.promise;
      },
    };
    expect(queue.enqueue(task)).toBe(true);
    expect(queue.enqueue(task)).toBe(false);
    expect(queue.enqueue({ key: 'y', run: async () => {} })).toBe(true);
    queue.cancel('y');
    expect(queue.size).toEqual({ waiting: 0, running: 1 });
    await tick();
    queue.cancel('x');
    await queue.idle();
    expect(runs).toBe(1);
    expect(aborted).toBe(true);
    expect(queue.enqueue(task)).toBe(true);
  });
});
