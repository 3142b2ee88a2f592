/**
 * `genki commitment <subcommand>`: the on-chain model commitment. Subcommands load on demand like
 * the top-level commands, so the chain client (needed by `submit` and `show`) costs nothing to
 * `encode`/`decode`. Add a subcommand with one entry in COMMITMENT_SUBCOMMANDS.
 */
import { UsageError } from '../errors';
import type { Command } from '../main';

export interface Subcommand {
  usage: string;
  summary: string;
  load: () => Promise<Command>;
}

export const COMMITMENT_SUBCOMMANDS: Record<string, Subcommand> = {
  encode: {
    usage:
      'genki commitment encode --repo NS/NAME --commit SHA (--secure-hash B64 | --snapshot DIR --hotkey SS58) [--competition 1] [--json]',
    summary: 'the exact commitment string validators parse, and its byte count (at most 128)',
    load: async () => (await import('./commitment-encode')).commitmentEncodeCommand,
  },
  decode: {
    usage: 'genki commitment decode <STRING | 0xHEX> [--json]',
    summary: 'the fields of a commitment string or of its on-chain bytes, or why validators reject it',
    load: async () => (await import('./commitment-decode')).commitmentDecodeCommand,
  },
};

const names = () => Object.keys(COMMITMENT_SUBCOMMANDS).join(', ');

export const commitmentCommand: Command = {
  summary:
    'Genki-Dama model commitments: namespace:name:commit:secure_hash:competition_id, as taoverse validators read them.',
  get usage() {
    return Object.values(COMMITMENT_SUBCOMMANDS)
      .map((entry) => `${entry.usage}\n    ${entry.summary}`)
      .join('\n');
  },
  async run(args) {
    const [name, ...rest] = args;
    if (!name) throw new UsageError(`commitment: give a subcommand: ${names()}.`);
    const entry = COMMITMENT_SUBCOMMANDS[name];
    if (!entry) throw new UsageError(`commitment: unknown subcommand "${name}". Subcommands: ${names()}.`);
    await (await entry.load()).run(rest);
  },
};
