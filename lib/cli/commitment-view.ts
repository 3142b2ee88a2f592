/**
 * One on-chain commitment as `genki commitment show` reports it: who (uid, hotkey), when (block),
 * what validators read from it (the decoded model id, or the typed problem that makes them skip
 * it) and where it stands in Genki-Dama's evaluation delay. Decoding is the codec's
 * (commitment-codec.ts) on the first `RawN` field's bytes, exactly what taoverse parses.
 */
import { u8aToHex } from '@polkadot/util';
import { decodeCommitment, GENKI_COMPETITIONS } from '../chain/commitment-codec';
import type { ChainCommitment } from '../chain/commitments';
import {
  describeEvaluation,
  type EvaluationStatus,
  evalDelayOf,
  evaluationJson,
  evaluationStatus,
} from './evaluation-delay';

interface Problem {
  code: string;
  message: string;
}

export interface CommitmentView {
  uid: number | null;
  hotkey: string;
  block: number | null;
  decoded:
    | {
        ok: true;
        text: string;
        repo: string;
        commit: string;
        secureHash: string;
        competitionId: number;
        bytes: number;
      }
    | { ok: false; problem: Problem; raw: string | null };
  /** Chain-side remarks that do not stop validators (several fields, older than the registration). */
  notes: Problem[];
  evaluation: EvaluationStatus | null;
}

/** Chain problems that leave no `RawN` bytes to decode; the rest are remarks. */
const FATAL = new Set(['undecodable', 'no_fields', 'not_raw']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

function rawForDisplay(raw: Uint8Array | null): string | null {
  if (raw === null) return null;
  try {
    return JSON.stringify(utf8.decode(raw));
  } catch {
    return u8aToHex(raw);
  }
}

export function viewCommitment(commitment: ChainCommitment, headBlock: number): CommitmentView {
  const base = { uid: commitment.uid, hotkey: commitment.hotkey, block: commitment.block };
  const fatal = commitment.problems.find((problem) => FATAL.has(problem.code));
  const notes = commitment.problems.filter(
    (problem) => !FATAL.has(problem.code) && problem.code !== 'empty' && problem.code !== 'not_utf8',
  );
  if (fatal || commitment.raw === null) {
    const problem = fatal ?? { code: 'not_raw', message: 'The commitment holds no raw bytes' };
    return { ...base, decoded: { ok: false, problem, raw: null }, notes, evaluation: null };
  }
  const result = decodeCommitment(commitment.raw);
  if (!result.ok) {
    const decoded = { ok: false as const, problem: result.problem, raw: rawForDisplay(commitment.raw) };
    return { ...base, decoded, notes, evaluation: null };
  }
  const { commitment: model } = result;
  const evaluation =
    commitment.block === null || commitment.uid === null
      ? null
      : evaluationStatus(commitment.block, headBlock, evalDelayOf(model.competitionId));
  return {
    ...base,
    decoded: {
      ok: true,
      text: result.text,
      repo: model.repo,
      commit: model.commit,
      secureHash: model.secureHash,
      competitionId: model.competitionId,
      bytes: result.byteLength,
    },
    notes,
    evaluation,
  };
}

export function commitmentViewJson(view: CommitmentView) {
  const { decoded } = view;
  const fields = decoded.ok
    ? {
        ok: true,
        commitment: decoded.text,
        repo: decoded.repo,
        commit: decoded.commit,
        secure_hash: decoded.secureHash,
        competition_id: decoded.competitionId,
        bytes: decoded.bytes,
      }
    : { ok: false, problem: decoded.problem, raw: decoded.raw };
  return {
    uid: view.uid,
    hotkey: view.hotkey,
    block: view.block,
    ...fields,
    notes: view.notes,
    evaluation: view.evaluation ? evaluationJson(view.evaluation) : null,
  };
}

export function renderCommitmentView(view: CommitmentView): string[] {
  const who = view.uid === null ? 'not registered' : `uid ${view.uid}`;
  const when = view.block === null ? 'block unknown' : `committed at block #${view.block}`;
  const lines = [`${who}  ${view.hotkey}  ${when}`];
  const { decoded } = view;
  if (decoded.ok) {
    const competition = GENKI_COMPETITIONS[decoded.competitionId];
    lines.push(
      `  model        ${decoded.repo}`,
      `  commit       ${decoded.commit}`,
      `  secure_hash  ${decoded.secureHash}`,
      `  competition  ${decoded.competitionId}${competition ? ` (${competition.label})` : ''}`,
    );
  } else {
    lines.push(`  invalid      ${decoded.problem.code}: ${decoded.problem.message}`);
    if (decoded.raw !== null) lines.push(`  raw          ${decoded.raw}`);
  }
  for (const note of view.notes) lines.push(`  note         ${note.message}`);
  if (view.evaluation) lines.push(`  evaluation   ${describeEvaluation(view.evaluation)}`);
  else if (!decoded.ok) lines.push('  evaluation   never: validators skip a commitment they cannot parse');
  else if (view.uid === null) lines.push('  evaluation   never: the hotkey is no longer registered');
  return lines;
}
