/**
 * Dispatch-level checks that cannot be reached through a real extrinsic (the runtime's decoding
 * refuses them first), plus the per-call space cost rule, run directly against a block builder.
 */
import type { Codec } from '@polkadot/types/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BlockBuilder } from '../block-builder';
import { DispatchFailure } from '../dispatch';
import { NodeCore } from '../node';
import { bigUint } from '../store';
import { setCommitment } from './commitments';
import { registerNeuron } from './registration';

const HOTKEY = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
let core: NodeCore;
beforeAll(async () => {
  core = await NodeCore.create({});
}, 30_000);
afterAll(() => core.close());

function builder(): BlockBuilder {
  const b = new BlockBuilder(core.rt, core.chain.best);
  b.initialize();
  registerNeuron(b.ctx, 1, HOTKEY, HOTKEY);
  return b;
}

function commitmentArgs(fields: Record<string, string>[]): Codec[] {
  const call = core.rt.decorated.tx.commitments?.setCommitment?.(1, { fields });
  if (!call) throw new Error('no setCommitment');
  return [...call.args];
}

describe('Commitments.set_commitment dispatch', () => {
  it('refuses more than MaxFields (3) fields with TooManyFieldsInCommitmentInfo', () => {
    const b = builder();
    const args = commitmentArgs([{ Raw1: '0x61' }, { Raw1: '0x62' }, { Raw1: '0x63' }, { Raw1: '0x64' }]);
    expect(() => setCommitment(b.ctx, HOTKEY, args)).toThrow(DispatchFailure);
    expect(() => setCommitment(b.ctx, HOTKEY, args)).toThrow('Commitments.TooManyFieldsInCommitmentInfo');
  });

  it('charges max(100, Σ field bytes) against the epoch budget, hash variants counting 32', () => {
    const b = builder();
    const used = () =>
      b.store.read('Commitments', 'UsedSpaceOf', [1, HOTKEY], z.object({ usedSpace: bigUint }))?.usedSpace;
    setCommitment(b.ctx, HOTKEY, commitmentArgs([{ Raw5: '0x6161616161' }]));
    expect(used()).toBe(100n);
    setCommitment(b.ctx, HOTKEY, commitmentArgs([{ Raw128: `0x${'61'.repeat(128)}` }]));
    expect(used()).toBe(228n);
    setCommitment(
      b.ctx,
      HOTKEY,
      commitmentArgs([{ Raw100: `0x${'61'.repeat(100)}` }, { Sha256: `0x${'00'.repeat(32)}` }]),
    );
    expect(used()).toBe(360n);
  });
});
