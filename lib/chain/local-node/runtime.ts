/**
 * The simulated chain's "runtime": the bundled finney metadata turned into a type registry, plus
 * the few generic helpers every other part uses to encode exactly what the real runtime encodes —
 * storage keys, storage values, events, module errors and runtime-API results are all built from
 * the metadata's own type ids, never from hand-written layouts.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Metadata, TypeRegistry } from '@polkadot/types';
import { expandMetadata } from '@polkadot/types/metadata';
import type { DecoratedMeta } from '@polkadot/types/metadata/decorate/types';
import type { Codec } from '@polkadot/types/types';
import { compactStripLength, stringCamelCase, u8aConcat, u8aToHex } from '@polkadot/util';
import { z } from 'zod';
import { SUBTENSOR_SIGNED_EXTENSIONS } from '../signed-extensions';

/** Where `npm run prepare` copies the blob next to the bundle; the same relative path in the sources. */
const DEFAULT_METADATA_URL = new URL('../metadata/finney.scale', import.meta.url);

export interface RuntimeVersionInfo {
  specName: string;
  implName: string;
  authoringVersion: number;
  specVersion: number;
  implVersion: number;
  apis: [string, number][];
  transactionVersion: number;
  systemVersion: number;
}

export interface Runtime {
  registry: TypeRegistry;
  metadata: Metadata;
  decorated: DecoratedMeta;
  /** Raw metadata bytes (magic `meta` + version 16), as `state_getMetadata` returns them. */
  metadataBytes: Uint8Array;
  /** The runtime version baked into the metadata (`System.Version`), served by `state_getRuntimeVersion`. */
  version: RuntimeVersionInfo;
  palletIndex(pallet: string): number;
}

const runtimeVersionSchema = z.object({
  specName: z.string(),
  implName: z.string(),
  authoringVersion: z.number().int(),
  specVersion: z.number().int(),
  implVersion: z.number().int(),
  apis: z.array(z.tuple([z.string(), z.number().int()])),
  transactionVersion: z.number().int(),
  systemVersion: z.number().int(),
});

export function readMetadataFile(file?: string): Uint8Array {
  const source = file ?? fileURLToPath(DEFAULT_METADATA_URL);
  const bytes = new Uint8Array(fs.readFileSync(source));
  // Raw metadata starts with the magic "meta"; anything else is the wrong file.
  if (bytes.length < 5 || u8aToHex(bytes.subarray(0, 4)) !== '0x6d657461') {
    throw new Error(`${source} is not raw runtime metadata (no "meta" magic)`);
  }
  return bytes;
}

export function loadRuntime(metadataBytes: Uint8Array = readMetadataFile()): Runtime {
  const registry = new TypeRegistry();
  const metadata = new Metadata(registry, metadataBytes);
  registry.setMetadata(metadata, undefined, SUBTENSOR_SIGNED_EXTENSIONS);
  const decorated = expandMetadata(registry, metadata);
  const version = runtimeVersionSchema.parse(decorated.consts.system?.version?.toJSON());
  const indices = new Map<string, number>();
  for (const pallet of metadata.asLatest.pallets)
    indices.set(pallet.name.toString(), pallet.index.toNumber());
  return {
    registry,
    metadata,
    decorated,
    metadataBytes,
    version,
    palletIndex(pallet) {
      const index = indices.get(pallet);
      if (index === undefined) throw new Error(`No pallet ${pallet} in the metadata`);
      return index;
    },
  };
}

const entries = new WeakMap<Runtime, Map<string, ReturnType<typeof findEntry>>>();

function findEntry(rt: Runtime, pallet: string, item: string) {
  return rt.decorated.query[stringCamelCase(pallet)]?.[stringCamelCase(item)];
}

function storageEntry(rt: Runtime, pallet: string, item: string) {
  let cache = entries.get(rt);
  if (!cache) {
    cache = new Map();
    entries.set(rt, cache);
  }
  const id = `${pallet}.${item}`;
  let entry = cache.get(id);
  if (!entry) {
    entry = findEntry(rt, pallet, item);
    cache.set(id, entry);
  }
  if (!entry) throw new Error(`No storage item ${pallet}.${item} in the metadata`);
  return entry;
}

export function hasStorageItem(rt: Runtime, pallet: string, item: string): boolean {
  return Boolean(findEntry(rt, pallet, item));
}

const keyCache = new WeakMap<Runtime, Map<string, string>>();
const KEY_CACHE_LIMIT = 20_000;

/** The hex storage key of `pallet.item(args…)`, hashed with the item's real hashers. */
export function storageKey(rt: Runtime, pallet: string, item: string, args: readonly unknown[] = []): string {
  // Hashing keys is the hot path of block production; keys of numbers and addresses are memoised.
  const cacheable = args.every((arg) => typeof arg === 'number' || typeof arg === 'string');
  let cache = keyCache.get(rt);
  if (!cache) {
    cache = new Map();
    keyCache.set(rt, cache);
  }
  const id = cacheable ? `${pallet}.${item}(${args.join(',')})` : undefined;
  const hit = id === undefined ? undefined : cache.get(id);
  if (hit) return hit;
  const entry = storageEntry(rt, pallet, item);
  // Decorated storage functions return the key with a SCALE length prefix in front.
  const key = u8aToHex(compactStripLength(entry(...args))[1]);
  if (id !== undefined) {
    if (cache.size >= KEY_CACHE_LIMIT) cache.clear();
    cache.set(id, key);
  }
  return key;
}

/** The key prefix shared by every entry of a map (optionally narrowed by its first keys). */
export function storagePrefix(
  rt: Runtime,
  pallet: string,
  item: string,
  args: readonly unknown[] = [],
): string {
  return u8aToHex(storageEntry(rt, pallet, item).keyPrefix(...args));
}

/** The registry type name (`LookupNNN`) of an item's value. */
export function storageValueType(rt: Runtime, pallet: string, item: string): string {
  const { type } = storageEntry(rt, pallet, item).meta;
  return rt.registry.createLookupType(type.isPlain ? type.asPlain : type.asMap.value);
}

/** What the node stores when an item is absent: its default, or nothing for `Option` items. */
export function storageFallback(rt: Runtime, pallet: string, item: string): Codec | undefined {
  const { meta } = storageEntry(rt, pallet, item);
  if (meta.modifier.isOptional) return undefined;
  return rt.registry.createType(storageValueType(rt, pallet, item), meta.fallback.toU8a(true));
}

export function encodeValue(rt: Runtime, type: string, value: unknown): Uint8Array {
  return rt.registry.createType(type, value).toU8a();
}

function variantFields(rt: Runtime, typeId: number, name: string) {
  const variants = rt.registry.lookup.getSiType(typeId).def.asVariant.variants;
  const variant = variants.find((candidate) => candidate.name.toString() === name);
  if (!variant) throw new Error(`No variant ${name} in type ${typeId}`);
  return variant;
}

/**
 * The SCALE bytes of `RuntimeEvent::<Pallet>(Event::<name>(fields…))`: pallet index, variant index,
 * then each field encoded with its metadata type. Fields are given positionally.
 */
export function encodeEvent(
  rt: Runtime,
  pallet: string,
  name: string,
  fields: readonly unknown[],
): Uint8Array {
  const meta = rt.metadata.asLatest.pallets.find((candidate) => candidate.name.toString() === pallet);
  if (!meta || meta.events.isNone) throw new Error(`No events for pallet ${pallet}`);
  const variant = variantFields(rt, meta.events.unwrap().type.toNumber(), name);
  if (variant.fields.length !== fields.length) {
    throw new Error(`${pallet}.${name} takes ${variant.fields.length} fields, got ${fields.length}`);
  }
  const encoded = variant.fields.map((field, i) =>
    rt.registry.createType(rt.registry.createLookupType(field.type), fields[i]).toU8a(),
  );
  return u8aConcat(new Uint8Array([meta.index.toNumber(), variant.index.toNumber()]), ...encoded);
}

/** `ModuleError { index, error: [u8; 4] }` for a pallet error, as `DispatchError::Module` carries it. */
export function moduleError(rt: Runtime, pallet: string, error: string): { index: number; error: string } {
  const meta = rt.metadata.asLatest.pallets.find((candidate) => candidate.name.toString() === pallet);
  if (!meta || meta.errors.isNone) throw new Error(`No errors for pallet ${pallet}`);
  const variant = variantFields(rt, meta.errors.unwrap().type.toNumber(), error);
  return {
    index: meta.index.toNumber(),
    error: u8aToHex(new Uint8Array([variant.index.toNumber(), 0, 0, 0])),
  };
}

function runtimeApiMethod(rt: Runtime, api: string, method: string) {
  const found = rt.metadata.asLatest.apis
    .find((candidate) => candidate.name.toString() === api)
    ?.methods.find((candidate) => candidate.name.toString() === method);
  if (!found) throw new Error(`No runtime API ${api}_${method} in the metadata`);
  return found;
}

/** Encodes a runtime-API result with the output type the metadata declares for it. */
export function encodeApiOutput(rt: Runtime, api: string, method: string, value: unknown): Uint8Array {
  const { output } = runtimeApiMethod(rt, api, method);
  return rt.registry.createType(rt.registry.createLookupType(output), value).toU8a();
}
