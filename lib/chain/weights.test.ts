import { TypeRegistry } from '@polkadot/types';
import { blake2AsHex } from '@polkadot/util-crypto';
import { describe, expect, it } from 'vitest';
import { checkVecMaxLimited, maxUpscaleToU16 } from './local-node/pallets/weights-math';
import { commitWeightsHash, randomSalt, roundHalfEven, weightsForEmit } from './weights';

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

describe('weightsForEmit (the Python SDK’s convert_weights_and_uids_for_emit)', () => {
  // Expected values printed by CPython 3 running the SDK's algorithm.
  it.each([
    [
      [0, 1, 2],
      [0.1, 0.2, 0.7],
      [0, 1, 2],
      [9362, 18724, 65535],
    ],
    [
      [0, 1],
      [1, 2],
      [0, 1],
      [32768, 65535],
    ],
    // 2.5 rounds to 2 (half to even) and 1e-6 rounds to 0, so uid 5 is dropped.
    [
      [3, 4, 5],
      [2.5, 65535, 0.000001],
      [3, 4],
      [2, 65535],
    ],
    [
      [7, 8, 9, 10],
      [0.3, 0.1, 0.05, 0.00001],
      [7, 8, 9, 10],
      [65535, 21845, 10923, 2],
    ],
    [[0, 1], [0, 0], [], []],
  ])('uids %j with weights %j → %j %j', (uids, weights, outUids, outWeights) => {
    expect(weightsForEmit(uids, weights)).toEqual({ uids: outUids, weights: outWeights });
  });

  it('rounds halves to even like Python, and refuses bad input', () => {
    expect([0.5, 1.5, 2.5, 32767.5].map(roundHalfEven)).toEqual([0, 2, 2, 32768]);
    expect(() => weightsForEmit([0], [1, 2])).toThrow(/length/);
    expect(() => weightsForEmit([0], [-1])).toThrow(/non-negative/);
    expect(() => weightsForEmit([70000], [1])).toThrow(/uids/);
  });
});

describe('the chain’s weight arithmetic (I32F32 fixed point)', () => {
  it('max-upscales like vec_u16_max_upscale_to_u16 (subtensor’s own test vectors)', () => {
    const cases: [number[], number[]][] = [
      [[], []],
      [[0], [0]],
      [
        [0, 0],
        [0, 0],
      ],
      [[1], [65535]],
      [
        [0, 1],
        [0, 65535],
      ],
      [[65534], [65535]],
      [
        [65535, 65535],
        [65535, 65535],
      ],
      [
        [0, 1, 65534],
        [0, 1, 65535],
      ],
      [
        [0, 1, 2, 3, 4, 65533, 65535],
        [0, 1, 2, 3, 4, 65533, 65535],
      ],
      [
        [100, 50],
        [65535, 32768],
      ],
    ];
    for (const [input, output] of cases) expect(maxUpscaleToU16(input)).toEqual(output);
  });

  it('checks the max-weight limit on normalised weights', () => {
    expect(checkVecMaxLimited([65535, 65535], 32768)).toBe(true);
    expect(checkVecMaxLimited([65535, 1], 32768)).toBe(false);
    expect(checkVecMaxLimited([1, 2, 3], 65535)).toBe(true);
  });
});

describe('commitWeightsHash (CR v2)', () => {
  it('is blake2_256 of the SCALE tuple (AccountId32, u16, Vec<u16>, Vec<u16>, Vec<u16>, u64)', () => {
    const commit = {
      hotkey: ALICE,
      netuid: 1,
      uids: [0, 2],
      values: [65535, 16384],
      salt: [1, 2, 3],
      versionKey: 1000n,
    };
    const tuple = new TypeRegistry().createType('(AccountId32, u16, Vec<u16>, Vec<u16>, Vec<u16>, u64)', [
      ALICE,
      1,
      [0, 2],
      [65535, 16384],
      [1, 2, 3],
      1000,
    ]);
    expect(commitWeightsHash(commit)).toBe(blake2AsHex(tuple.toU8a(), 256));
    expect(commitWeightsHash({ ...commit, salt: [1, 2, 4] })).not.toBe(commitWeightsHash(commit));
  });

  it('draws 8 random u16 salts by default', () => {
    const salt = randomSalt();
    expect(salt).toHaveLength(8);
    expect(salt.every((value) => Number.isInteger(value) && value >= 0 && value <= 65535)).toBe(true);
  });
});
