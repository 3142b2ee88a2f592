/**
 * `state_call`: the runtime APIs @polkadot/api calls while connecting (Metadata_*), signing
 * (AccountNonceApi when asked for the next nonce) and estimating fees (TransactionPaymentApi),
 * plus Core_version. Inputs are decoded and outputs encoded with the metadata's own API types.
 */
import { compactAddLength, hexToU8a, u8aConcat, u8aToHex, u8aToNumber } from '@polkadot/util';
import { encodeAddress } from '@polkadot/util-crypto';
import type { CallSpec } from './dispatch';
import { callSpec, transactionFee } from './pallets/index';
import { encodeApiOutput, type Runtime } from './runtime';
import type { StorageState } from './state';
import { Store } from './store';
import { RpcError } from './validate';

/** Calls this runtime does not execute still get a fee estimate, as if a mid-sized Pays::Yes call. */
const FALLBACK_SPEC: CallSpec = {
  pallet: 'System',
  class: 'Normal',
  paysFee: true,
  weight: { refTime: 100_000_000n, proofSize: 4_000n },
  dispatch: () => {},
};

function dispatchInfo(spec: CallSpec, length: number) {
  return { weight: spec.weight, class: spec.class, partialFee: transactionFee(spec, length) };
}

function feeDetails(spec: CallSpec, length: number, tip: bigint) {
  if (!spec.paysFee) return { inclusionFee: null, tip };
  const lenFee = 1_000n * BigInt(length);
  const adjustedWeightFee = spec.weight.refTime / 2_000n;
  return { inclusionFee: { baseFee: 100_000n, lenFee, adjustedWeightFee }, tip };
}

/** `(uxt, len)` as TransactionPaymentApi takes it: the extrinsic with its length prefix, then a u32. */
function decodeExtrinsicAndLength(rt: Runtime, data: Uint8Array) {
  const ext = rt.registry.createType('Extrinsic', data);
  const rest = data.subarray(ext.encodedLength);
  if (rest.length !== 4) throw new Error('expected (Extrinsic, u32)');
  const spec = callSpec(ext.method.section, ext.method.method) ?? FALLBACK_SPEC;
  return { spec, length: u8aToNumber(rest), tip: ext.tip.toBigInt() };
}

function decodeCallAndLength(rt: Runtime, data: Uint8Array) {
  const call = rt.registry.createType('Call', data);
  const rest = data.subarray(call.encodedLength);
  if (rest.length !== 4) throw new Error('expected (Call, u32)');
  return { spec: callSpec(call.section, call.method) ?? FALLBACK_SPEC, length: u8aToNumber(rest) };
}

export function stateCall(rt: Runtime, state: StorageState, method: string, dataHex: string): string {
  const data = hexToU8a(dataHex);
  const out = (api: string, fn: string, value: unknown) => u8aToHex(encodeApiOutput(rt, api, fn, value));
  try {
    switch (method) {
      case 'Core_version':
        return out('Core', 'version', rt.version);
      case 'Metadata_metadata':
        return u8aToHex(compactAddLength(rt.metadataBytes));
      case 'Metadata_metadata_versions':
        // Only the v16 blob is bundled, so only v16 is offered.
        return out('Metadata', 'metadata_versions', [16]);
      case 'Metadata_metadata_at_version': {
        const version = u8aToNumber(data.subarray(0, 4));
        // Option<OpaqueMetadata> by hand: createType would read a Uint8Array as already-encoded.
        return version === 16
          ? u8aToHex(u8aConcat(new Uint8Array([1]), compactAddLength(rt.metadataBytes)))
          : '0x00';
      }
      case 'AccountNonceApi_account_nonce': {
        const who = encodeAddress(data.subarray(0, 32), 42);
        return out('AccountNonceApi', 'account_nonce', new Store(rt, state).account(who).nonce);
      }
      case 'TransactionPaymentApi_query_info': {
        const { spec, length } = decodeExtrinsicAndLength(rt, data);
        return out('TransactionPaymentApi', 'query_info', dispatchInfo(spec, length));
      }
      case 'TransactionPaymentApi_query_fee_details': {
        const { spec, length, tip } = decodeExtrinsicAndLength(rt, data);
        return out('TransactionPaymentApi', 'query_fee_details', feeDetails(spec, length, tip));
      }
      case 'TransactionPaymentCallApi_query_call_info': {
        const { spec, length } = decodeCallAndLength(rt, data);
        return out('TransactionPaymentCallApi', 'query_call_info', dispatchInfo(spec, length));
      }
      case 'TransactionPaymentCallApi_query_call_fee_details': {
        const { spec, length } = decodeCallAndLength(rt, data);
        return out('TransactionPaymentCallApi', 'query_call_fee_details', feeDetails(spec, length, 0n));
      }
      case 'AuraApi_slot_duration':
        return out('AuraApi', 'slot_duration', 12_000);
    }
  } catch (error) {
    throw new RpcError(
      4003,
      `Client error: Execution failed: Execution aborted due to trap: ${(error as Error).message}`,
    );
  }
  throw new RpcError(4003, `Client error: Execution failed: Other: Exported method ${method} is not found`);
}

/** `payment_queryInfo` (the deprecated RPC form): the same numbers as JSON. */
export function paymentQueryInfo(rt: Runtime, extrinsicHex: string): unknown {
  const bytes = hexToU8a(extrinsicHex);
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, bytes.length, true);
  const { spec } = decodeExtrinsicAndLength(rt, new Uint8Array([...bytes, ...length]));
  const info = dispatchInfo(spec, bytes.length);
  return {
    weight: { refTime: Number(info.weight.refTime), proofSize: Number(info.weight.proofSize) },
    class: info.class.toLowerCase(),
    partialFee: info.partialFee.toString(),
  };
}
