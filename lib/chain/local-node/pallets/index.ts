/**
 * The calls this simulated runtime executes, keyed by polkadot.js' `section.method`, with their
 * dispatch class, `Pays` and a plausible weight. Every other call is refused at submission with
 * 1010 "Transaction call is not expected" (the node logs which call it was).
 *
 * Fees (Pays::Yes only): 100 000 rao base + 1 000 rao per encoded byte + ref_time / 2 000, plus the
 * tip. Plausible for a dev chain, not finney's exact fee curve.
 */
import type { CallSpec } from '../dispatch';
import { remark, remarkWithEvent, transferAllowDeath, transferKeepAlive } from './balances';
import { setCommitment } from './commitments';
import { burnedRegister } from './registration';
import { commitWeights, revealWeights, setWeights } from './weights';

const weight = (refTime: number, proofSize = 0) => ({
  refTime: BigInt(refTime),
  proofSize: BigInt(proofSize),
});

const CALLS: Record<string, CallSpec> = {
  'commitments.setCommitment': {
    pallet: 'Commitments',
    class: 'Normal',
    paysFee: false,
    weight: weight(33_480_000, 6_500),
    dispatch: setCommitment,
  },
  'subtensorModule.burnedRegister': {
    pallet: 'SubtensorModule',
    class: 'Normal',
    paysFee: true,
    weight: weight(354_200_000, 14_000),
    dispatch: burnedRegister,
  },
  'subtensorModule.setWeights': {
    pallet: 'SubtensorModule',
    class: 'Normal',
    paysFee: false,
    weight: weight(15_540_000_000, 8_000),
    dispatch: setWeights,
  },
  'subtensorModule.commitWeights': {
    pallet: 'SubtensorModule',
    class: 'Normal',
    paysFee: false,
    weight: weight(46_000_000, 3_500),
    dispatch: commitWeights,
  },
  'subtensorModule.revealWeights': {
    pallet: 'SubtensorModule',
    class: 'Normal',
    paysFee: false,
    weight: weight(103_000_000, 9_000),
    dispatch: revealWeights,
  },
  'balances.transferAllowDeath': {
    pallet: 'Balances',
    class: 'Normal',
    paysFee: true,
    weight: weight(62_000_000, 3_600),
    dispatch: transferAllowDeath,
  },
  'balances.transferKeepAlive': {
    pallet: 'Balances',
    class: 'Normal',
    paysFee: true,
    weight: weight(49_000_000, 3_600),
    dispatch: transferKeepAlive,
  },
  'system.remark': {
    pallet: 'System',
    class: 'Normal',
    paysFee: true,
    weight: weight(2_000_000),
    dispatch: remark,
  },
  'system.remarkWithEvent': {
    pallet: 'System',
    class: 'Normal',
    paysFee: true,
    weight: weight(8_000_000),
    dispatch: remarkWithEvent,
  },
};

export function callSpec(section: string, method: string): CallSpec | undefined {
  return CALLS[`${section}.${method}`];
}

export function supportedCalls(): string[] {
  return Object.keys(CALLS);
}

/** The fee without tip (what `TransactionPaymentApi_query_info` reports as `partialFee`). */
export function transactionFee(spec: CallSpec, length: number): bigint {
  if (!spec.paysFee) return 0n;
  return 100_000n + 1_000n * BigInt(length) + spec.weight.refTime / 2_000n;
}
