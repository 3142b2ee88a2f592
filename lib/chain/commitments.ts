/**
 * Reading `Commitments.CommitmentOf` for a netuid. Values are fetched as raw storage bytes and
 * decoded one by one, so a malformed entry (bytes that do not decode, another `Data` variant, no
 * field, several fields, non-UTF-8 bytes) becomes a typed problem on that entry instead of failing
 * the whole read. Entries are intersected with the current `Keys` (entries outlive deregistration).
 * The Genki-Dama string codec (commitment-codec.ts) plugs in on `raw` / `text`.
 */
import type { Enum, Struct, Vec } from '@polkadot/types';
import { hexToU8a } from '@polkadot/util';
import { encodeAddress } from '@polkadot/util-crypto';
import { z } from 'zod';
import type { ChainConnection } from './connection';
import type { Metagraph } from './metagraph';
import { type BlockRef, bigValue, storageEntry } from './query';

export type CommitmentProblemCode =
  | 'undecodable'
  | 'no_fields'
  | 'several_fields'
  | 'not_raw'
  | 'empty'
  | 'not_utf8'
  | 'not_registered'
  | 'before_registration';

export interface CommitmentProblem {
  code: CommitmentProblemCode;
  message: string;
}

export interface CommitmentField {
  /** The `Data` variant: `Raw0`…`Raw128`, `BigRaw`, `Sha256`, `TimelockEncrypted`, `None`, … */
  type: string;
  /** Its bytes (the encrypted bytes for TimelockEncrypted; empty for None / ResetBondsFlag). */
  bytes: Uint8Array;
}

export interface ChainCommitment {
  netuid: number;
  hotkey: string;
  /** The uid the hotkey holds now, or null if it is no longer registered. */
  uid: number | null;
  /** Block the commitment was made at (null when the value does not decode). */
  block: number | null;
  fields: CommitmentField[];
  /** The first field's `Data` variant when it is `RawN` (what every reader uses), else null. */
  rawType: string | null;
  /** The first field's bytes when it is `RawN`: the input of the Genki-Dama commitment codec. */
  raw: Uint8Array | null;
  /** `raw` as strict UTF-8, or null when it is not valid UTF-8. */
  text: string | null;
  problems: CommitmentProblem[];
  /** The storage value as stored (SCALE, hex). */
  storageValue: string;
}

export interface CommitmentSet {
  netuid: number;
  block: BlockRef;
  /** Commitments of hotkeys registered on the netuid now, by uid. */
  commitments: ChainCommitment[];
  /** Entries whose hotkey is no longer registered (kept by the chain until the subnet dissolves). */
  stale: ChainCommitment[];
}

const PAGE = 1000;
const hex = z.string().regex(/^0x[0-9a-f]*$/i);
const keysPage = z.array(hex);
const changeSets = z.array(z.object({ block: hex, changes: z.array(z.tuple([hex, hex.nullable()])) }));
const utf8 = new TextDecoder('utf-8', { fatal: true });

function fieldOf(data: Enum): CommitmentField {
  if (data.type === 'TimelockEncrypted') {
    const encrypted = (data.value as Struct).get('encrypted');
    return { type: data.type, bytes: encrypted ? encrypted.toU8a(true) : new Uint8Array() };
  }
  return { type: data.type, bytes: data.value.toU8a(true) };
}

/** Decodes one stored `Registration` value into a commitment with its problems (no registry checks). */
export function decodeCommitment(
  conn: Pick<ChainConnection, 'api'>,
  netuid: number,
  hotkey: string,
  value: string,
): ChainCommitment {
  const base = { netuid, hotkey, uid: null, storageValue: value };
  const entry = conn.api.query.commitments?.commitmentOf;
  const bytes = hexToU8a(value);
  let decoded: Struct;
  try {
    if (!entry) throw new Error('no Commitments.CommitmentOf in this runtime');
    const type = conn.api.registry.createLookupType(entry.creator.meta.type.asMap.value);
    decoded = conn.api.registry.createType(type, bytes) as Struct;
    if (decoded.encodedLength !== bytes.length) throw new Error('trailing bytes');
  } catch (error) {
    const message = `The stored value does not decode as a commitment (${(error as Error).message.split('\n')[0]})`;
    return {
      ...base,
      block: null,
      fields: [],
      rawType: null,
      raw: null,
      text: null,
      problems: [{ code: 'undecodable', message }],
    };
  }
  const info = decoded.get('info') as Struct | undefined;
  const fields = ((info?.get('fields') as Vec<Enum> | undefined) ?? []).map(fieldOf);
  const block = Number(bigValue.parse(decoded.get('block')?.toPrimitive() ?? 0));
  const problems: CommitmentProblem[] = [];
  const first = fields[0];
  if (!first) problems.push({ code: 'no_fields', message: 'The commitment has no fields' });
  if (fields.length > 1) {
    problems.push({
      code: 'several_fields',
      message: `The commitment has ${fields.length} fields; only the first is read`,
    });
  }
  const isRaw = first !== undefined && /^Raw\d+$/.test(first.type);
  if (first && !isRaw) {
    problems.push({ code: 'not_raw', message: `The first field is ${first.type}, not raw bytes` });
  }
  const raw = isRaw && first ? first.bytes : null;
  let text: string | null = null;
  if (raw && raw.length === 0) problems.push({ code: 'empty', message: 'The commitment is empty (Raw0)' });
  if (raw) {
    try {
      text = utf8.decode(raw);
    } catch {
      problems.push({ code: 'not_utf8', message: 'The committed bytes are not valid UTF-8' });
    }
  }
  return { ...base, block, fields, rawType: isRaw && first ? first.type : null, raw, text, problems };
}

/** Marks a commitment against the current metagraph: its uid, or why it does not count. */
export function placeCommitment(commitment: ChainCommitment, metagraph: Metagraph): ChainCommitment {
  const neuron = metagraph.neurons.find((candidate) => candidate.hotkey === commitment.hotkey);
  if (!neuron) {
    const problem = {
      code: 'not_registered' as const,
      message: 'The hotkey is no longer registered on this netuid',
    };
    return { ...commitment, uid: null, problems: [...commitment.problems, problem] };
  }
  const problems = [...commitment.problems];
  if (commitment.block !== null && commitment.block < neuron.blockAtRegistration) {
    problems.push({
      code: 'before_registration',
      message: `Committed at block ${commitment.block}, before this hotkey's current registration (block ${neuron.blockAtRegistration})`,
    });
  }
  return { ...commitment, uid: neuron.uid, problems };
}

function commitmentPrefix(conn: ChainConnection, netuid: number): string {
  return storageEntry(conn, conn.api, 'commitments', 'commitmentOf').keyPrefix(netuid);
}

/** Every `CommitmentOf(netuid, *)` entry at `block`, decoded one by one. */
export async function readRawCommitments(
  conn: ChainConnection,
  netuid: number,
  block: BlockRef,
): Promise<ChainCommitment[]> {
  const prefix = commitmentPrefix(conn, netuid);
  const keys: string[] = [];
  for (;;) {
    const start = keys.at(-1) ?? null;
    const page = await conn.rpc('state_getKeysPaged', [prefix, PAGE, start, block.hash], keysPage);
    keys.push(...page);
    if (page.length < PAGE) break;
  }
  const out: ChainCommitment[] = [];
  for (let i = 0; i < keys.length; i += PAGE) {
    const sets = await conn.rpc('state_queryStorageAt', [keys.slice(i, i + PAGE), block.hash], changeSets);
    for (const [key, value] of sets.flatMap((set) => set.changes)) {
      if (value === null) continue;
      // Key = prefix ‖ netuid (Identity) ‖ twox64(account) ‖ account: the hotkey is the last 32 bytes.
      const hotkey = encodeAddress(hexToU8a(key).subarray(-32), 42);
      out.push(decodeCommitment(conn, netuid, hotkey, value));
    }
  }
  return out;
}

export async function readOneCommitment(
  conn: ChainConnection,
  netuid: number,
  hotkey: string,
  block: BlockRef,
): Promise<ChainCommitment | null> {
  const key = storageEntry(conn, conn.api, 'commitments', 'commitmentOf').key(netuid, hotkey);
  const value = await conn.rpc('state_getStorage', [key, block.hash], hex.nullable());
  return value === null ? null : decodeCommitment(conn, netuid, hotkey, value);
}

export function splitByRegistration(
  netuid: number,
  block: BlockRef,
  raw: ChainCommitment[],
  metagraph: Metagraph,
): CommitmentSet {
  const placed = raw.map((commitment) => placeCommitment(commitment, metagraph));
  return {
    netuid,
    block,
    commitments: placed.filter((c) => c.uid !== null).sort((a, b) => (a.uid ?? 0) - (b.uid ?? 0)),
    stale: placed.filter((c) => c.uid === null),
  };
}
