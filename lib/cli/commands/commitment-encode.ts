import { CommitmentError, encodeCommitment, MAX_COMMITMENT_BYTES } from '../../chain/commitment-codec';
import { EMPTY_DIRECTORY_HASH } from '../../chain/secure-hash';
import { parseCommandArgs } from '../args';
import { CliError, UsageError } from '../errors';
import type { Command } from '../main';
import { hashSnapshot } from './repo-hash';

/** encodeCommitment, its errors (which name the field and the rule) as one CLI line. */
export function encodeOrFail(input: Parameters<typeof encodeCommitment>[0]) {
  try {
    return encodeCommitment(input);
  } catch (error) {
    if (error instanceof CommitmentError) throw new CliError(error.message);
    throw error;
  }
}

export function parseCompetition(command: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new UsageError(`${command}: --competition must be an integer, got ${JSON.stringify(value)}.`);
  return Number(value);
}

export const commitmentEncodeCommand: Command = {
  summary:
    'The exact commitment string Genki-Dama validators parse and its byte count; the secure hash is given, or computed from a snapshot folder and the hotkey.',
  usage:
    'genki commitment encode --repo NS/NAME --commit SHA (--secure-hash B64 | --snapshot DIR --hotkey SS58) [--competition 1] [--json]',
  async run(args) {
    const { values, positionals } = parseCommandArgs('commitment encode', args, {
      repo: { type: 'string' },
      commit: { type: 'string' },
      'secure-hash': { type: 'string' },
      snapshot: { type: 'string' },
      hotkey: { type: 'string' },
      competition: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length > 0)
      // Not echoed: a stray word may be part of a seed phrase typed after --hotkey.
      throw new UsageError('commitment encode: unexpected argument (not shown); every input is a flag.');
    if (values.repo === undefined || values.commit === undefined)
      throw new UsageError('commitment encode: --repo NS/NAME and --commit SHA are required.');
    const given = values['secure-hash'];
    if ((given === undefined) === (values.snapshot === undefined))
      throw new UsageError(
        'commitment encode: give either --secure-hash B64 or --snapshot DIR --hotkey SS58.',
      );
    if (values.snapshot !== undefined && values.hotkey === undefined)
      throw new UsageError(
        'commitment encode: --snapshot needs --hotkey SS58 (the hash is bound to the hotkey).',
      );
    if (given !== undefined && values.hotkey !== undefined)
      throw new UsageError(
        'commitment encode: --hotkey is used only with --snapshot; --secure-hash already includes it.',
      );
    const fields = {
      repo: values.repo,
      commit: values.commit,
      competitionId: parseCompetition('commitment encode', values.competition),
    };

    let secureHash = given;
    let dirHash: string | undefined;
    let hotkey: string | undefined;
    if (secureHash === undefined) {
      // Every other field is checked before a possibly long hash of the snapshot.
      encodeOrFail({ ...fields, secureHash: EMPTY_DIRECTORY_HASH });
      const hashed = await hashSnapshot(values.snapshot ?? '', values.hotkey);
      if (!hashed.secureHash) throw new CliError('commitment encode: no secure hash was computed.');
      secureHash = hashed.secureHash;
      dirHash = hashed.dirHash;
      hotkey = hashed.hotkey;
    }
    const encoded = encodeOrFail({ ...fields, secureHash });
    const { commitment } = encoded;
    if (values.json) {
      console.log(
        JSON.stringify({
          commitment: encoded.text,
          bytes: encoded.byteLength,
          namespace: commitment.namespace,
          name: commitment.name,
          commit: commitment.commit,
          secure_hash: commitment.secureHash,
          competition_id: commitment.competitionId,
          ...(dirHash === undefined ? {} : { dir_hash: dirHash, hotkey }),
        }),
      );
      return;
    }
    console.log(encoded.text);
    console.log(
      `${encoded.byteLength} bytes (limit ${MAX_COMMITMENT_BYTES})${dirHash ? `; dir_hash ${dirHash}, hotkey ${hotkey}` : ''}`,
    );
  },
};
