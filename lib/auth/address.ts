/**
 * Substrate account addresses. Genki-Dama lives on Bittensor, whose hotkeys and coldkeys are
 * 32-byte sr25519 (or ed25519) public keys shown in SS58 with the generic prefix 42. Ethereum-style
 * 20-byte accounts and ECDSA keys cannot hold a hotkey, so they are refused everywhere.
 */
import { decodeAddress, encodeAddress } from '@polkadot/util-crypto';
import { SS58_PREFIX } from '../ss58';

export const SIGN_IN_KEY_TYPES = ['sr25519', 'ed25519'] as const;
export type SignInKeyType = (typeof SIGN_IN_KEY_TYPES)[number];

/** Returns the address re-encoded with prefix 42, or undefined when it is not a 32-byte Substrate key. */
export function toSubstrateAddress(input: string): string | undefined {
  if (typeof input !== 'string' || input.length < 40 || input.length > 60 || input.startsWith('0x'))
    return undefined;
  try {
    const publicKey = decodeAddress(input);
    if (publicKey.length !== 32) return undefined;
    return encodeAddress(publicKey, SS58_PREFIX);
  } catch {
    return undefined;
  }
}

/** "5Grw…utQY": enough to recognise an account at a glance. */
export function shortAddress(address: string): string {
  return address.length <= 12 ? address : `${address.slice(0, 5)}…${address.slice(-4)}`;
}
