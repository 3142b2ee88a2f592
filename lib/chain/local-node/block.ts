/**
 * Blocks of the simulated chain. Headers are real Substrate headers (parentHash, compact number,
 * stateRoot, extrinsicsRoot, digest) hashed with blake2_256 of their SCALE encoding, exactly as a
 * node hashes them. Roots are simplified (see state.ts): extrinsicsRoot is blake2_256 of the SCALE
 * `Vec` of the block's extrinsics, not an ordered trie root. Digests are empty (no Aura seal).
 */
import { compactToU8a, hexToU8a, u8aConcat } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';
import type { Runtime } from './runtime';
import type { StorageState } from './state';

export interface HeaderJson {
  parentHash: string;
  /** Hex, as a node's JSON-RPC returns it. */
  number: string;
  stateRoot: string;
  extrinsicsRoot: string;
  digest: { logs: string[] };
}

export interface Block {
  number: number;
  hash: string;
  header: HeaderJson;
  /** SCALE-encoded extrinsics (with their length prefix), as `chain_getBlock` lists them. */
  extrinsics: string[];
  /** Storage after this block; null once pruned (like a node's 256-block state pruning). */
  state: StorageState | null;
}

export const ZERO_HASH = `0x${'00'.repeat(32)}`;

export function extrinsicsRoot(extrinsics: readonly string[]): string {
  return blake2AsHex(
    u8aConcat(compactToU8a(extrinsics.length), ...extrinsics.map((ext) => hexToU8a(ext))),
    256,
  );
}

export function makeHeader(
  rt: Runtime,
  fields: { parentHash: string; number: number; stateRoot: string; extrinsicsRoot: string },
): { header: HeaderJson; hash: string } {
  const header: HeaderJson = {
    parentHash: fields.parentHash,
    number: `0x${fields.number.toString(16)}`,
    stateRoot: fields.stateRoot,
    extrinsicsRoot: fields.extrinsicsRoot,
    digest: { logs: [] },
  };
  const codec = rt.registry.createType('Header', {
    parentHash: header.parentHash,
    number: fields.number,
    stateRoot: header.stateRoot,
    extrinsicsRoot: header.extrinsicsRoot,
    digest: { logs: [] },
  });
  return { header, hash: codec.hash.toHex() };
}

export function genesisBlock(rt: Runtime, state: StorageState): Block {
  state.freeze();
  const { header, hash } = makeHeader(rt, {
    parentHash: ZERO_HASH,
    number: 0,
    stateRoot: state.root(),
    extrinsicsRoot: extrinsicsRoot([]),
  });
  return { number: 0, hash, header, extrinsics: [], state };
}
