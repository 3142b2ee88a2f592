import { checkModelLayout } from '../../chain/hub-repo-hash';
import { SecureHashError } from '../../chain/secure-hash';
import { type DirectoryHash, hashDirectory, secureHashOfDirectory } from '../../chain/secure-hash-node';
import { parseCommandArgs } from '../args';
import { CliError, UsageError } from '../errors';
import type { Command } from '../main';
import { printProgress } from '../output';

/** Hash problems are the user's to fix (a wrong folder, a typo in the hotkey): one line, exit 1. */
function toCliError(error: unknown): unknown {
  return error instanceof SecureHashError ? new CliError(error.message) : error;
}

/**
 * Notes on stderr that do not fail the command but explain why a validator's hash or checks may
 * differ (a git clone instead of a snapshot, a missing model package).
 */
function printNotes(hashed: DirectoryHash): void {
  const layout = checkModelLayout(hashed.files);
  for (const note of [...hashed.warnings, ...layout.problems.map((problem) => problem.message)])
    printProgress(`note: ${note}`);
}

/** The dir hash of a snapshot folder and, with a hotkey, its secure hash; notes printed. */
export async function hashSnapshot(
  dir: string,
  hotkey: string | undefined,
): Promise<DirectoryHash & { hotkey?: string; secureHash?: string }> {
  try {
    const hashed = hotkey === undefined ? await hashDirectory(dir) : await secureHashOfDirectory(dir, hotkey);
    printNotes(hashed);
    return hashed;
  } catch (error) {
    throw toCliError(error);
  }
}

export const repoHashCommand: Command = {
  summary:
    "taoverse's directory hash of a model snapshot (every file, os.walk order) and, with --hotkey, the secure hash validators compare with the commitment.",
  usage: 'genki repo-hash DIR [--hotkey SS58] [--json]',
  async run(args) {
    const { values, positionals } = parseCommandArgs('repo-hash', args, {
      hotkey: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new UsageError('repo-hash: give exactly one snapshot folder.');
    const hashed = await hashSnapshot(positionals[0] as string, values.hotkey);
    if (values.json) {
      console.log(
        JSON.stringify(
          hashed.secureHash
            ? { dir_hash: hashed.dirHash, secure_hash: hashed.secureHash }
            : { dir_hash: hashed.dirHash },
        ),
      );
      return;
    }
    console.log(`dir_hash     ${hashed.dirHash}`);
    if (hashed.secureHash) console.log(`secure_hash  ${hashed.secureHash}  (hotkey ${hashed.hotkey})`);
    console.log(`files        ${hashed.files.length} (${hashed.totalBytes} bytes)`);
  },
};
