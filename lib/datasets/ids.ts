/**
 * Opaque ids for dataset-studio rows: a short type prefix and 16 base62 characters from the CSPRNG
 * (≈ 95 bits), so ids are unguessable (a private dataset's id is not a capability, but it should not
 * be enumerable either) and readable in logs ("ds_…" is a dataset, "clip_…" a clip).
 */
import { randomBytes } from 'node:crypto';

export const ID_PREFIXES = { dataset: 'ds', clip: 'clip', import: 'imp', item: 'item' } as const;
export type IdPrefix = (typeof ID_PREFIXES)[keyof typeof ID_PREFIXES];

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ID_LENGTH = 16;
/** The largest multiple of 62 below 256: bytes at or above it are dropped, so every character is uniform. */
const UNBIASED_LIMIT = 248;

export function newId(prefix: IdPrefix): string {
  let out = '';
  while (out.length < ID_LENGTH) {
    for (const byte of randomBytes(ID_LENGTH * 2)) {
      if (byte >= UNBIASED_LIMIT) continue;
      out += ALPHABET[byte % 62];
      if (out.length === ID_LENGTH) break;
    }
  }
  return `${prefix}_${out}`;
}

const ID_PATTERN = /^[a-z]{2,4}_[A-Za-z0-9]{10,32}$/;

/** True when `value` has the shape of one of our ids with this prefix (route params are checked with it). */
export function isId(value: string, prefix: IdPrefix): boolean {
  return ID_PATTERN.test(value) && value.startsWith(`${prefix}_`);
}
