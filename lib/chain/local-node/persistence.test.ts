import fs from 'node:fs';
import path from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../tests/support/temp-dir';
import { startLocalNode } from './index';
import { CHAIN_FILE } from './persistence';
import { Store, uint } from './store';

const bob = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Bob').address;
const temp = makeTempDir('genki-chain-');
afterEach(() => fs.rmSync(path.join(temp.dir, CHAIN_FILE), { force: true }));
afterAll(() => temp.cleanup());

describe('persisting the simulated chain to the data folder', () => {
  it('keeps registrations and blocks across a restart, and continues from the saved head', async () => {
    const first = await startLocalNode({ port: 0, dataDir: temp.dir });
    first.core.registerNeuron(1, bob, bob);
    first.core.newBlocks(3);
    const head = first.core.chain.best;
    await first.close();
    expect(fs.existsSync(path.join(temp.dir, CHAIN_FILE))).toBe(true);

    const second = await startLocalNode({ port: 0, dataDir: temp.dir });
    try {
      expect(second.describe()).toMatch(/restored \d+ recent blocks up to #4/);
      expect(second.core.chain.best.hash).toBe(head.hash);
      expect(second.core.chain.hashOf(head.number)).toBe(head.hash);
      const store = new Store(second.core.rt, second.core.chain.stateAt());
      expect(store.read('SubtensorModule', 'Uids', [1, bob], uint)).toBe(1);
      const next = second.core.newBlocks(1);
      expect(next.header.parentHash).toBe(head.hash);
      // Older state is gone after a restart, as on a pruned node.
      expect(() => second.core.chain.stateAt(second.core.chain.hashOf(1))).toThrow(/discarded/);
    } finally {
      await second.close();
    }
  });

  it('ignores a file from another genesis', async () => {
    const first = await startLocalNode({ port: 0, dataDir: temp.dir, genesis: { tempo: 99 } });
    first.core.newBlocks(2);
    await first.close();
    const second = await startLocalNode({ port: 0, dataDir: temp.dir });
    try {
      expect(second.describe()).toMatch(/another genesis/);
      expect(second.core.chain.best.number).toBe(0);
    } finally {
      await second.close();
    }
  });
});
