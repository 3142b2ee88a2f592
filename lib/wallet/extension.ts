/**
 * Browser-only bridge to Polkadot wallet extensions (polkadot{.js}, Talisman, SubWallet, …).
 * `@polkadot/extension-dapp` touches `window` when imported, so this module is only ever loaded
 * with a dynamic import from a client component's event handler, never during server rendering.
 */
import { web3Accounts, web3Enable, web3FromSource } from '@polkadot/extension-dapp';
import type { Signer } from '@polkadot/types/types';
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

/**
 * Asks the extension the account was listed from to sign a human-readable message; the extension
 * wraps it in <Bytes>…</Bytes>. By source, as injectedSigner: the account may be in two extensions.
 */
export async function signMessage(
  account: { address: string; source: string },
  message: string,
): Promise<string> {
  const { address } = account;
  const injector = await web3FromSource(account.source);
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

/** An account that can act as a Bittensor hotkey, with the chain the wallet restricts it to (if any). */
export interface HotkeyAccount extends WalletAccount {
  genesisHash: string | null;
}

export interface HotkeyAccounts {
  accounts: HotkeyAccount[];
  /** Accounts left out because they cannot be hotkeys, counted by key type. */
  hidden: { type: string; count: number }[];
}

/**
 * The wallet's sr25519 accounts: Bittensor hotkeys are sr25519 keys (btcli makes nothing else), so
 * an ed25519, ECDSA or Ethereum account can never be a registered hotkey. The others are counted,
 * not listed, so the page can say why they are missing.
 */
export async function listHotkeyAccounts(): Promise<HotkeyAccounts> {
  const extensions = await web3Enable(APP_NAME);
  if (extensions.length === 0) {
    throw new WalletError(
      'no_extension',
      'No Polkadot wallet extension answered. Install polkadot{.js}, Talisman or SubWallet, allow this site in it, then try again.',
    );
  }
  const accounts: HotkeyAccount[] = [];
  const hidden = new Map<string, number>();
  for (const account of await web3Accounts({ ss58Format: SS58_PREFIX })) {
    const type = account.type ?? 'sr25519';
    const address = type === 'ethereum' ? undefined : toSubstrateAddress(account.address);
    if (!address || type !== 'sr25519') {
      hidden.set(type, (hidden.get(type) ?? 0) + 1);
      continue;
    }
    accounts.push({
      address,
      name: account.meta.name ?? null,
      source: account.meta.source,
      type,
      genesisHash: account.meta.genesisHash ?? null,
    });
  }
  return { accounts, hidden: [...hidden].map(([type, count]) => ({ type, count })) };
}

/**
 * The transaction signer of the extension the account was listed from (it signs the full
 * SignerPayloadJSON). By source, not address: the same hotkey imported in two extensions must be
 * signed by the one the miner picked, which web3FromAddress (first extension holding it) ignores.
 */
export async function injectedSigner(account: { source: string }): Promise<Signer> {
  const injector = await web3FromSource(account.source);
  if (!injector.signer.signPayload) {
    throw new WalletError('cannot_sign', 'This wallet extension cannot sign transactions.');
  }
  return injector.signer;
}
