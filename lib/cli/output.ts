/**
 * What the chain commands print goes through here, scrubbed of every secret the CLI registered
 * (secrets.ts: a mnemonic, a key file's password, an endpoint URL's credentials): results on
 * stdout, human or `--json`, and `genki: …` progress lines on stderr. The failure line itself is
 * main.ts's, scrubbed the same way.
 */
import { scrubSecrets } from './secrets';

/** One line (or several, joined) on stdout. */
export function printLine(text: string): void {
  process.stdout.write(`${scrubSecrets(text)}\n`);
}

/** `value` as one line of JSON on stdout; strings are scrubbed before encoding, so it stays JSON. */
export function printJson(value: unknown): void {
  process.stdout.write(
    `${JSON.stringify(value, (_key, item: unknown) => (typeof item === 'string' ? scrubSecrets(item) : item))}\n`,
  );
}

/** A `genki: …` progress line or note on stderr. */
export function printProgress(line: string): void {
  process.stderr.write(`genki: ${scrubSecrets(line)}\n`);
}
