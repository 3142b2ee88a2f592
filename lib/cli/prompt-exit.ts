/**
 * After `ApiPromise.disconnect()`, @polkadot/rpc-core still holds a 1.75 s rxjs timer per recent
 * query (`refCountDelay`, the delayed unsubscribe of memoised calls), which only sends an
 * unsubscribe to a closed socket. Chain commands call `exitPromptlyWhenDone` once they have
 * disconnected, so `genki` exits as soon as stdout and stderr are flushed instead of lingering.
 * Kept free of imports: main.ts loads it for every command.
 */
let asked = false;

export function exitPromptlyWhenDone(): void {
  asked = true;
}

const flushed = (stream: NodeJS.WriteStream) =>
  new Promise<void>((resolve) => {
    // An empty write's callback runs after everything written before it.
    stream.write('', () => resolve());
  });

export async function exitIfDone(code: number): Promise<void> {
  if (!asked) return;
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}
