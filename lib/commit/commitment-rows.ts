/**
 * One row per commitment on a subnet, as a validator would judge it: the decoded Genki-Dama model
 * id, or the first reason it cannot be used. Two layers of problems meet here: the chain layer
 * (lib/chain/commitments.ts: undecodable value, no field, not `RawN`, not UTF-8, …) and the
 * Genki-Dama string layer (lib/chain/commitment-codec.ts: field count, repo id, commit, hash, …).
 * Pure, so the validator dashboard can reuse it.
 */

import {
  type CommitmentProblemCode as CodecProblemCode,
  decodeCommitment,
  type ModelCommitment,
} from '../chain/commitment-codec';
import type { ChainCommitment, CommitmentProblemCode as ChainProblemCode } from '../chain/commitments';

export interface RowProblem {
  code: ChainProblemCode | CodecProblemCode;
  message: string;
}

export interface CommitmentRow {
  hotkey: string;
  uid: number | null;
  block: number | null;
  /** The committed text when it is UTF-8. */
  text: string | null;
  /** The model validators would fetch, when the commitment is usable. */
  model: ModelCommitment | null;
  /** Why validators cannot use it (null when `model` is set). */
  problem: RowProblem | null;
  /** Things worth knowing that do not stop a validator (extra fields, an older registration). */
  notes: RowProblem[];
}

/** Chain-layer findings that still leave the first field readable. */
const NOTE_CODES: ReadonlySet<ChainProblemCode> = new Set(['several_fields', 'before_registration']);

export function commitmentRow(commitment: ChainCommitment): CommitmentRow {
  const base = {
    hotkey: commitment.hotkey,
    uid: commitment.uid,
    block: commitment.block,
    text: commitment.text,
  };
  const notes = commitment.problems.filter((p) => NOTE_CODES.has(p.code));
  const blocking = commitment.problems.find((p) => !NOTE_CODES.has(p.code) && p.code !== 'not_registered');
  if (blocking || !commitment.raw) {
    const problem = blocking ?? { code: 'no_fields' as const, message: 'The commitment has no raw field.' };
    return { ...base, model: null, problem, notes };
  }
  const decoded = decodeCommitment(commitment.raw);
  if (!decoded.ok) return { ...base, model: null, problem: decoded.problem, notes };
  return { ...base, model: decoded.commitment, problem: null, notes };
}

/** Registered hotkeys' rows by uid; entries of deregistered hotkeys are counted, not listed. */
export function commitmentRows(set: { commitments: ChainCommitment[]; stale: ChainCommitment[] }): {
  rows: CommitmentRow[];
  staleCount: number;
} {
  const rows = set.commitments.map(commitmentRow).sort((a, b) => (a.uid ?? 0) - (b.uid ?? 0));
  return { rows, staleCount: set.stale.length };
}
