/**
 * Browser-only bridge to Polkadot wallet extensions (polkadot{.js}, Talisman, SubWallet, …).
 * `@polkadot/extension-dapp` touches `window` when imported, so this module is only ever loaded
 * with a dynamic import from a client component's event handler, never during server rendering.
 */
import { web3Accounts, web3Enable, web3FromAddress } from '@polkadot/extension-dapp';
import { stringToHex } from '@polkadot/util';
import { SIGN_IN_KEY_TYPES, toSubstrateAddress } from '../auth/address';
import { APP_NAME } from '../auth/message';
import { SS58_PREFIX } from '../ss58';

export interface WalletAccount {
  address: string;
  name: string | null;
  source: string;
  type: string;
}

export class WalletError extends Error {
  override name = 'WalletError';
  constructor(
    readonly code: 'no_extension' | 'no_accounts' | 'cannot_sign' | 'rejected',
    message: string,
  ) {
    super(message);
  }
}

/** Accounts that can sign in: sr25519/ed25519 Substrate keys, shown with the SS58 prefix 42. */
export async function listSigningAccounts(): Promise<WalletAccount[]> {
  const extensions = await web3Enable(APP_NAME);
  if (extensions.length === 0) {
    throw new WalletError(
      'no_extension',
      'No Polkadot wallet extension answered. Install polkadot{.js}, Talisman or SubWallet, allow this site in it, then try again.',
    );
  }
  const accounts = await web3Accounts({ ss58Format: SS58_PREFIX, accountType: [...SIGN_IN_KEY_TYPES] });
  const usable = accounts.flatMap((account) => {
    // Extensions pass Ethereum (20-byte) accounts through unchanged; they cannot hold a hotkey.
    const address = toSubstrateAddress(account.address);
    const type = account.type ?? 'sr25519';
    if (!address || !(SIGN_IN_KEY_TYPES as readonly string[]).includes(type)) return [];
    return [{ address, name: account.meta.name ?? null, source: account.meta.source, type }];
  });
  if (usable.length === 0) {
    throw new WalletError(
      'no_accounts',
      'Your wallet has no sr25519 or ed25519 Substrate account to sign in with. Create or import one, then try again.',
    );
  }
  return usable;
}

/** Asks the extension to sign a human-readable message; the extension wraps it in <Bytes>…</Bytes>. */
export async function signMessage(address: string, message: string): Promise<string> {
  const injector = await web3FromAddress(address);
  const signRaw = injector.signer.signRaw;
  if (!signRaw) throw new WalletError('cannot_sign', 'This wallet extension cannot sign messages.');
  try {
    const { signature } = await signRaw({ address, data: stringToHex(message), type: 'bytes' });
    return signature;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new WalletError('rejected', `The wallet did not sign the message (${reason}).`);
  }
}
