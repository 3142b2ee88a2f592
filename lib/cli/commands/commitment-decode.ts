import { decodeCommitment, GENKI_COMPETITIONS } from '../../chain/commitment-codec';
import { parseCommandArgs } from '../args';
import { CliError, UsageError } from '../errors';
import type { Command } from '../main';

export const commitmentDecodeCommand: Command = {
  summary:
    'The fields of a commitment, given as its string or as the 0x-hex bytes the chain stores, or the reason validators reject it (exit 1).',
  usage: 'genki commitment decode <STRING | 0xHEX> [--json]',
  async run(args) {
    const { values, positionals } = parseCommandArgs('commitment decode', args, {
      json: { type: 'boolean' },
    });
    if (positionals.length !== 1)
      throw new UsageError(
        'commitment decode: give exactly one commitment string or 0x-hex value (quote it).',
      );
    const result = decodeCommitment(positionals[0] as string);
    if (!result.ok) {
      const { code, message } = result.problem;
      // --json callers get the typed problem on stdout too; the one-line reason always goes to stderr.
      if (values.json) console.log(JSON.stringify({ ok: false, code, message }));
      throw new CliError(`invalid commitment (${code}): ${message}`);
    }
    const { commitment, byteLength } = result;
    if (values.json) {
      console.log(
        JSON.stringify({
          ok: true,
          namespace: commitment.namespace,
          name: commitment.name,
          repo: commitment.repo,
          commit: commitment.commit,
          secure_hash: commitment.secureHash,
          competition_id: commitment.competitionId,
          bytes: byteLength,
        }),
      );
      return;
    }
    const competition = GENKI_COMPETITIONS[commitment.competitionId];
    console.log(`repo         ${commitment.repo}`);
    console.log(`commit       ${commitment.commit}`);
    console.log(`secure_hash  ${commitment.secureHash}`);
    console.log(`competition  ${commitment.competitionId}${competition ? ` (${competition.label})` : ''}`);
    console.log(`bytes        ${byteLength} of 128`);
  },
};
