/**
 * Genesis state of the simulated chain. Deterministic, so the genesis hash is a pure function of
 * these options (documented in README "Local chain"):
 *
 * - //Alice … //Ferdie (sr25519 dev keys) hold 1 000 000 TAO each; Alice is the sudo key.
 * - netuid 0 (root) and netuid 1 (the Genki-Dama test subnet) exist. Netuid 1 is owned by //Ferdie,
 *   whose hotkey (also //Ferdie) holds uid 0 as on a freshly created subnet; tempo 360, commit-reveal
 *   on (reveal period 1 epoch), weights rate limit 100 blocks, min allowed weights 1, burn 0.001 TAO,
 *   up to 4 registrations per block, 256 uids.
 * - frame_system's genesis markers (`hash69` parent / block-0 hash), as a real chain spec writes.
 */
import { Keyring } from '@polkadot/keyring';
import type { DispatchContext } from './dispatch';
import { registerNeuron } from './pallets/registration';
import type { Runtime } from './runtime';
import { StorageState } from './state';
import { Store } from './store';

export const GENKI_NETUID = 1;
export const DEV_ACCOUNT_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'] as const;
export const DEV_BALANCE = 1_000_000n * 1_000_000_000n;

export interface GenesisOptions {
  /** Tempo of the Genki netuid in blocks (finney's default and minimum is 360). */
  tempo: number;
  /** Whether commit-reveal is on for the Genki netuid (on, as on every finney subnet since 2025). */
  commitReveal: boolean;
  /** `WeightsSetRateLimit` of the Genki netuid, in blocks. */
  weightsRateLimit: number;
  /** Registration burn of the Genki netuid, in rao. */
  burn: bigint;
}

export const DEFAULT_GENESIS: GenesisOptions = {
  tempo: 360,
  commitReveal: true,
  weightsRateLimit: 100,
  burn: 1_000_000n,
};

export function devAddresses(): Record<(typeof DEV_ACCOUNT_NAMES)[number], string> {
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const out = {} as Record<(typeof DEV_ACCOUNT_NAMES)[number], string>;
  for (const name of DEV_ACCOUNT_NAMES) out[name] = keyring.addFromUri(`//${name}`).address;
  return out;
}

const HASH69 = `0x${'69'.repeat(32)}`;

export function buildGenesisState(rt: Runtime, options: GenesisOptions = DEFAULT_GENESIS): StorageState {
  const state = StorageState.fromEntries([]);
  const store = new Store(rt, state);
  const dev = devAddresses();

  store.write('System', 'ParentHash', [], HASH69);
  store.write('System', 'BlockHash', [0], HASH69);
  store.write('System', 'UpgradedToU32RefCount', [], true);
  store.write('System', 'UpgradedToTripleRefCount', [], true);
  store.write('System', 'LastRuntimeUpgrade', [], {
    specVersion: rt.version.specVersion,
    specName: rt.version.specName,
  });
  for (const address of Object.values(dev)) {
    store.putAccount(address, {
      nonce: 0,
      consumers: 0,
      providers: 1,
      sufficients: 0,
      data: { free: DEV_BALANCE, reserved: 0n, frozen: 0n, flags: 1n << 127n },
    });
  }
  store.write('Balances', 'TotalIssuance', [], DEV_BALANCE * BigInt(DEV_ACCOUNT_NAMES.length));
  store.write('Sudo', 'Key', [], dev.Alice);

  const S = 'SubtensorModule';
  store.write(S, 'TotalNetworks', [], 2);
  store.write(S, 'NetworksAdded', [0], true);
  store.write(S, 'Tempo', [0], 100);
  store.write(S, 'NetworkRegistrationAllowed', [0], false);

  const n = GENKI_NETUID;
  store.write(S, 'NetworksAdded', [n], true);
  store.write(S, 'Tempo', [n], options.tempo);
  store.write(S, 'SubnetMechanism', [n], 1);
  store.write(S, 'SubtokenEnabled', [n], true);
  store.write(S, 'MaxAllowedUids', [n], 256);
  store.write(S, 'MaxRegistrationsPerBlock', [n], 4);
  store.write(S, 'MinAllowedWeights', [n], 1);
  store.write(S, 'MaxWeightsLimit', [n], 65535);
  store.write(S, 'WeightsSetRateLimit', [n], options.weightsRateLimit);
  store.write(S, 'CommitRevealWeightsEnabled', [n], options.commitReveal);
  store.write(S, 'RevealPeriodEpochs', [n], 1);
  store.write(S, 'ImmunityPeriod', [n], 4096);
  store.write(S, 'Burn', [n], options.burn);
  store.write(S, 'SubnetOwner', [n], dev.Ferdie);
  store.write(S, 'SubnetOwnerHotkey', [n], dev.Ferdie);

  // The owner's hotkey takes uid 0 when a subnet is created; genesis events are discarded.
  const ctx: DispatchContext = { rt, store, blockNumber: 0, deposit: () => {} };
  registerNeuron(ctx, n, dev.Ferdie, dev.Ferdie);
  return state;
}
