/**
 * Reads a password from the terminal without echoing it (stdin in raw mode), for an encrypted
 * key file when GENKI_KEY_PASSWORD is not set. Only ever used when stdin is a TTY: piped input
 * is never read as a password, so a script cannot silently feed the wrong thing.
 */
import { CliError } from './errors';

const ENTER = new Set(['\r', '\n']);
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const BACKSPACE = new Set(['\u007f', '\b']);

export function canPrompt(): boolean {
  return process.stdin.isTTY === true && typeof process.stdin.setRawMode === 'function';
}

export function promptPassword(question: string): Promise<string> {
  const { stdin, stderr } = process;
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (ENTER.has(char)) return done();
        if (char === CTRL_C || char === CTRL_D)
          return done(new CliError('cancelled at the password prompt.', 130));
        if (BACKSPACE.has(char)) typed = typed.slice(0, -1);
        else if (char >= ' ') typed += char;
      }
    };
    // Echo off before the prompt appears: whatever is typed after seeing it is never shown.
    stdin.setEncoding('utf8');
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
    stderr.write(question);
  });
}
