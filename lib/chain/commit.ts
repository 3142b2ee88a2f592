/**
 * Writing a model commitment: `Commitments.set_commitment(netuid, { fields: [{ RawN: bytes }] })`,
 * signed by the miner's registered hotkey. N is the UTF-8 BYTE length (the Python SDK uses
 * `len(str)`, which is wrong for non-ASCII text), at most 128 as `RawN` allows and every reader
 * expects. After inclusion the entry is read back at the inclusion block.
 */
import { u8aToHex } from '@polkadot/util';
import { type ChainCommitment, placeCommitment, readOneCommitment } from './commitments';
import type { ChainConnection } from './connection';
import { ChainError } from './errors';
import { readMetagraph } from './metagraph';
import {
  type ChainSigner,
  type Inclusion,
  type SubmitOptions,
  signerAddress,
  submitExtrinsic,
} from './submit';

export const MAX_COMMITMENT_BYTES = 128;

export function commitmentBytes(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? new TextEncoder().encode(data) : data;
}

/** The `CommitmentInfo` polkadot.js encodes: one `RawN` field with N = byte length. */
export function commitmentInfo(bytes: Uint8Array): { fields: Record<string, string>[] } {
  if (bytes.length > MAX_COMMITMENT_BYTES) {
    throw new RangeError(`A commitment holds at most ${MAX_COMMITMENT_BYTES} bytes (got ${bytes.length})`);
  }
  return { fields: [{ [`Raw${bytes.length}`]: u8aToHex(bytes) }] };
}

export interface CommitRequest extends SubmitOptions {
  netuid: number;
  /** The commitment: text (encoded as UTF-8) or bytes, at most 128 bytes. */
  data: string | Uint8Array;
  /** The hotkey registered on `netuid` (a coldkey gets `AccountNotAllowedCommit`). */
  signer: ChainSigner;
}

export interface CommitResult extends Inclusion {
  /** `CommitmentOf(netuid, hotkey)` read back at the inclusion block, placed against its metagraph. */
  commitment: ChainCommitment | null;
}

export async function submitCommitment(conn: ChainConnection, request: CommitRequest): Promise<CommitResult> {
  const bytes = commitmentBytes(request.data);
  let info: ReturnType<typeof commitmentInfo>;
  try {
    info = commitmentInfo(bytes);
  } catch (error) {
    throw new ChainError(
      'invalid_input',
      conn.endpoint,
      'the commitment is longer than 128 bytes',
      (error as Error).message,
    );
  }
  const setCommitment = conn.api.tx.commitments?.setCommitment;
  if (!setCommitment) {
    throw new ChainError(
      'bad_data',
      conn.endpoint,
      'this endpoint is not a Bittensor chain',
      `${conn.endpoint} has no Commitments.set_commitment`,
    );
  }
  const inclusion = await submitExtrinsic(conn, setCommitment(request.netuid, info), request.signer, request);
  const [found, metagraph] = await Promise.all([
    readOneCommitment(conn, request.netuid, signerAddress(request.signer), inclusion.block),
    readMetagraph(conn, request.netuid, inclusion.block),
  ]);
  return { ...inclusion, commitment: found && placeCommitment(found, metagraph) };
}
