/**
 * The few Balances / System calls a dev flow needs besides the subnet calls: moving test TAO around
 * (`transfer_allow_death`, `transfer_keep_alive`) and remarks. Failures use the fungible-trait
 * token errors the real pallet returns (FundsUnavailable, NotExpendable, BelowMinimum).
 */
import type { Codec } from '@polkadot/types/types';
import { blake2AsHex } from '@polkadot/util-crypto';
import { z } from 'zod';
import { type DispatchContext, DispatchFailure } from '../dispatch';
import { accountId, bigUint, type Store } from '../store';

const multiAddressId = z.object({ id: accountId });

export function existentialDeposit(store: Store): bigint {
  return BigInt(store.rt.decorated.consts.balances?.existentialDeposit?.toString() ?? '500');
}

/** Credits `amount` to `who`, creating the account (providers = 1) with the real events if new. */
export function deposit(ctx: DispatchContext, who: string, amount: bigint): void {
  const { store } = ctx;
  const account = store.account(who);
  const isNew = account.providers === 0 && account.data.free === 0n;
  store.putAccount(who, {
    ...account,
    providers: isNew ? 1 : account.providers,
    data: {
      ...account.data,
      free: account.data.free + amount,
      flags: isNew ? 1n << 127n : account.data.flags,
    },
  });
  if (isNew) {
    ctx.deposit('System', 'NewAccount', [who]);
    ctx.deposit('Balances', 'Endowed', [who, amount]);
  }
}

function transfer(ctx: DispatchContext, from: string, args: readonly Codec[], keepAlive: boolean): void {
  const { store } = ctx;
  const to = multiAddressId.parse(args[0]?.toPrimitive()).id;
  const amount = bigUint.parse(args[1]?.toPrimitive());
  const source = store.account(from);
  if (source.data.free < amount) throw new DispatchFailure({ kind: 'token', error: 'FundsUnavailable' });
  const ed = existentialDeposit(store);
  if (keepAlive && source.data.free - amount < ed)
    throw new DispatchFailure({ kind: 'token', error: 'NotExpendable' });
  const target = store.account(to);
  if (target.providers === 0 && target.data.free + amount < ed) {
    throw new DispatchFailure({ kind: 'token', error: 'BelowMinimum' });
  }
  store.putAccount(from, { ...source, data: { ...source.data, free: source.data.free - amount } });
  if (from !== to) deposit(ctx, to, amount);
  else store.putAccount(from, source);
  ctx.deposit('Balances', 'Transfer', [from, to, amount]);
}

export const transferAllowDeath = (ctx: DispatchContext, from: string, args: readonly Codec[]) =>
  transfer(ctx, from, args, false);
export const transferKeepAlive = (ctx: DispatchContext, from: string, args: readonly Codec[]) =>
  transfer(ctx, from, args, true);

export function remark(): void {}

export function remarkWithEvent(ctx: DispatchContext, sender: string, args: readonly Codec[]): void {
  ctx.deposit('System', 'Remarked', [sender, blake2AsHex(args[0]?.toU8a(true) ?? new Uint8Array(), 256)]);
}
