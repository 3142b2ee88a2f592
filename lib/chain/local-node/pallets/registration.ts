/**
 * `SubtensorModule.burned_register(netuid, hotkey)`, signed by the coldkey that pays the burn, with
 * the current runtime's checks in order and its storage writes (Keys, Uids, SubnetworkN,
 * BlockAtRegistration, the per-uid vectors, hotkey ownership) and `NeuronRegistered` event.
 * Simplified: the burn is not adjusted over time, registration intervals are not limited, and a
 * full subnet refuses (`NoNeuronIdAvailable`) instead of pruning its lowest-scoring neuron.
 */
import type { Codec } from '@polkadot/types/types';
import { z } from 'zod';
import { type DispatchContext, DispatchFailure, ensure } from '../dispatch';
import { hasStorageItem } from '../runtime';
import { accountId, bigUint, bool, type Store, uint } from '../store';
import { subnetExists } from './epoch';

const PALLET = 'SubtensorModule';
export const ROOT_NETUID = 0;

/** Per-uid vectors a new neuron is appended to, with its initial value (when in the metadata). */
const NEURON_VECTORS: [string, (block: number) => unknown][] = [
  ['Active', () => true],
  ['Consensus', () => 0],
  ['Incentive', () => 0],
  ['Dividends', () => 0],
  ['Emission', () => 0],
  ['Rank', () => 0],
  ['Trust', () => 0],
  ['ValidatorTrust', () => 0],
  ['PruningScores', () => 65535],
  ['ValidatorPermit', () => false],
  // The chain stamps LastUpdate with the registration block: the weights rate limit counts from it.
  ['LastUpdate', (block) => block],
];

export function uidOf(store: Store, netuid: number, hotkey: string): number | undefined {
  return store.read(PALLET, 'Uids', [netuid, hotkey], uint);
}

export function isRegistered(store: Store, netuid: number, hotkey: string): boolean {
  return uidOf(store, netuid, hotkey) !== undefined;
}

export function subnetworkN(store: Store, netuid: number): number {
  return store.get(PALLET, 'SubnetworkN', [netuid], uint);
}

function pushToVec(store: Store, item: string, netuid: number, value: unknown): void {
  if (!hasStorageItem(store.rt, PALLET, item)) return;
  const current = store.get(PALLET, item, [netuid], z.array(z.unknown()));
  store.write(PALLET, item, [netuid], [...current, value]);
}

function addToList(store: Store, item: string, owner: string, hotkey: string): void {
  const list = store.get(PALLET, item, [owner], z.array(accountId));
  if (!list.includes(hotkey)) store.write(PALLET, item, [owner], [...list, hotkey]);
}

/** `create_account_if_non_existent` + the ownership check of `do_burned_registration`. */
function associateHotkey(store: Store, coldkey: string, hotkey: string): void {
  const owner = store.has(PALLET, 'Owner', [hotkey])
    ? store.get(PALLET, 'Owner', [hotkey], accountId)
    : undefined;
  if (owner !== undefined && owner !== coldkey) {
    throw new DispatchFailure({ kind: 'module', pallet: PALLET, error: 'NonAssociatedColdKey' });
  }
  if (owner === undefined) {
    store.write(PALLET, 'Owner', [hotkey], coldkey);
    addToList(store, 'OwnedHotkeys', coldkey, hotkey);
    addToList(store, 'StakingHotkeys', coldkey, hotkey);
  }
}

/** `append_neuron`: the next uid, or `NoNeuronIdAvailable` when the subnet is full. */
export function appendNeuron(ctx: DispatchContext, netuid: number, hotkey: string): number {
  const { store, blockNumber } = ctx;
  const uid = subnetworkN(store, netuid);
  const maxUids = store.get(PALLET, 'MaxAllowedUids', [netuid], uint);
  ensure(uid < maxUids, PALLET, 'NoNeuronIdAvailable');
  store.write(PALLET, 'Keys', [netuid, uid], hotkey);
  store.write(PALLET, 'Uids', [netuid, hotkey], uid);
  store.write(PALLET, 'SubnetworkN', [netuid], uid + 1);
  store.write(PALLET, 'BlockAtRegistration', [netuid, uid], blockNumber);
  store.write(PALLET, 'IsNetworkMember', [hotkey, netuid], true);
  for (const [item, initial] of NEURON_VECTORS) pushToVec(store, item, netuid, initial(blockNumber));
  return uid;
}

/** Registration without a burn or per-block limits: the dev control surface and genesis use it. */
export function registerNeuron(
  ctx: DispatchContext,
  netuid: number,
  hotkey: string,
  coldkey: string,
): number {
  ensure(subnetExists(ctx.store, netuid), PALLET, 'SubnetNotExists');
  ensure(!isRegistered(ctx.store, netuid, hotkey), PALLET, 'HotKeyAlreadyRegisteredInSubNet');
  associateHotkey(ctx.store, coldkey, hotkey);
  const uid = appendNeuron(ctx, netuid, hotkey);
  ctx.deposit(PALLET, 'NeuronRegistered', [netuid, uid, hotkey]);
  return uid;
}

export function burnedRegister(ctx: DispatchContext, coldkey: string, args: readonly Codec[]): void {
  const { store } = ctx;
  const netuid = uint.parse(args[0]?.toPrimitive());
  const hotkey = accountId.parse(args[1]?.toString());
  ensure(netuid !== ROOT_NETUID, PALLET, 'RegistrationNotPermittedOnRootSubnet');
  ensure(subnetExists(store, netuid), PALLET, 'SubnetNotExists');
  ensure(
    store.get(PALLET, 'NetworkRegistrationAllowed', [netuid], bool),
    PALLET,
    'SubNetRegistrationDisabled',
  );
  const thisBlock = store.get(PALLET, 'RegistrationsThisBlock', [netuid], uint);
  ensure(
    thisBlock < store.get(PALLET, 'MaxRegistrationsPerBlock', [netuid], uint),
    PALLET,
    'TooManyRegistrationsThisBlock',
  );
  ensure(!isRegistered(store, netuid, hotkey), PALLET, 'HotKeyAlreadyRegisteredInSubNet');
  const cost = store.get(PALLET, 'Burn', [netuid], bigUint);
  const account = store.account(coldkey);
  ensure(account.data.free >= cost, PALLET, 'NotEnoughBalanceToStake');
  associateHotkey(store, coldkey, hotkey);

  // The burn leaves the coldkey and the total issuance (the chain recycles it; no one receives it).
  store.putAccount(coldkey, { ...account, data: { ...account.data, free: account.data.free - cost } });
  const issuance = store.get('Balances', 'TotalIssuance', [], bigUint);
  store.write('Balances', 'TotalIssuance', [], issuance - cost);
  ctx.deposit('Balances', 'Withdraw', [coldkey, cost]);

  const uid = appendNeuron(ctx, netuid, hotkey);
  store.write(PALLET, 'RegistrationsThisBlock', [netuid], thisBlock + 1);
  const interval = store.get(PALLET, 'BurnRegistrationsThisInterval', [netuid], uint);
  store.write(PALLET, 'BurnRegistrationsThisInterval', [netuid], interval + 1);
  ctx.deposit(PALLET, 'NeuronRegistered', [netuid, uid, hotkey]);
}
