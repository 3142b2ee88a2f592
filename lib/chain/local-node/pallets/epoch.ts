/**
 * Subnet epochs. The current runtime keeps a stateful `SubnetEpochIndex`, seeded by its migration
 * from the legacy schedule `(block + netuid + 1) / (tempo + 1)`; this simulation keeps the storage
 * item equal to that formula every block, so the commitments space budget (`UsedSpaceOf.last_epoch`)
 * and commit-reveal windows (`RevealTooEarly` / `ExpiredWeightCommit`) turn over at the same blocks.
 */
import { hexToU8a, u8aToNumber } from '@polkadot/util';
import type { DispatchContext } from '../dispatch';
import { storagePrefix } from '../runtime';
import { bigUint, bool, type Store, uint } from '../store';

const PALLET = 'SubtensorModule';

export function tempoOf(store: Store, netuid: number): number {
  return store.get(PALLET, 'Tempo', [netuid], uint);
}

export function epochIndex(store: Store, netuid: number, block: number): number {
  return Math.floor((block + netuid + 1) / (tempoOf(store, netuid) + 1));
}

/** `blocks_until_next_epoch == 0`: the block at which the subnet's epoch (Yuma) runs. */
export function isEpochBlock(store: Store, netuid: number, block: number): boolean {
  const tempo = tempoOf(store, netuid);
  return tempo > 0 && (block + netuid + 1) % (tempo + 1) === tempo;
}

export function subnetExists(store: Store, netuid: number): boolean {
  return store.get(PALLET, 'NetworksAdded', [netuid], bool);
}

/** Every netuid with `NetworksAdded = true` (keys are the map prefix + the u16 netuid, Identity-hashed). */
export function allNetuids(store: Store): number[] {
  const prefix = storagePrefix(store.rt, PALLET, 'NetworksAdded');
  return store.state
    .keys(prefix)
    .map((key) => u8aToNumber(hexToU8a(key).subarray(-2)))
    .filter((netuid) => subnetExists(store, netuid));
}

/** SubtensorModule's `on_initialize` bookkeeping that the studio can observe. */
export function subtensorOnInitialize(ctx: DispatchContext): void {
  const { store, blockNumber } = ctx;
  for (const netuid of allNetuids(store)) {
    const index = epochIndex(store, netuid, blockNumber);
    if (store.get(PALLET, 'SubnetEpochIndex', [netuid], bigUint) !== BigInt(index)) {
      store.write(PALLET, 'SubnetEpochIndex', [netuid], index);
    }
    if (isEpochBlock(store, netuid, blockNumber)) {
      store.write(PALLET, 'BlocksSinceLastStep', [netuid], 0);
      store.write(PALLET, 'LastMechansimStepBlock', [netuid], blockNumber);
    } else {
      const since = store.get(PALLET, 'BlocksSinceLastStep', [netuid], bigUint);
      store.write(PALLET, 'BlocksSinceLastStep', [netuid], since + 1n);
    }
    if (store.get(PALLET, 'RegistrationsThisBlock', [netuid], uint) !== 0) {
      store.write(PALLET, 'RegistrationsThisBlock', [netuid], 0);
    }
  }
}
