/** Well-known Substrate development keys (//Alice, //Bob, …): public test vectors, never real funds. */
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';

export async function devKeys(): Promise<{
  alice: KeyringPair;
  bob: KeyringPair;
  edward: KeyringPair;
  eve: KeyringPair;
  ethan: KeyringPair;
}> {
  await cryptoWaitReady();
  const keyring = new Keyring({ ss58Format: 42 });
  return {
    alice: keyring.addFromUri('//Alice', { name: 'Alice' }, 'sr25519'),
    bob: keyring.addFromUri('//Bob', { name: 'Bob' }, 'sr25519'),
    edward: keyring.addFromUri('//Edward', { name: 'Edward (ed25519)' }, 'ed25519'),
    eve: keyring.addFromUri('//Eve', { name: 'Eve (ecdsa)' }, 'ecdsa'),
    // Ethereum keys take no //hard derivation; any fixed 32-byte seed will do for a test account.
    ethan: keyring.addFromSeed(new Uint8Array(32).fill(7), { name: 'Ethan (ethereum)' }, 'ethereum'),
  };
}
