/**
 * What a simulated call sees while it runs (the block's storage, the block number, an event sink)
 * and how it fails: `DispatchFailure` carries the real `DispatchError` (a pallet error by name, or
 * a token / origin error), which the block builder encodes into `System.ExtrinsicFailed` so that
 * `api.registry.findMetaError` names it exactly as on finney.
 */
import type { Codec } from '@polkadot/types/types';
import { moduleError, type Runtime } from './runtime';
import type { Store } from './store';

export type DispatchErrorValue =
  | { kind: 'module'; pallet: string; error: string }
  | { kind: 'token'; error: 'FundsUnavailable' | 'BelowMinimum' | 'NotExpendable' }
  | { kind: 'badOrigin' }
  /** A bug in the simulation itself surfaces as `DispatchError::Other` instead of stopping the chain. */
  | { kind: 'other' };

export class DispatchFailure extends Error {
  constructor(readonly value: DispatchErrorValue) {
    super(value.kind === 'module' ? `${value.pallet}.${value.error}` : value.kind);
    this.name = 'DispatchFailure';
  }
}

/** `ensure!(condition, Error::<T>::name)` */
export function ensure(condition: boolean, pallet: string, error: string): asserts condition {
  if (!condition) throw new DispatchFailure({ kind: 'module', pallet, error });
}

/** The JSON form `registry.createType('SpRuntimeDispatchError', …)` accepts. */
export function dispatchErrorJson(rt: Runtime, value: DispatchErrorValue): unknown {
  switch (value.kind) {
    case 'module':
      return { Module: moduleError(rt, value.pallet, value.error) };
    case 'token':
      return { Token: value.error };
    case 'badOrigin':
      return 'BadOrigin';
    case 'other':
      return 'Other';
  }
}

export interface EventSink {
  deposit(pallet: string, event: string, fields: readonly unknown[]): void;
}

export interface DispatchContext extends EventSink {
  rt: Runtime;
  store: Store;
  /** The number of the block being built (`frame_system::block_number()`). */
  blockNumber: number;
}

export type DispatchClass = 'Normal' | 'Operational' | 'Mandatory';

export interface CallSpec {
  pallet: string;
  class: DispatchClass;
  /** `Pays::No` calls are free and skip the "account must exist" nonce check (subtensor's CheckNonce). */
  paysFee: boolean;
  /** Plausible benchmark-like weights; only reported back through events and fee queries. */
  weight: { refTime: bigint; proofSize: bigint };
  dispatch(ctx: DispatchContext, origin: string, args: readonly Codec[]): void;
}
