/**
 * Typed access to the simulated chain's storage by pallet and item name. Keys and values are built
 * from the metadata (runtime.ts), values come back as plain JS checked with zod, so pallet code
 * reads like the Rust it mirrors: `store.read('SubtensorModule', 'Tempo', [netuid], u16)`.
 */
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { z } from 'zod';
import { encodeValue, type Runtime, storageFallback, storageKey, storageValueType } from './runtime';
import type { StorageState } from './state';

/** Integers as polkadot.js' `toPrimitive` gives them: numbers, or decimal strings past 2^52. */
export const uint = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(Number);
export const bigUint = z
  .union([z.number().int().nonnegative(), z.string().regex(/^(\d+|0x[0-9a-f]+)$/i), z.bigint()])
  .transform((value) => BigInt(value));
export const bool = z.boolean();
export const accountId = z.string().min(40);
export const u16Vec = z.array(uint);
export const bigUintVec = z.array(bigUint);
export const boolVec = z.array(bool);

export const accountInfo = z.object({
  nonce: uint,
  consumers: uint,
  providers: uint,
  sufficients: uint,
  data: z.object({ free: bigUint, reserved: bigUint, frozen: bigUint, flags: bigUint }),
});
export type AccountInfo = z.infer<typeof accountInfo>;

export class Store {
  constructor(
    readonly rt: Runtime,
    readonly state: StorageState,
  ) {}

  key(pallet: string, item: string, args: readonly unknown[] = []): string {
    return storageKey(this.rt, pallet, item, args);
  }

  has(pallet: string, item: string, args: readonly unknown[] = []): boolean {
    return this.state.get(this.key(pallet, item, args)) !== undefined;
  }

  /** The stored value, or the item's default (`ValueQuery`), or undefined for an absent `Option` item. */
  read<T extends z.ZodType>(
    pallet: string,
    item: string,
    args: readonly unknown[],
    schema: T,
  ): z.output<T> | undefined {
    const raw = this.state.get(this.key(pallet, item, args));
    const codec =
      raw === undefined
        ? storageFallback(this.rt, pallet, item)
        : this.rt.registry.createType(storageValueType(this.rt, pallet, item), hexToU8a(raw));
    return codec === undefined ? undefined : schema.parse(codec.toPrimitive());
  }

  /** Like `read`, for items whose default is a value (never undefined). */
  get<T extends z.ZodType>(pallet: string, item: string, args: readonly unknown[], schema: T): z.output<T> {
    const value = this.read(pallet, item, args, schema);
    if (value === undefined) throw new Error(`${pallet}.${item} has no value and no default`);
    return value;
  }

  write(pallet: string, item: string, args: readonly unknown[], value: unknown): void {
    const bytes = encodeValue(this.rt, storageValueType(this.rt, pallet, item), value);
    this.state.set(this.key(pallet, item, args), u8aToHex(bytes));
  }

  /** Stores bytes that are already the SCALE encoding of the item's value type. */
  writeRaw(pallet: string, item: string, args: readonly unknown[], bytes: Uint8Array): void {
    this.state.set(this.key(pallet, item, args), u8aToHex(bytes));
  }

  remove(pallet: string, item: string, args: readonly unknown[] = []): void {
    this.state.set(this.key(pallet, item, args), null);
  }

  account(who: string): AccountInfo {
    return this.get('System', 'Account', [who], accountInfo);
  }

  putAccount(who: string, info: AccountInfo): void {
    this.write('System', 'Account', [who], info);
  }
}
