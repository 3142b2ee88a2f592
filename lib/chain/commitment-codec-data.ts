/**
 * The `Data` enum of subtensor's Commitments pallet, as the chain clients hand it to us, reduced to
 * the bytes of a `Raw<N>` field (the only variant taoverse-based validators read). Pure.
 *
 * Variants (opentensor/subtensor pallets/commitments/src/types.rs): None; Raw0..Raw128;
 * BlakeTwo256, Sha256, Keccak256, ShaThree256 (32-byte hashes); TimelockEncrypted; ResetBondsFlag;
 * BigRaw (up to 512 bytes). polkadot.js `toJSON()` camel-cases the variant (`raw55`, `bigRaw`),
 * `toHuman()` keeps it (`Raw55`) and shows printable bytes as text; the Python SDK shows `Raw55`.
 */

import type { CommitmentProblemCode } from './commitment-codec-fields';

export interface ChainDataProblem {
  code: Extract<CommitmentProblemCode, 'unsupported_data' | 'malformed_data' | 'no_fields'>;
  message: string;
}

const HASH_VARIANTS = new Set(['blaketwo256', 'sha256', 'keccak256', 'shathree256']);

const describeVariant: Record<string, string> = {
  none: 'the None variant (an empty commitment)',
  timelockencrypted: 'a TimelockEncrypted field (readable only after its drand round)',
  resetbondsflag: 'a ResetBondsFlag field (it carries no data)',
  bigraw: 'a BigRaw field',
};

function hexBytes(value: string): Uint8Array | undefined {
  if (!/^0x(?:[0-9a-fA-F]{2})*$/.test(value)) return undefined;
  const out = new Uint8Array((value.length - 2) / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(value.slice(2 + i * 2, 4 + i * 2), 16);
  return out;
}

/** The bytes of a `Raw<N>` value: hex (`toJSON`), text (`toHuman`), bytes or a byte array. */
function rawBytes(value: unknown, length: number): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value;
  if (Array.isArray(value) && value.every((b) => Number.isInteger(b) && b >= 0 && b <= 255))
    return Uint8Array.from(value as number[]);
  if (typeof value !== 'string') return undefined;
  // toHuman shows printable bytes as text, so "0x12" may be 4 bytes of text: N decides.
  const hex = hexBytes(value);
  if (hex && hex.byteLength === length) return hex;
  const text = new TextEncoder().encode(value);
  return text.byteLength === length ? text : undefined;
}

function malformed(message: string): ChainDataProblem {
  return { code: 'malformed_data', message };
}

/** Returns the bytes of a `Raw<N>` field, or why the value holds no commitment string. */
export function unwrapCommitmentData(field: unknown): { bytes: Uint8Array } | ChainDataProblem {
  if (field === null || field === undefined || (typeof field === 'string' && field.toLowerCase() === 'none'))
    return { code: 'unsupported_data', message: `The commitment field is ${describeVariant.none}.` };
  if (typeof field !== 'object' || Array.isArray(field) || field instanceof Uint8Array)
    return malformed('The commitment field is not a Data value such as { Raw55: "0x…" }.');
  const entries = Object.entries(field);
  const [entry] = entries;
  if (!entry || entries.length !== 1)
    return malformed('The commitment field must have exactly one Data variant, such as { Raw55: "0x…" }.');
  const [key, value] = entry;
  const variant = key.toLowerCase();
  const raw = /^raw(\d{1,3})$/.exec(variant);
  if (raw) {
    const length = Number(raw[1]);
    if (length > 128) return malformed(`${key} is not a Data variant: Raw fields hold at most 128 bytes.`);
    const bytes = rawBytes(value, length);
    if (!bytes || bytes.byteLength !== length)
      return malformed(`The ${key} field does not hold exactly ${length} bytes.`);
    return { bytes };
  }
  if (HASH_VARIANTS.has(variant)) {
    return {
      code: 'unsupported_data',
      message: `The commitment field is a ${key} hash, not a Raw string; validators cannot read a model from it.`,
    };
  }
  const described = describeVariant[variant];
  if (described) {
    return {
      code: 'unsupported_data',
      message: `The commitment field is ${described}, not a Raw string; Genki-Dama validators read only Raw fields.`,
    };
  }
  return malformed(`The commitment field has the unknown Data variant ${JSON.stringify(key.slice(0, 40))}.`);
}
