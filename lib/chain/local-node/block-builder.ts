/**
 * Builds one block the way frame_executive does: initialize (System bookkeeping, SubtensorModule's
 * epoch hooks), the `timestamp.set` inherent as extrinsic 0, then signed extrinsics — each charged
 * its fee and nonce first, then dispatched transactionally — and finalize (System.Events as a
 * `Vec<EventRecord>` with each event's phase, block-hash pruning, header with the new roots).
 */
import { compactAddLength, compactToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { type Block, extrinsicsRoot, makeHeader } from './block';
import {
  type DispatchContext,
  type DispatchErrorValue,
  DispatchFailure,
  dispatchErrorJson,
  type EventSink,
} from './dispatch';
import { subtensorOnInitialize } from './pallets/epoch';
import { transactionFee } from './pallets/index';
import { encodeEvent, type Runtime } from './runtime';
import type { StorageState } from './state';
import { bigUint, Store } from './store';
import { BLOCK_HASH_COUNT, type CheckedTx, type InvalidReason } from './validate';

export type ApplyOutcome =
  | { kind: 'applied'; index: number; error?: DispatchErrorValue }
  | { kind: 'future' }
  | { kind: 'invalid'; reason: InvalidReason };

const PHASE_INITIALIZATION = new Uint8Array([2]);
/** `Phase::ApplyExtrinsic(u32)`: variant 0 then the index, little-endian. */
function phaseApply(index: number): Uint8Array {
  const bytes = new Uint8Array(5);
  new DataView(bytes.buffer).setUint32(1, index, true);
  return bytes;
}

export class BlockBuilder implements EventSink {
  readonly number: number;
  readonly store: Store;
  readonly ctx: DispatchContext;
  readonly #state: StorageState;
  readonly #parent: Block;
  #events: Uint8Array[] = [];
  #phase: Uint8Array = PHASE_INITIALIZATION;
  #extrinsics: string[] = [];

  constructor(
    readonly rt: Runtime,
    parent: Block,
  ) {
    if (!parent.state) throw new Error(`State of block ${parent.number} is pruned`);
    this.#parent = parent;
    this.number = parent.number + 1;
    this.#state = parent.state.child();
    this.store = new Store(rt, this.#state);
    this.ctx = {
      rt,
      store: this.store,
      blockNumber: this.number,
      deposit: (...args) => this.deposit(...args),
    };
  }

  deposit(pallet: string, event: string, fields: readonly unknown[]): void {
    // EventRecord { phase, event, topics: Vec<H256> = [] }
    this.#events.push(
      u8aConcat(this.#phase, encodeEvent(this.rt, pallet, event, fields), new Uint8Array([0])),
    );
  }

  initialize(): void {
    const { store } = this;
    store.write('System', 'Number', [], this.number);
    store.write('System', 'ParentHash', [], this.#parent.hash);
    store.write('System', 'BlockHash', [this.number - 1], this.#parent.hash);
    store.remove('System', 'Events');
    store.remove('System', 'EventCount');
    this.#phase = PHASE_INITIALIZATION;
    subtensorOnInitialize(this.ctx);
  }

  /** The `timestamp.set(now)` inherent every block starts with. */
  applyTimestamp(now: number): void {
    const previous = Number(this.store.get('Timestamp', 'Now', [], bigUint));
    const moment = Math.max(now, previous + 1);
    const set = this.rt.decorated.tx.timestamp?.set;
    if (!set) throw new Error('No timestamp.set in the metadata');
    this.#phase = phaseApply(this.#extrinsics.length);
    // A bare (unsigned) v4 extrinsic: version byte 0x04, call index, Compact<u64> moment.
    const body = u8aConcat(new Uint8Array([4]), set.callIndex, compactToU8a(moment));
    this.#extrinsics.push(u8aToHex(compactAddLength(body)));
    this.store.write('Timestamp', 'Now', [], moment);
    this.deposit('System', 'ExtrinsicSuccess', [
      { weight: { refTime: 9_000_000, proofSize: 1_500 }, class: 'Mandatory', paysFee: 'Yes' },
    ]);
  }

  /** pre_dispatch + dispatch of a pool transaction; `future`/`invalid` leave no trace in the block. */
  applySigned(tx: CheckedTx): ApplyOutcome {
    const { store, ctx } = this;
    if (tx.death !== undefined && this.number >= tx.death)
      return { kind: 'invalid', reason: 'AncientBirthBlock' };
    const account = store.account(tx.signer);
    if (tx.spec.paysFee && account.providers === 0 && account.sufficients === 0) {
      return { kind: 'invalid', reason: 'Payment' };
    }
    if (tx.nonce < account.nonce) return { kind: 'invalid', reason: 'Stale' };
    if (tx.nonce > account.nonce) return { kind: 'future' };
    const fee = transactionFee(tx.spec, tx.length);
    const charged = fee + tx.tip;
    if (account.data.free < charged) return { kind: 'invalid', reason: 'Payment' };

    const index = this.#extrinsics.length;
    this.#phase = phaseApply(index);
    this.#extrinsics.push(tx.hex);
    store.putAccount(tx.signer, {
      ...account,
      nonce: account.nonce + 1,
      data: { ...account.data, free: account.data.free - charged },
    });
    if (charged > 0n) {
      // Fees leave the issuance (this chain has no block author or treasury to pay).
      store.write(
        'Balances',
        'TotalIssuance',
        [],
        store.get('Balances', 'TotalIssuance', [], bigUint) - charged,
      );
      this.deposit('Balances', 'Withdraw', [tx.signer, charged]);
    }

    const savepoint = this.#state.savepoint();
    const eventMark = this.#events.length;
    let error: DispatchErrorValue | undefined;
    try {
      tx.spec.dispatch(ctx, tx.signer, tx.args);
    } catch (failure) {
      if (failure instanceof DispatchFailure) error = failure.value;
      else {
        console.error(`[local-chain] ${tx.section}.${tx.method} crashed:`, failure);
        error = { kind: 'other' };
      }
      this.#state.rollback(savepoint);
      this.#events.length = eventMark;
    }
    const info = { weight: tx.spec.weight, class: tx.spec.class, paysFee: tx.spec.paysFee ? 'Yes' : 'No' };
    this.deposit('TransactionPayment', 'TransactionFeePaid', [tx.signer, fee, tx.tip]);
    if (error) this.deposit('System', 'ExtrinsicFailed', [dispatchErrorJson(this.rt, error), info]);
    else this.deposit('System', 'ExtrinsicSuccess', [info]);
    return { kind: 'applied', index, error };
  }

  finalize(): Block {
    const { store } = this;
    const stale = this.number - BLOCK_HASH_COUNT - 1;
    if (stale > 0) store.remove('System', 'BlockHash', [stale]);
    const count = this.#events.length;
    store.writeRaw(
      'System',
      'Events',
      [],
      u8aConcat(this.rt.registry.createType('Compact<u32>', count).toU8a(), ...this.#events),
    );
    store.write('System', 'EventCount', [], count);
    this.#state.freeze();
    const { header, hash } = makeHeader(this.rt, {
      parentHash: this.#parent.hash,
      number: this.number,
      stateRoot: this.#state.root(),
      extrinsicsRoot: extrinsicsRoot(this.#extrinsics),
    });
    return { number: this.number, hash, header, extrinsics: [...this.#extrinsics], state: this.#state };
  }
}
