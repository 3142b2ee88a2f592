/** Byte layouts of the calls and storage the studio uses, against bittensor-chain.md §2.5 and §8.7. */
import { stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { decodeAddress, xxhashAsU8a } from '@polkadot/util-crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { commitmentBytes, commitmentInfo } from './commit';
import { loadRuntime, type Runtime, storageKey, storagePrefix } from './local-node/runtime';

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
let rt: Runtime;
beforeAll(() => {
  rt = loadRuntime();
});

function call(section: string, method: string, ...args: unknown[]): string {
  const fn = rt.decorated.tx[section]?.[method];
  if (!fn) throw new Error(`no call ${section}.${method}`);
  return u8aToHex(fn(...args).toU8a());
}

describe('extrinsic encodings on the finney metadata', () => {
  it('setCommitment is pallet 18, call 0, with a RawN field tagged N + 1 and no length prefix', () => {
    expect(call('commitments', 'setCommitment', 1, commitmentInfo(stringToU8a('hello-world!')))).toBe(
      '0x12000100040d68656c6c6f2d776f726c6421',
    );
    const text = 'a'.repeat(55);
    expect(call('commitments', 'setCommitment', 7, commitmentInfo(stringToU8a(text)))).toBe(
      `0x12000700043861${'61'.repeat(54)}`,
    );
  });

  it('sizes RawN by UTF-8 bytes', () => {
    expect(commitmentInfo(commitmentBytes('héllo'))).toEqual({ fields: [{ Raw6: '0x68c3a96c6c6f' }] });
    expect(() => commitmentInfo(new Uint8Array(129))).toThrow(/at most 128 bytes/);
  });

  it('setWeights is pallet 7, call 0: netuid, compact-length vectors of LE u16, u64 version key', () => {
    expect(call('subtensorModule', 'setWeights', 1, [0, 1], [65535, 32768], 0)).toBe(
      '0x07000100080000010008ffff00800000000000000000',
    );
    expect(call('subtensorModule', 'setWeights', 7, [0, 1], [65535, 30000], 0)).toBe(
      '0x07000700080000010008ffff30750000000000000000',
    );
  });

  it('commit_weights (96), reveal_weights (97) and burned_register (7) carry their call indices', () => {
    const hash = `0x${'ab'.repeat(32)}`;
    expect(call('subtensorModule', 'commitWeights', 1, hash)).toBe(`0x07600100${'ab'.repeat(32)}`);
    expect(call('subtensorModule', 'revealWeights', 1, [0], [1], [2], 3)).toBe(
      '0x076101000400000401000402000300000000000000',
    );
    expect(call('subtensorModule', 'burnedRegister', 1, ALICE).slice(0, 10)).toBe('0x07070100');
  });
});

describe('storage layouts on the finney metadata', () => {
  it('CommitmentOf key = twox128(Commitments) ++ twox128(CommitmentOf) ++ u16 LE ++ twox64(account) ++ account', () => {
    const account = decodeAddress(ALICE);
    const expected = u8aConcat(
      xxhashAsU8a('Commitments', 128),
      xxhashAsU8a('CommitmentOf', 128),
      new Uint8Array([1, 0]),
      xxhashAsU8a(account, 64),
      account,
    );
    expect(storageKey(rt, 'Commitments', 'CommitmentOf', [1, ALICE])).toBe(u8aToHex(expected));
    expect(storagePrefix(rt, 'Commitments', 'CommitmentOf', [1])).toBe(u8aToHex(expected.subarray(0, 34)));
    expect(u8aToHex(expected).startsWith('0xca407206')).toBe(true);
  });

  it('a Registration value = u64 deposit ++ u32 block ++ compact(fields) ++ Data…', () => {
    const type = rt.registry.createLookupType(
      rt.decorated.query.commitments?.commitmentOf?.meta.type.asMap.value ?? 0,
    );
    const value = rt.registry.createType(type, {
      deposit: 0,
      block: 5,
      info: commitmentInfo(stringToU8a('hello-world!')),
    });
    expect(u8aToHex(value.toU8a())).toBe('0x000000000000000005000000040d68656c6c6f2d776f726c6421');
    expect(value.toHuman()).toEqual({
      deposit: '0',
      block: '5',
      info: { fields: [{ Raw12: 'hello-world!' }] },
    });
  });
});
