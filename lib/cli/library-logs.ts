/**
 * @polkadot/api logs on its own through console.error / console.warn (for instance
 * "API-WS: disconnected from ws://…: 1006:: Abnormal Closure" when a node goes away). The CLI
 * promises one clear line per failure on stderr, so while a chain command runs those lines are
 * dropped, or, with GENKI_DEBUG=1, printed with secrets scrubbed.
 */
import { formatWithOptions } from 'node:util';
import { scrubSecrets } from './secrets';

export function quietLibraryLogs(): () => void {
  const { error, warn } = console;
  const debug = process.env.GENKI_DEBUG === '1';
  const sink = (...values: unknown[]) => {
    if (!debug) return;
    process.stderr.write(`${scrubSecrets(formatWithOptions({ colors: false }, ...values))}\n`);
  };
  console.error = sink;
  console.warn = sink;
  return () => {
    console.error = error;
    console.warn = warn;
  };
}
