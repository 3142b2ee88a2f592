/**
 * `genki commitment <subcommand>`: the on-chain model commitment. Subcommands load on demand like
 * the top-level commands, so the chain client (needed by `submit` and `show`) costs nothing to
 * `encode`/`decode`. Add a subcommand with one entry in COMMITMENT_SUBCOMMANDS. WS is a ws:// or
 * wss:// URL, or a network name: local, test, finney.
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
  submit: {
    usage:
      'genki commitment submit --endpoint WS --netuid N (--keyfile FILE | --suri SURI | GENKI_SURI=…) --repo NS/NAME --commit SHA (--secure-hash B64 | --snapshot DIR) [--competition 1] [--wait inblock|finalized] [--timeout S] [--json]',
    summary: 'sign and submit it with the registered hotkey, follow it to finalization, check the read-back',
    load: async () => (await import('./commitment-submit')).commitmentSubmitCommand,
  },
  show: {
    usage: 'genki commitment show --endpoint WS --netuid N [--hotkey SS58] [--timeout S] [--json]',
    summary: 'the commitments on a netuid (or one hotkey), decoded, with the 1200-block evaluation delay',
    load: async () => (await import('./commitment-show')).commitmentShowCommand,
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
