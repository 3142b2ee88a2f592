/**
 * `genki`: the scoring engine from a terminal — the same code the browser worker and the
 * validator use. Commands are loaded on demand so `genki --help` and light commands start fast.
 */
import { inspect } from 'node:util';
import { CliError, UsageError } from './errors';
import { exitIfDone } from './prompt-exit';
import { scrubSecrets } from './secrets';

export interface Command {
  summary: string;
  usage: string;
  run(args: string[]): Promise<void>;
}

interface Entry {
  usage: string;
  summary: string;
  /** Loaded only when the command runs: `genki --help` must not pay for onnxruntime. */
  load: () => Promise<Command>;
}

const COMMANDS: Record<string, Entry> = {
  features: {
    usage: 'genki features <audio…> [--offset S] (--out FILE.npy | --out-dir DIR)',
    summary: 'CLAP input features, float32 NPY [1,1,1001,64] per input',
    load: async () => (await import('./commands/features')).featuresCommand,
  },
  embed: {
    usage: 'genki embed --model <dir|hf:repo@rev|test> <audio…> --out FILE.npy',
    summary: 'L2-normalised CLAP audio embeddings, float32 NPY [N,512]',
    load: async () => (await import('./commands/embed')).embedCommand,
  },
  score: {
    usage: 'genki score --model <dir|hf:repo@rev|test> --prompts FILE <audio…> [--json]',
    summary: 'CLAP score of prompt i against audio i, per pair and mean',
    load: async () => (await import('./commands/score')).scoreCommand,
  },
  fad: {
    usage: 'genki fad A.npy B.npy [--json] [--kad]',
    summary: 'Fréchet Audio Distance (and KAD) between two embedding sets',
    load: async () => (await import('./commands/fad')).fadCommand,
  },
  'make-test-model': {
    usage: 'genki make-test-model DIR',
    summary: 'write the small CLAP-shaped fixture model',
    load: async () => (await import('./commands/make-test-model')).makeTestModelCommand,
  },
  // One command, subcommands in commands/commitment.ts (encode, decode, submit, show).
  commitment: {
    usage: 'genki commitment <encode|decode|submit|show> … [--json]   (genki commitment --help lists them)',
    summary: 'the on-chain model commitment: build it, decode it, submit it with a hotkey, read them back',
    load: async () => (await import('./commands/commitment')).commitmentCommand,
  },
  storage: {
    usage: 'genki storage gc [--data-dir DIR] [--dry-run] [--json]',
    summary: 'free unreferenced blobs and export renders over budget in the studio’s data directory',
    load: async () => (await import('./commands/storage-gc')).storageCommand,
  },
  'repo-hash': {
    usage: 'genki repo-hash DIR [--hotkey SS58] [--json]',
    summary: "taoverse's dir_hash of a model snapshot and its secure_hash for a hotkey",
    load: async () => (await import('./commands/repo-hash')).repoHashCommand,
  },
};

function help(): string {
  const lines = ['genki: the Genki-Dama scoring engine from a terminal', '', 'Commands:'];
  for (const entry of Object.values(COMMANDS)) lines.push(`  ${entry.usage}`, `      ${entry.summary}`);
  lines.push('', 'Run `genki <command> --help` for details. Set GENKI_DEBUG=1 to see stack traces.');
  return lines.join('\n');
}

/**
 * Runs the CLI; returns the exit code. Errors become one line on stderr. A command that leaves
 * only stale library timers behind (see ./prompt-exit.ts) has the process exit once its output is
 * flushed, instead of waiting them out.
 */
export async function main(argv: string[]): Promise<number> {
  const code = await dispatch(argv);
  await exitIfDone(code);
  return code;
}

async function dispatch(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      console.log(help());
      return name ? 0 : 2;
    }
    const entry = COMMANDS[name];
    if (!entry)
      throw new UsageError(`Unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}.`);
    const command = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      console.log(`Usage: ${command.usage}\n\n${command.summary}`);
      return 0;
    }
    await command.run(rest);
    return 0;
  } catch (error) {
    return report(error);
  }
}

function report(error: unknown): number {
  // The stack (and whatever a library put in its error) is scrubbed of any secret the CLI read.
  if (process.env.GENKI_DEBUG === '1') process.stderr.write(`${scrubSecrets(inspect(error))}\n`);
  const message = error instanceof Error ? error.message : String(error);
  // Multi-line messages (e.g. from a library) are folded so the contract "one line" holds.
  process.stderr.write(`genki: ${scrubSecrets(message.replace(/\s*\n\s*/g, ' '))}\n`);
  return error instanceof CliError ? error.exitCode : 1;
}
