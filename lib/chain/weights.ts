/**
 * Validator weight helpers, identical to what Python validators send:
 *
 * - `weightsForEmit`: the SDK's `convert_weights_and_uids_for_emit` — divide by the max, × 65535,
 *   Python `round()` (half to even), drop zeros. The chain then max-upscales again itself.
 * - `commitWeightsHash`: the CR v2 hash `commit_weights` takes, blake2_256 of the SCALE tuple
 *   (AccountId32, u16 netuid, Vec<u16> uids, Vec<u16> values, Vec<u16> salt, u64 version_key),
 *   i.e. subtensor's `get_commit_hash` / the SDK's `generate_weight_hash`.
 */
import { bnToU8a, compactToU8a, u8aConcat } from '@polkadot/util';
import { blake2AsHex, decodeAddress } from '@polkadot/util-crypto';

const U16_MAX = 65535;

/** Python's `round(x)` for floats: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

export function weightsForEmit(
  uids: readonly number[],
  weights: readonly number[],
): { uids: number[]; weights: number[] } {
  if (uids.length !== weights.length) {
    throw new RangeError(`uids and weights differ in length (${uids.length} vs ${weights.length})`);
  }
  if (weights.some((w) => !Number.isFinite(w) || w < 0))
    throw new RangeError('weights must be finite and non-negative');
  if (uids.some((uid) => !Number.isInteger(uid) || uid < 0 || uid > U16_MAX)) {
    throw new RangeError('uids must be integers in 0..65535');
  }
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (total === 0) return { uids: [], weights: [] };
  const max = Math.max(...weights);
  const out = { uids: [] as number[], weights: [] as number[] };
  weights.forEach((weight, i) => {
    const value = roundHalfEven((weight / max) * U16_MAX);
    const uid = uids[i];
    if (value !== 0 && uid !== undefined) {
      out.uids.push(uid);
      out.weights.push(value);
    }
  });
  return out;
}

const u16 = (value: number) => bnToU8a(value, { bitLength: 16, isLe: true });
const u16Vec = (values: readonly number[]) => u8aConcat(compactToU8a(values.length), ...values.map(u16));

export interface WeightsCommit {
  /** The validator hotkey (SS58, any prefix, or its 32 public-key bytes). */
  hotkey: string | Uint8Array;
  netuid: number;
  uids: readonly number[];
  values: readonly number[];
  salt: readonly number[];
  versionKey: bigint | number;
}

export function commitWeightsHash(commit: WeightsCommit): string {
  const account = typeof commit.hotkey === 'string' ? decodeAddress(commit.hotkey) : commit.hotkey;
  if (account.length !== 32) throw new RangeError('the hotkey must be a 32-byte account');
  const bytes = u8aConcat(
    account,
    u16(commit.netuid),
    u16Vec(commit.uids),
    u16Vec(commit.values),
    u16Vec(commit.salt),
    bnToU8a(BigInt(commit.versionKey), { bitLength: 64, isLe: true }),
  );
  return blake2AsHex(bytes, 256);
}

/** A fresh random salt of u16s (the SDK uses 8). */
export function randomSalt(length = 8): number[] {
  return [...crypto.getRandomValues(new Uint16Array(length))];
}
