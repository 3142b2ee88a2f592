/**
 * The Genki-Dama model commitment: the taoverse `ModelId.to_compressed_str()` string a miner's
 * hotkey writes to `Commitments.CommitmentOf` and validators parse,
 *
 *   namespace:name:commit:secure_hash:competition_id     (at most 128 bytes of UTF-8)
 *
 * Pure (browser + Node, no dependencies beyond zod). Decoding never throws: every malformed value
 * seen on chain becomes a `CommitmentProblem` (a code for programs, one sentence for people).
 *
 * Rules, from macrocosm-os/taoverse (src/taoverse/model/data.py, model/utils.py) and
 * huggingface_hub's `validate_repo_id`:
 * - taoverse: MAX_METADATA_BYTES = 128; GIT_COMMIT_LENGTH 40; SHA256_BASE_64_LENGTH 44;
 *   MAX_COMPETITION_ID_LENGTH 2; so MAX_REPO_ID_LENGTH = 128 - 40 - 44 - 2 - 4 = 38, and
 *   `validate_hf_repo_id` wants 3 < len(repo_id) <= 38 and exactly one "/".
 * - Hub: each part starts and ends with a letter, digit or "_", holds only those plus "-" and ".",
 *   has no "--" or "..", and the repo name does not end in ".git". The Hub only creates ASCII
 *   names, so we accept ASCII only (Python's `\w` would let other letters through the client check).
 *
 * Where we are stricter than taoverse's `from_compressed_str` (deliberately, and documented):
 * - exactly 5 fields: taoverse reads 4 fields as SN9's legacy form (competition 0, which Genki-Dama
 *   does not run) and ignores fields after the fifth;
 * - the literal "None" in commit or secure_hash: taoverse maps it to null, after which a Genki-Dama
 *   validator cannot download (no commit) or verify (no hash) the model; we report it as such.
 *   "None" as a namespace or name is an ordinary repo name and accepted;
 * - the competition id must be a canonical decimal ("1", not "01", "+1" or " 1", which Python's
 *   int() would accept; no miner writes them, since taoverse formats an int);
 * - the commit must be a full 40-hex lowercase SHA (a branch name would make the commitment mutable);
 * - bytes that are not UTF-8: taoverse's `bytes.decode()` raises (outside its try), we report it.
 */
import { z } from 'zod';
import { unwrapCommitmentData } from './commitment-codec-data';
import {
  COMMIT_PATTERN,
  COMMITMENT_PROBLEM_CODES,
  CommitmentError,
  type CommitmentProblem,
  type CompetitionInfo,
  checkCommit,
  checkCompetition,
  checkRepoId,
  checkSecureHash,
  DEFAULT_COMPETITION_ID,
  GENKI_COMPETITIONS,
  MAX_COMMITMENT_BYTES,
  problem,
  quote,
  SHA256_BASE64_PATTERN,
} from './commitment-codec-fields';

export {
  COMMITMENT_PROBLEM_CODES,
  CommitmentError,
  type CommitmentProblem,
  type CommitmentProblemCode,
  type CompetitionInfo,
  checkCommit,
  checkRepoId,
  checkSecureHash,
  DEFAULT_COMPETITION_ID,
  GENKI_COMPETITIONS,
  GIT_COMMIT_LENGTH,
  isSha256Base64,
  MAX_COMMITMENT_BYTES,
  MAX_COMPETITION_ID_LENGTH,
  MAX_REPO_ID_LENGTH,
  MIN_REPO_ID_LENGTH,
  SECURE_HASH_LENGTH,
} from './commitment-codec-fields';

export const modelCommitmentSchema = z
  .object({
    namespace: z.string(),
    name: z.string(),
    /** `namespace/name`, the Hugging Face repo id. */
    repo: z.string(),
    commit: z.string().regex(COMMIT_PATTERN),
    secureHash: z.string().regex(SHA256_BASE64_PATTERN),
    competitionId: z.number().int().min(0).max(99),
  })
  .superRefine((value, context) => {
    const issue = checkRepoId(value.repo);
    if (issue) context.addIssue({ code: 'custom', path: ['repo'], message: issue.message });
    if (value.repo !== `${value.namespace}/${value.name}`)
      context.addIssue({ code: 'custom', path: ['repo'], message: 'repo must be namespace/name.' });
  });
export type ModelCommitment = z.infer<typeof modelCommitmentSchema>;

export const commitmentProblemSchema = z.object({
  code: z.enum(COMMITMENT_PROBLEM_CODES),
  message: z.string(),
});

export interface CommitmentInput {
  /** `namespace/name`. */
  repo: string;
  commit: string;
  secureHash: string;
  competitionId?: number;
}

export interface EncodedCommitment {
  commitment: ModelCommitment;
  /** The exact string written on chain. */
  text: string;
  /** Its UTF-8 bytes: the payload of the `Raw<byteLength>` field. */
  bytes: Uint8Array;
  byteLength: number;
}

export interface CodecOptions {
  /** The competitions validators run (default: Genki-Dama's). */
  competitions?: Readonly<Record<number, CompetitionInfo>>;
}

/** Builds the commitment string; throws a CommitmentError naming the first invalid field. */
export function encodeCommitment(input: CommitmentInput, options: CodecOptions = {}): EncodedCommitment {
  const competitions = options.competitions ?? GENKI_COMPETITIONS;
  const competitionId = input.competitionId ?? DEFAULT_COMPETITION_ID;
  const issue =
    checkRepoId(input.repo) ??
    checkCommit(input.commit) ??
    checkSecureHash(input.secureHash) ??
    (Number.isSafeInteger(competitionId)
      ? undefined
      : problem('bad_competition_id', 'The competition id must be an integer.'));
  if (issue) throw new CommitmentError(issue.code, issue.message);
  const checked = checkCompetition(String(competitionId), competitions);
  if (typeof checked !== 'number') throw new CommitmentError(checked.code, checked.message);
  const [namespace = '', name = ''] = input.repo.split('/');
  const text = `${namespace}:${name}:${input.commit}:${input.secureHash}:${competitionId}`;
  const bytes = new TextEncoder().encode(text);
  if (bytes.byteLength > MAX_COMMITMENT_BYTES) {
    // Unreachable with the field rules above (at most 38 + 40 + 44 + 2 + 3 = 127 bytes: the repo's
    // "/" becomes a ":"); kept because 128 is the chain's own limit.
    throw new CommitmentError('too_long', `The commitment is ${bytes.byteLength} bytes; the limit is 128.`);
  }
  const commitment = {
    namespace,
    name,
    repo: input.repo,
    commit: input.commit,
    secureHash: input.secureHash,
    competitionId,
  };
  return { commitment, text, bytes, byteLength: bytes.byteLength };
}

/** `{ Raw<N>: '0x…' }`: the `Data` value polkadot.js takes for `set_commitment`'s first field. */
export function toCommitmentDataField(encoded: EncodedCommitment): Record<string, string> {
  const hex = Array.from(encoded.bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return { [`Raw${encoded.byteLength}`]: `0x${hex}` };
}

export type CommitmentDecodeResult =
  | { ok: true; commitment: ModelCommitment; text: string; byteLength: number }
  | { ok: false; problem: CommitmentProblem; text?: string };

const fail = (p: CommitmentProblem, text?: string): CommitmentDecodeResult =>
  text === undefined ? { ok: false, problem: p } : { ok: false, problem: p, text };

/** Hex digits after `0x` (never a commitment string: those always contain ":"). */
function hexToBytes(input: string): Uint8Array | CommitmentProblem {
  const digits = input.slice(2);
  if (digits.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(digits)) {
    return problem('bad_hex', `${quote(input)} is neither a commitment string nor 0x-prefixed hex bytes.`);
  }
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(digits.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * Decodes a commitment given as the string, as `0x`-hex of its bytes (how the chain returns a
 * `Raw<N>` field), or as the bytes themselves.
 */
export function decodeCommitment(
  input: string | Uint8Array,
  options: CodecOptions = {},
): CommitmentDecodeResult {
  let bytes: Uint8Array;
  if (typeof input === 'string') {
    if (input.startsWith('0x') && !input.includes(':')) {
      const parsed = hexToBytes(input);
      if (!(parsed instanceof Uint8Array)) return fail(parsed);
      bytes = parsed;
    } else {
      bytes = new TextEncoder().encode(input);
    }
  } else {
    bytes = input;
  }
  if (bytes.byteLength === 0) return fail(problem('empty', 'The commitment is empty.'));
  if (bytes.byteLength > MAX_COMMITMENT_BYTES) {
    return fail(
      problem(
        'too_long',
        `The commitment is ${bytes.byteLength} bytes; taoverse allows at most ${MAX_COMMITMENT_BYTES}.`,
      ),
    );
  }
  let text: string;
  try {
    // ignoreBOM keeps a leading U+FEFF, as Python's strict utf-8 decode does.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return fail(
      problem('not_utf8', 'The commitment bytes are not valid UTF-8, so validators cannot read them.'),
    );
  }
  return decodeText(text, bytes.byteLength, options.competitions ?? GENKI_COMPETITIONS);
}

function decodeText(
  text: string,
  byteLength: number,
  competitions: Readonly<Record<number, CompetitionInfo>>,
): CommitmentDecodeResult {
  const tokens = text.split(':');
  if (tokens.length !== 5) {
    const legacy = tokens.length === 4 ? " (SN9's legacy 4-field form, which Genki-Dama does not run)" : '';
    return fail(
      problem(
        'field_count',
        `The commitment has ${tokens.length} ":"-separated field(s)${legacy}; expected 5: namespace:name:commit:secure_hash:competition_id.`,
      ),
      text,
    );
  }
  const [namespace = '', name = '', commit = '', secureHash = '', competition = ''] = tokens;
  for (const [field, value] of [
    ['commit', commit],
    ['secure_hash', secureHash],
  ] as const) {
    if (value === 'None') {
      return fail(
        problem(
          'none_field',
          `The ${field} field is the literal "None", which taoverse reads as null; Genki-Dama validators cannot ${field === 'commit' ? 'download' : 'verify'} the model.`,
        ),
        text,
      );
    }
  }
  const repo = `${namespace}/${name}`;
  const issue = checkRepoId(repo) ?? checkCommit(commit) ?? checkSecureHash(secureHash);
  if (issue) return fail(issue, text);
  const competitionId = checkCompetition(competition, competitions);
  if (typeof competitionId !== 'number') return fail(competitionId, text);
  return {
    ok: true,
    commitment: { namespace, name, repo, commit, secureHash, competitionId },
    text,
    byteLength,
  };
}

/** Like decodeCommitment, but throws a CommitmentError. */
export function parseCommitment(input: string | Uint8Array, options: CodecOptions = {}): ModelCommitment {
  const result = decodeCommitment(input, options);
  if (!result.ok) throw new CommitmentError(result.problem.code, result.problem.message);
  return result.commitment;
}

/**
 * Decodes one `Data` value of `Commitments.CommitmentOf` as polkadot.js returns it (`toJSON()`:
 * `{ raw55: '0x…' }`, `toHuman()`: `{ Raw55: 'text' }`) or as the Python SDK shows it. Only a
 * `Raw<N>` field can hold a commitment validators read; every other variant is a typed problem.
 */
export function decodeCommitmentField(field: unknown, options: CodecOptions = {}): CommitmentDecodeResult {
  const raw = unwrapCommitmentData(field);
  if ('code' in raw) return fail(raw);
  return decodeCommitment(raw.bytes, options);
}

/**
 * Decodes `CommitmentInfo` (`{ fields: [...] }`) the way taoverse does: the first field only.
 * The Python SDK's nested `fields[0][0]` shape is accepted too.
 */
export function decodeCommitmentInfo(info: unknown, options: CodecOptions = {}): CommitmentDecodeResult {
  const fields = z.object({ fields: z.array(z.unknown()) }).safeParse(info);
  if (!fields.success) {
    return fail(problem('malformed_data', 'The commitment info is not an object with a "fields" list.'));
  }
  let first = fields.data.fields[0];
  if (Array.isArray(first)) first = first[0];
  if (first === undefined) return fail(problem('no_fields', 'The commitment has no fields.'));
  return decodeCommitmentField(first, options);
}
