/**
 * `Commitments.set_commitment(netuid, info)` as in opentensor/subtensor pallets/commitments: only a
 * hotkey registered on the netuid may commit (`AccountNotAllowedCommit`), at most `MaxFields` (3)
 * fields, and a per-(netuid, hotkey) byte budget of `MaxSpace` (3100) per subnet epoch where each
 * call costs max(100, Σ field lengths) (`SpaceLimitExceeded`). Each call replaces the whole
 * `CommitmentOf` entry (deposit 0, current block, info) and `LastCommitment`, and emits `Commitment`.
 */
import type { Enum, Struct, Vec } from '@polkadot/types';
import type { Codec } from '@polkadot/types/types';
import { u8aConcat } from '@polkadot/util';
import { z } from 'zod';
import { type DispatchContext, ensure } from '../dispatch';
import { accountId, bigUint, uint } from '../store';
import { epochIndex } from './epoch';
import { isRegistered } from './registration';

const PALLET = 'Commitments';
const MIN_USED_SPACE = 100n;

const usedSpace = z.object({ lastEpoch: bigUint, usedSpace: bigUint });
const timelockIndex = z.array(z.tuple([uint, accountId]));

/** `Data::len_for_rate_limit`: the bytes a field stores (hash variants count their 32 bytes). */
function lenForRateLimit(field: Enum): bigint {
  const kind = field.type;
  if (kind === 'None' || kind === 'ResetBondsFlag') return 0n;
  if (kind === 'TimelockEncrypted') {
    const encrypted = (field.value as Struct).get('encrypted');
    return BigInt(encrypted ? encrypted.toU8a(true).length : 0);
  }
  // RawN ([u8; N]), BigRaw (Vec<u8>) and the 32-byte hash variants: their bare bytes.
  return BigInt(field.value.toU8a(true).length);
}

function updateTimelockIndex(ctx: DispatchContext, netuid: number, who: string, present: boolean): void {
  const index = ctx.store.get(PALLET, 'TimelockedIndex', [], timelockIndex);
  const others = index.filter(([n, account]) => !(n === netuid && account === who));
  const next = present ? [...others, [netuid, who]] : others;
  if (next.length !== index.length || present) ctx.store.write(PALLET, 'TimelockedIndex', [], next);
}

export function setCommitment(ctx: DispatchContext, who: string, args: readonly Codec[]): void {
  const { store, blockNumber, rt } = ctx;
  const netuid = uint.parse(args[0]?.toPrimitive());
  const info = args[1] as Struct | undefined;
  const fields = info?.get('fields') as Vec<Enum> | undefined;
  if (!info || !fields) throw new Error('set_commitment without info');

  ensure(isRegistered(store, netuid, who), PALLET, 'AccountNotAllowedCommit');
  const maxFields = Number(rt.decorated.consts.commitments?.maxFields?.toString() ?? '3');
  ensure(fields.length <= maxFields, PALLET, 'TooManyFieldsInCommitmentInfo');

  let required = 0n;
  for (const field of fields) required += lenForRateLimit(field);
  if (required < MIN_USED_SPACE) required = MIN_USED_SPACE;

  const epoch = BigInt(epochIndex(store, netuid, blockNumber));
  const stored = store.read(PALLET, 'UsedSpaceOf', [netuid, who], usedSpace);
  const usage = stored && stored.lastEpoch === epoch ? stored : { lastEpoch: epoch, usedSpace: 0n };

  if (fields.some((field) => field.type === 'ResetBondsFlag')) {
    store.write(PALLET, 'LastBondsReset', [netuid, who], blockNumber);
  }
  const maxSpace = store.get(PALLET, 'MaxSpace', [], bigUint);
  ensure(usage.usedSpace + required <= maxSpace, PALLET, 'SpaceLimitExceeded');
  store.write(PALLET, 'UsedSpaceOf', [netuid, who], {
    lastEpoch: epoch,
    usedSpace: usage.usedSpace + required,
  });

  // Registration { deposit: u64 = 0, block: u32, info }: the info bytes exactly as submitted.
  const header = rt.registry.createType('(u64, u32)', [0, blockNumber]).toU8a();
  store.writeRaw(PALLET, 'CommitmentOf', [netuid, who], u8aConcat(header, info.toU8a()));
  store.write(PALLET, 'LastCommitment', [netuid, who], blockNumber);

  const timelocked = fields.find((field) => field.type === 'TimelockEncrypted');
  if (timelocked) {
    const revealRound = (timelocked.value as Struct).get('revealRound');
    ctx.deposit(PALLET, 'TimelockCommitment', [netuid, who, revealRound?.toPrimitive() ?? 0]);
    updateTimelockIndex(ctx, netuid, who, true);
  } else {
    ctx.deposit(PALLET, 'Commitment', [netuid, who]);
    updateTimelockIndex(ctx, netuid, who, false);
  }
}
