import { u8aToHex } from '@polkadot/util';
import { describe, expect, it } from 'vitest';
import { txOf, useTestChainClient } from '../../tests/support/local-chain';
import { ChainError } from '../chain/errors';
import { explainSubmitError } from './explain-error';
import {
  commitCost,
  epochOf,
  fitsBudget,
  nextEpochStart,
  readSpaceBudget,
  spaceBudget,
} from './space-budget';

describe('the commitment space budget (pure)', () => {
  it('charges at least 100 bytes per commitment', () => {
    expect(commitCost(0)).toBe(100);
    expect(commitCost(99)).toBe(100);
    expect(commitCost(127)).toBe(127);
  });

  it("follows the subnet's epoch schedule (block + netuid + 1) / (tempo + 1)", () => {
    // netuid 1, tempo 360: epoch 1 starts where block + 2 = 361.
    expect(epochOf(0, 1, 360)).toBe(0);
    expect(epochOf(358, 1, 360)).toBe(0);
    expect(epochOf(359, 1, 360)).toBe(1);
    expect(nextEpochStart(0, 1, 360)).toBe(359);
    expect(nextEpochStart(358, 1, 360)).toBe(359);
    expect(nextEpochStart(359, 1, 360)).toBe(720);
    expect(nextEpochStart(10, 0, 100)).toBe(100);
  });

  it('counts what was used in the current epoch only', () => {
    const stored = { lastEpoch: 0, usedSpace: 3000 };
    const now = spaceBudget({ netuid: 1, block: 100, tempo: 360, maxSpace: 3100, stored });
    expect(now).toMatchObject({ used: 3000, epoch: 0, resetsAtBlock: 359 });
    expect(fitsBudget(now, 100)).toBe(true);
    expect(fitsBudget(now, 101)).toBe(false);
    expect(spaceBudget({ netuid: 1, block: 400, tempo: 360, maxSpace: 3100, stored }).used).toBe(0);
    expect(spaceBudget({ netuid: 1, block: 5, tempo: 360, maxSpace: 3100, stored: null }).used).toBe(0);
  });
});

describe('reading the budget from the simulated chain', () => {
  const setup = useTestChainClient();

  it('sees the budget fill up, and explains SpaceLimitExceeded with the reset block', async () => {
    const { api, keys, node } = setup.chain;
    node.core.registerNeuron(1, keys.charlie.address, keys.charlie.address);
    const fresh = await readSpaceBudget(
      setup.client.connection,
      1,
      keys.charlie.address,
      await setup.client.head(),
    );
    expect(fresh).toMatchObject({ maxSpace: 3100, used: 0, tempo: 360 });

    // Two calls of three 512-byte BigRaw fields use 3072 bytes; any commitment then costs 100 more.
    const big = u8aToHex(new Uint8Array(512).fill(7));
    for (let i = 0; i < 2; i++) {
      const tx = txOf(
        api,
        'commitments',
        'setCommitment',
      )(1, { fields: [{ BigRaw: big }, { BigRaw: big }, { BigRaw: big }] });
      await setup.client.submit(tx, { kind: 'pair', pair: keys.charlie }, { waitFor: 'inBlock' });
    }
    const head = await setup.client.head();
    const full = await readSpaceBudget(setup.client.connection, 1, keys.charlie.address, head);
    expect(full.used).toBe(3072);
    expect(fitsBudget(full, 90)).toBe(false);

    const error = await setup.client
      .commit({ netuid: 1, data: 'one more', signer: { kind: 'pair', pair: keys.charlie } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChainError);
    const explained = explainSubmitError(error, { netuid: 1, budget: full, bestBlock: head.number });
    expect(explained.title).toBe('Rate or space limit reached.');
    expect(explained.detail).toContain('3072 of 3100 bytes');
    expect(explained.detail).toContain(
      `It resets at block #${full.resetsAtBlock}, in ${full.resetsAtBlock - head.number} blocks`,
    );
    expect(explained.technical).toBe('commitments.SpaceLimitExceeded');
  });
});
