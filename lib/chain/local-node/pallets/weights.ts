/**
 * Validator weights, from opentensor/subtensor pallets/subtensor/src/subnets/weights.rs:
 * `set_weights` (refused with `CommitRevealEnabled` while commit-reveal is on, then the
 * `do_set_weights` checks in order), CR v2 `commit_weights` (hash of the SCALE tuple, at most 10
 * unrevealed, rate-limited against LastUpdate) and `reveal_weights` (only in epoch
 * commit_epoch + RevealPeriodEpochs: earlier `RevealTooEarly`, later `ExpiredWeightCommit`).
 * Mechanism 0 only, so the storage index equals the netuid.
 */
import type { Codec } from '@polkadot/types/types';
import { blake2AsHex } from '@polkadot/util-crypto';
import { z } from 'zod';
import { type DispatchContext, DispatchFailure, ensure } from '../dispatch';
import { accountId, bigUint, bigUintVec, bool, type Store, u16Vec, uint } from '../store';
import { epochIndex, subnetExists, tempoOf } from './epoch';
import { ROOT_NETUID, subnetworkN, uidOf } from './registration';
import { checkVecMaxLimited, maxUpscaleToU16 } from './weights-math';

const PALLET = 'SubtensorModule';
const MAX_UNREVEALED = 10;

const h256 = z.string().regex(/^0x[0-9a-f]{64}$/i);
const weightCommits = z.array(z.tuple([h256, bigUint, bigUint, bigUint]));
type Commit = z.infer<typeof weightCommits>[number];

function fail(error: string): never {
  throw new DispatchFailure({ kind: 'module', pallet: PALLET, error });
}
const crEnabled = (store: Store, netuid: number) =>
  store.get(PALLET, 'CommitRevealWeightsEnabled', [netuid], bool);
const revealPeriod = (store: Store, netuid: number) =>
  Number(store.get(PALLET, 'RevealPeriodEpochs', [netuid], bigUint));

function lastUpdates(store: Store, netuid: number): bigint[] {
  return store.get(PALLET, 'LastUpdate', [netuid], bigUintVec);
}

function setLastUpdate(store: Store, netuid: number, uid: number, block: number): void {
  const updates = lastUpdates(store, netuid);
  while (updates.length <= uid) updates.push(0n);
  updates[uid] = BigInt(block);
  store.write(PALLET, 'LastUpdate', [netuid], updates);
}

/** `check_rate_limit`: never set (0) passes, else WeightsSetRateLimit blocks since LastUpdate. */
function checkRateLimit(store: Store, netuid: number, uid: number, block: number): boolean {
  if (uid >= subnetworkN(store, netuid)) return false;
  const last = lastUpdates(store, netuid)[uid] ?? 0n;
  if (last === 0n) return true;
  return BigInt(block) - last >= store.get(PALLET, 'WeightsSetRateLimit', [netuid], bigUint);
}

function isSelfWeight(uid: number, uids: number[], values: number[]): boolean {
  return values.length === 1 && uids[0] === uid;
}

function isOwnerHotkey(store: Store, netuid: number, hotkey: string): boolean {
  return store.get(PALLET, 'SubnetOwnerHotkey', [netuid], accountId) === hotkey;
}

function doSetWeights(
  ctx: DispatchContext,
  hotkey: string,
  netuid: number,
  uids: number[],
  values: number[],
  versionKey: bigint,
): void {
  const { store, blockNumber } = ctx;
  ensure(netuid !== ROOT_NETUID, PALLET, 'CanNotSetRootNetworkWeights');
  ensure(uids.length === values.length, PALLET, 'WeightVecNotEqualSize');
  ensure(subnetExists(store, netuid), PALLET, 'SubnetNotExists');
  const n = subnetworkN(store, netuid);
  ensure(uids.length <= n, PALLET, 'UidsLengthExceedUidsInSubNet');
  const uid = uidOf(store, netuid, hotkey);
  if (uid === undefined) fail('HotKeyNotRegisteredInSubNet');
  const owner = isOwnerHotkey(store, netuid, hotkey);
  const stake = store.get(PALLET, 'TotalHotkeyAlpha', [hotkey, netuid], bigUint);
  ensure(
    owner || stake >= store.get(PALLET, 'StakeThreshold', [], bigUint),
    PALLET,
    'NotEnoughStakeToSetWeights',
  );
  const networkKey = store.get(PALLET, 'WeightsVersionKey', [netuid], bigUint);
  ensure(networkKey === 0n || versionKey >= networkKey, PALLET, 'IncorrectWeightVersionKey');
  const commitReveal = crEnabled(store, netuid);
  if (!commitReveal) ensure(checkRateLimit(store, netuid, uid, blockNumber), PALLET, 'SettingWeightsTooFast');
  const permit = store.get(PALLET, 'ValidatorPermit', [netuid], z.array(bool))[uid] ?? false;
  ensure(owner || isSelfWeight(uid, uids, values) || permit, PALLET, 'NeuronNoValidatorPermit');
  ensure(new Set(uids).size === uids.length, PALLET, 'DuplicateUids');
  ensure(
    uids.every((target) => target < n),
    PALLET,
    'UidVecContainInvalidOne',
  );
  const minAllowed = Math.min(n, store.get(PALLET, 'MinAllowedWeights', [netuid], uint));
  ensure(isSelfWeight(uid, uids, values) || values.length >= minAllowed, PALLET, 'WeightVecLengthIsLow');
  const upscaled = maxUpscaleToU16(values);
  const maxLimit = store.get(PALLET, 'MaxWeightsLimit', [netuid], uint);
  ensure(
    isSelfWeight(uid, uids, values) || checkVecMaxLimited(upscaled, maxLimit),
    PALLET,
    'MaxWeightExceeded',
  );
  store.write(
    PALLET,
    'Weights',
    [netuid, uid],
    uids.map((target, i) => [target, upscaled[i] ?? 0]),
  );
  // With commit-reveal on, LastUpdate was already stamped by the commit.
  if (!commitReveal) setLastUpdate(store, netuid, uid, blockNumber);
  ctx.deposit(PALLET, 'WeightsSet', [netuid, uid]);
}

export function setWeights(ctx: DispatchContext, hotkey: string, args: readonly Codec[]): void {
  const netuid = uint.parse(args[0]?.toPrimitive());
  ensure(!crEnabled(ctx.store, netuid), PALLET, 'CommitRevealEnabled');
  doSetWeights(
    ctx,
    hotkey,
    netuid,
    u16Vec.parse(args[1]?.toPrimitive()),
    u16Vec.parse(args[2]?.toPrimitive()),
    bigUint.parse(args[3]?.toPrimitive()),
  );
}

/** Reveal window of a commit: the blocks of epoch commit_epoch + RevealPeriodEpochs. */
function revealBlocks(store: Store, netuid: number, commitBlock: number): [number, number] {
  const tempo = tempoOf(store, netuid);
  const revealEpoch = epochIndex(store, netuid, commitBlock) + revealPeriod(store, netuid);
  const first = Math.max(0, revealEpoch * (tempo + 1) - (netuid + 1));
  return [first, first + tempo];
}

function isExpired(store: Store, netuid: number, commitBlock: number, block: number): boolean {
  return (
    epochIndex(store, netuid, block) > epochIndex(store, netuid, commitBlock) + revealPeriod(store, netuid)
  );
}

export function commitWeights(ctx: DispatchContext, hotkey: string, args: readonly Codec[]): void {
  const { store, blockNumber } = ctx;
  const netuid = uint.parse(args[0]?.toPrimitive());
  const hash = h256.parse(args[1]?.toHex());
  ensure(crEnabled(store, netuid), PALLET, 'CommitRevealDisabled');
  const uid = uidOf(store, netuid, hotkey);
  if (uid === undefined) fail('HotKeyNotRegisteredInSubNet');
  ensure(checkRateLimit(store, netuid, uid, blockNumber), PALLET, 'CommittingWeightsTooFast');
  const commits = store.read(PALLET, 'WeightCommits', [netuid, hotkey], weightCommits) ?? [];
  while (commits[0] && isExpired(store, netuid, Number(commits[0][1]), blockNumber)) commits.shift();
  ensure(commits.length < MAX_UNREVEALED, PALLET, 'TooManyUnrevealedCommits');
  const [first, last] = revealBlocks(store, netuid, blockNumber);
  commits.push([hash, BigInt(blockNumber), BigInt(first), BigInt(last)]);
  store.write(PALLET, 'WeightCommits', [netuid, hotkey], commits);
  ctx.deposit(PALLET, 'WeightsCommitted', [hotkey, netuid, hash]);
  setLastUpdate(store, netuid, uid, blockNumber);
}

/** blake2_256(SCALE(AccountId32, u16, Vec<u16>, Vec<u16>, Vec<u16>, u64)), `get_commit_hash`. */
function commitHash(ctx: DispatchContext, hotkey: string, netuid: number, reveal: Reveal): string {
  const tuple = ctx.rt.registry.createType('(AccountId32, u16, Vec<u16>, Vec<u16>, Vec<u16>, u64)', [
    hotkey,
    netuid,
    reveal.uids,
    reveal.values,
    reveal.salt,
    reveal.versionKey,
  ]);
  return blake2AsHex(tuple.toU8a(), 256);
}

interface Reveal {
  uids: number[];
  values: number[];
  salt: number[];
  versionKey: bigint;
}

export function revealWeights(ctx: DispatchContext, hotkey: string, args: readonly Codec[]): void {
  const { store, blockNumber } = ctx;
  const netuid = uint.parse(args[0]?.toPrimitive());
  const reveal: Reveal = {
    uids: u16Vec.parse(args[1]?.toPrimitive()),
    values: u16Vec.parse(args[2]?.toPrimitive()),
    salt: u16Vec.parse(args[3]?.toPrimitive()),
    versionKey: bigUint.parse(args[4]?.toPrimitive()),
  };
  ensure(crEnabled(store, netuid), PALLET, 'CommitRevealDisabled');
  const commits: Commit[] | undefined = store.read(PALLET, 'WeightCommits', [netuid, hotkey], weightCommits);
  if (!commits) fail('NoWeightsCommitFound');
  const expired: string[] = [];
  while (commits[0] && isExpired(store, netuid, Number(commits[0][1]), blockNumber)) {
    const gone = commits.shift();
    if (gone) expired.push(gone[0]);
  }
  const hash = commitHash(ctx, hotkey, netuid, reveal);
  if (commits.length === 0) fail(expired.includes(hash) ? 'ExpiredWeightCommit' : 'NoWeightsCommitFound');
  const position = commits.findIndex(([candidate]) => candidate === hash);
  if (position < 0) fail(expired.includes(hash) ? 'ExpiredWeightCommit' : 'InvalidRevealCommitHashNotMatch');
  const commitBlock = Number(commits[position]?.[1] ?? 0n);
  const inWindow =
    epochIndex(store, netuid, blockNumber) ===
    epochIndex(store, netuid, commitBlock) + revealPeriod(store, netuid);
  ensure(inWindow, PALLET, 'RevealTooEarly');
  const remaining = commits.slice(position + 1);
  if (remaining.length === 0) store.remove(PALLET, 'WeightCommits', [netuid, hotkey]);
  else store.write(PALLET, 'WeightCommits', [netuid, hotkey], remaining);
  doSetWeights(ctx, hotkey, netuid, reveal.uids, reveal.values, reveal.versionKey);
  ctx.deposit(PALLET, 'WeightsRevealed', [hotkey, netuid, hash]);
}
