/**
 * The fields of a Genki-Dama commitment and their rules (see ./commitment-codec.ts for the sources):
 * limits, the competitions table, and one check per field returning a `CommitmentProblem`. Pure.
 */
export const MAX_COMMITMENT_BYTES = 128;
export const GIT_COMMIT_LENGTH = 40;
export const SECURE_HASH_LENGTH = 44;
export const MAX_COMPETITION_ID_LENGTH = 2;
/**
 * 128 - 40 - 44 - 2 - 4 separators: taoverse's `ModelId.MAX_REPO_ID_LENGTH`. The repo's own "/"
 * becomes the first separator, so a valid commitment is at most 127 bytes, never 128.
 */
export const MAX_REPO_ID_LENGTH =
  MAX_COMMITMENT_BYTES - GIT_COMMIT_LENGTH - SECURE_HASH_LENGTH - MAX_COMPETITION_ID_LENGTH - 4;
/** `validate_hf_repo_id` requires `3 < len(repo_id)`. */
export const MIN_REPO_ID_LENGTH = 4;

export interface CompetitionInfo {
  id: number;
  slug: string;
  /** The `CompetitionId` enum member in Genki-Dama's competitions/data.py. */
  enumName: string;
  label: string;
  /** `ModelConstraints.max_bytes`: the repo's summed file sizes may not exceed it. */
  maxRepoBytes: number;
  /** Blocks between the commitment and the first evaluation. */
  evalBlockDelay: number;
  maxParameters: number;
}

/** Genki-Dama's competitions (crynux-ecosystem/genki-dama constants/__init__.py at 310b2f5). */
export const GENKI_COMPETITIONS: Readonly<Record<number, CompetitionInfo>> = {
  1: {
    id: 1,
    slug: 'chiptune',
    enumName: 'ChIPTUNE_MUSIC_MODEL',
    label: 'Chiptune music model (Ruby)',
    maxRepoBytes: 20 * 1024 ** 3,
    evalBlockDelay: 1200,
    maxParameters: 6_900_000_000,
  },
};
export const DEFAULT_COMPETITION_ID = 1;

/** Every way a commitment can be unusable (the last three concern the chain's Data enum). */
export const COMMITMENT_PROBLEM_CODES = [
  'empty',
  'too_long',
  'not_utf8',
  'bad_hex',
  'field_count',
  'none_field',
  'bad_repo_id',
  'bad_commit',
  'bad_secure_hash',
  'bad_competition_id',
  'unknown_competition',
  'unsupported_data',
  'malformed_data',
  'no_fields',
] as const satisfies readonly string[];
export type CommitmentProblemCode = (typeof COMMITMENT_PROBLEM_CODES)[number];

export interface CommitmentProblem {
  code: CommitmentProblemCode;
  message: string;
}

export class CommitmentError extends Error {
  override name = 'CommitmentError';
  constructor(
    readonly code: CommitmentProblemCode,
    message: string,
  ) {
    super(message);
  }
}

const REPO_PART = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;
export const COMMIT_PATTERN = /^[0-9a-f]{40}$/;
/** Canonical base64 of 32 bytes: 43 symbols (the last with two zero bits) and one "=". */
export const SHA256_BASE64_PATTERN = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;
const COMPETITION_ID = /^(?:0|[1-9][0-9]?)$/;

export const quote = (value: string) => JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
export const problem = (code: CommitmentProblemCode, message: string): CommitmentProblem => ({
  code,
  message,
});

/** Why `repo` (namespace/name) cannot be committed, or undefined when it can. */
export function checkRepoId(repo: string): CommitmentProblem | undefined {
  const parts = repo.split('/');
  if (parts.length !== 2)
    return problem('bad_repo_id', `The repo id ${quote(repo)} must be namespace/name with exactly one "/".`);
  if ([...repo].length < MIN_REPO_ID_LENGTH || [...repo].length > MAX_REPO_ID_LENGTH) {
    return problem(
      'bad_repo_id',
      `The repo id ${quote(repo)} is ${[...repo].length} characters; taoverse allows ${MIN_REPO_ID_LENGTH} to ${MAX_REPO_ID_LENGTH} so the commitment fits in ${MAX_COMMITMENT_BYTES} bytes.`,
    );
  }
  for (const [index, part] of parts.entries()) {
    const what = index === 0 ? 'namespace' : 'name';
    if (!REPO_PART.test(part)) {
      return problem(
        'bad_repo_id',
        `The repo ${what} ${quote(part)} must use ASCII letters, digits, "-", "_" or ".", and start and end with a letter, digit or "_".`,
      );
    }
    if (part.includes('--') || part.includes('..'))
      return problem('bad_repo_id', `The repo ${what} ${quote(part)} may not contain "--" or "..".`);
  }
  if (repo.endsWith('.git'))
    return problem('bad_repo_id', `The repo id ${quote(repo)} may not end in ".git".`);
  return undefined;
}

export function checkCommit(commit: string): CommitmentProblem | undefined {
  if (COMMIT_PATTERN.test(commit)) return undefined;
  return problem(
    'bad_commit',
    `The commit ${quote(commit)} must be a full Hugging Face commit SHA: 40 lowercase hex digits.`,
  );
}

/** True for the canonical base64 of a SHA-256 digest (44 characters, standard alphabet, one "="). */
export function isSha256Base64(value: string): boolean {
  return SHA256_BASE64_PATTERN.test(value);
}

export function checkSecureHash(value: string): CommitmentProblem | undefined {
  if (SHA256_BASE64_PATTERN.test(value)) return undefined;
  let why: string;
  if (value.length !== SECURE_HASH_LENGTH) why = `it has ${value.length} characters, not 44`;
  else if (/[-_]/.test(value)) why = 'it uses the URL-safe alphabet ("-", "_") instead of "+" and "/"';
  else if (!/^[A-Za-z0-9+/]{43}=$/.test(value))
    why = 'only A-Z, a-z, 0-9, "+" and "/" followed by one "=" are allowed';
  else why = 'its last symbol has non-zero padding bits, so no SHA-256 digest encodes to it';
  return problem(
    'bad_secure_hash',
    `The secure hash ${quote(value)} is not the base64 of a SHA-256 digest: ${why}.`,
  );
}

export function checkCompetition(
  token: string,
  competitions: Readonly<Record<number, CompetitionInfo>>,
): CommitmentProblem | number {
  if (!COMPETITION_ID.test(token)) {
    return problem(
      'bad_competition_id',
      `The competition id ${quote(token)} must be a decimal integer of at most ${MAX_COMPETITION_ID_LENGTH} digits, such as 1.`,
    );
  }
  const id = Number(token);
  if (!competitions[id]) {
    const known = Object.keys(competitions).join(', ');
    return problem(
      'unknown_competition',
      `Competition ${id} is not run on Genki-Dama (known: ${known}); validators skip this commitment.`,
    );
  }
  return id;
}
