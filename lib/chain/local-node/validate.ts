/**
 * Transaction validation, as the real node's pool does it before accepting an extrinsic: decode
 * against the metadata, look up the signer, rebuild the signing payload from the node's OWN values
 * (spec/tx version, genesis hash, the block hash at the era's birth, CheckMetadataHash mode 0) and
 * verify the signature over it, then run subtensor's CheckNonce and the fee check. Rejections use
 * the JSON-RPC errors a Substrate node answers (1010 "Invalid Transaction" + the reason's text).
 */
import type { Enum, Struct, Vec } from '@polkadot/types';
import type { Codec } from '@polkadot/types/types';
import { compactFromU8a, hexToU8a, u8aToHex } from '@polkadot/util';
import {
  blake2AsHex,
  blake2AsU8a,
  ed25519Verify,
  encodeAddress,
  secp256k1Verify,
  sr25519Verify,
} from '@polkadot/util-crypto';
import type { CallSpec } from './dispatch';
import { callSpec, transactionFee } from './pallets';
import type { Runtime } from './runtime';
import type { Store } from './store';

export const BLOCK_HASH_COUNT = 2400;

export type InvalidReason =
  | 'Call'
  | 'Payment'
  | 'Future'
  | 'Stale'
  | 'BadProof'
  | 'AncientBirthBlock'
  | 'BadSigner';

/** `<&'static str>::from(InvalidTransaction)` in sp-runtime: the `data` of a 1010 error. */
const INVALID_TEXT: Record<InvalidReason, string> = {
  Call: 'Transaction call is not expected',
  Payment: 'Inability to pay some fees (e.g. account balance too low)',
  Future: 'Transaction will be valid in the future',
  Stale: 'Transaction is outdated',
  BadProof: 'Transaction has a bad signature',
  AncientBirthBlock: 'Transaction has an ancient birth block',
  BadSigner: 'Invalid signing address',
};

/** A JSON-RPC error the author API answers with (codes from sc-rpc-api's author errors). */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: string,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

export function invalidTransaction(reason: InvalidReason): RpcError {
  return new RpcError(1010, 'Invalid Transaction', INVALID_TEXT[reason]);
}

export interface CheckedTx {
  hex: string;
  hash: string;
  length: number;
  signer: string;
  nonce: number;
  tip: bigint;
  section: string;
  method: string;
  args: Codec[];
  spec: CallSpec;
  /** Block number the mortal era was born at (0 for immortal transactions). */
  birth: number;
  /** First block number at which the transaction is no longer valid (undefined: immortal). */
  death: number | undefined;
}

export interface ValidationEnv {
  rt: Runtime;
  /** State of the best block; validation runs as if building the next block on top of it. */
  store: Store;
  bestNumber: number;
  genesisHash: string;
  hashOf(number: number): string | undefined;
}

/**
 * The runtime decodes `BoundedVec`s with their bound, so a call polkadot.js happily encodes with
 * too many items never reaches dispatch: the node's validate_transaction fails to decode it.
 * The bounds the studio's calls carry: CommitmentInfo.fields ≤ MaxFields (3), BigRaw ≤ 512,
 * TimelockEncrypted ≤ 1024 bytes.
 */
function checkBounds(rt: Runtime, section: string, method: string, args: readonly Codec[]): void {
  if (section !== 'commitments' || method !== 'setCommitment') return;
  const fields = (args[1] as Struct | undefined)?.get('fields') as Vec<Enum> | undefined;
  if (!fields) return;
  const maxFields = Number(rt.decorated.consts.commitments?.maxFields?.toString() ?? '3');
  const tooLong = (field: Enum) => {
    if (field.type === 'BigRaw') return field.value.toU8a(true).length > 512;
    if (field.type !== 'TimelockEncrypted') return false;
    const encrypted = (field.value as Struct).get('encrypted');
    return (encrypted?.toU8a(true).length ?? 0) > 1024;
  };
  if (fields.length > maxFields || fields.some(tooLong)) {
    throw new RpcError(
      1002,
      'Verification Error: Runtime error: Execution failed: Bad input data provided to validate_transaction: ' +
        'Could not decode `Call::set_commitment.info`: BoundedVec exceeds its limit',
    );
  }
}

function decode(rt: Runtime, hex: string) {
  let bytes: Uint8Array;
  try {
    bytes = hexToU8a(hex);
  } catch {
    throw new RpcError(1001, 'Extrinsic has invalid format: not hex');
  }
  try {
    const ext = rt.registry.createType('Extrinsic', bytes);
    if (ext.encodedLength !== bytes.length) throw new Error('trailing bytes after the extrinsic');
    return { ext, bytes };
  } catch (error) {
    throw new RpcError(1001, `Extrinsic has invalid format: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** Birth and death of the era, relative to the block being built. */
function eraWindow(
  env: ValidationEnv,
  era: { isMortalEra: boolean; asMortalEra: { birth(n: number): number; death(n: number): number } },
) {
  const current = env.bestNumber + 1;
  if (!era.isMortalEra) return { birth: 0, death: undefined, birthHash: env.genesisHash };
  const birth = era.asMortalEra.birth(current);
  // CheckMortality reads `System::BlockHash(birth)`, which only holds the last BlockHashCount blocks.
  const birthHash =
    birth <= env.bestNumber && env.bestNumber - birth < BLOCK_HASH_COUNT ? env.hashOf(birth) : undefined;
  if (!birthHash) throw invalidTransaction('AncientBirthBlock');
  return { birth, death: era.asMortalEra.death(current), birthHash };
}

function verifySignature(
  kind: number,
  message: Uint8Array,
  signature: Uint8Array,
  signer: Uint8Array,
): boolean {
  // Payloads longer than 256 bytes are signed by their blake2_256 hash (sp-runtime's SignedPayload).
  const data = message.length > 256 ? blake2AsU8a(message, 256) : message;
  try {
    if (kind === 0) return ed25519Verify(data, signature, signer);
    if (kind === 1) return sr25519Verify(data, signature, signer);
    // ECDSA accounts are blake2_256(compressed public key); the signature is over blake2_256(data).
    if (kind === 2) return secp256k1Verify(data, signature, signer, 'blake2');
  } catch {
    return false;
  }
  return false;
}

export function checkExtrinsic(env: ValidationEnv, hex: string): CheckedTx {
  const { rt, store } = env;
  const { ext, bytes } = decode(rt, hex);
  if (!ext.isSigned) {
    // No pallet in this simulation validates unsigned transactions (inherents are the block author's).
    throw new RpcError(
      1011,
      'Unknown Transaction Validity',
      'Could not find an unsigned validator for the unsigned transaction',
    );
  }
  if (ext.type !== 4)
    throw new RpcError(1001, `Extrinsic has invalid format: unsupported version ${ext.type}`);
  checkBounds(rt, ext.method.section, ext.method.method, ext.method.args);
  // Raw layout after the length prefix: 0x84, MultiAddress (tag 0 = Id + 32 bytes), MultiSignature tag.
  const [prefixLength] = compactFromU8a(bytes);
  const body = bytes.subarray(prefixLength);
  if (body[1] !== 0) {
    throw new RpcError(
      1011,
      'Unknown Transaction Validity',
      'Could not lookup information required to validate the transaction',
    );
  }
  const signerKey = body.subarray(2, 34);
  const signatureKind = body[34] ?? -1;
  const signer = encodeAddress(signerKey, 42);

  const spec = callSpec(ext.method.section, ext.method.method);
  const { birth, death, birthHash } = eraWindow(env, ext.era);
  const payload = rt.registry.createType(
    'ExtrinsicPayload',
    {
      method: ext.method.toHex(),
      era: ext.era,
      nonce: ext.nonce,
      tip: ext.tip,
      mode: ext.mode,
      // CheckMetadataHash: mode 0 signs `None`; mode 1 would need the RFC-78 metadata hash, which
      // this node cannot compute, so such transactions fail the signature check below.
      metadataHash: null,
      specVersion: rt.version.specVersion,
      transactionVersion: rt.version.transactionVersion,
      genesisHash: env.genesisHash,
      blockHash: birthHash,
    },
    { version: 4 },
  );
  const signed = payload.toU8a({ method: true });
  if (
    ext.mode.toNumber() !== 0 ||
    !verifySignature(signatureKind, signed, ext.signature.toU8a(), signerKey)
  ) {
    throw invalidTransaction('BadProof');
  }
  if (signerKey.every((byte) => byte === 0)) throw invalidTransaction('BadSigner');
  if (!spec) {
    console.warn(
      `[local-chain] refused ${ext.method.section}.${ext.method.method}: this call is not simulated`,
    );
    throw invalidTransaction('Call');
  }

  const nonce = ext.nonce.toNumber();
  const tip = ext.tip.toBigInt();
  const account = store.account(signer);
  // subtensor's CheckNonce: Pays::No calls may come from accounts that do not exist yet (hotkeys).
  if (spec.paysFee && account.providers === 0 && account.sufficients === 0)
    throw invalidTransaction('Payment');
  if (nonce < account.nonce) throw invalidTransaction('Stale');
  if (account.data.free < transactionFee(spec, bytes.length) + tip) throw invalidTransaction('Payment');

  return {
    hex: u8aToHex(bytes),
    hash: blake2AsHex(bytes, 256),
    length: bytes.length,
    signer,
    nonce,
    tip,
    section: ext.method.section,
    method: ext.method.method,
    args: [...ext.method.args],
    spec,
    birth,
    death,
  };
}
