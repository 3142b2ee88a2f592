import { stringToHex } from '@polkadot/util';
import { describe, expect, it } from 'vitest';
import { httpRpc, useTestChainClient } from '../../tests/support/local-chain';
import { commitmentRows } from './commitment-rows';

const COMMIT = 'c0ffee'.repeat(7).slice(0, 40);
const HASH = `${'A'.repeat(43)}=`;
const GOOD = `genki-miner:ruby-chiptune:${COMMIT}:${HASH}:1`;

const setup = useTestChainClient();

describe('commitment rows, as validators would judge each entry', () => {
  it('decodes good entries and gives every malformed one its typed problem (seeded with dev_setStorage)', async () => {
    const { keys, node } = setup.chain;
    const entries = [
      [keys.alice.address, { Raw: GOOD }],
      [keys.bob.address, { Raw: 'only:three:fields' }],
      [keys.charlie.address, { Bytes: '0xfffe41' }],
      [keys.dave.address, { Raw: `genki-miner:ruby-chiptune:None:${HASH}:1` }],
    ] as const;
    for (const [hotkey] of entries) node.core.registerNeuron(1, hotkey, hotkey);
    const block = node.core.chain.best.number;
    const value = (payload: { Raw: string } | { Bytes: string }) => {
      const hex = 'Raw' in payload ? stringToHex(payload.Raw) : payload.Bytes;
      return { deposit: 0, block, info: { fields: [{ [`Raw${(hex.length - 2) / 2}`]: hex }] } };
    };
    const answer = await httpRpc(node, {
      jsonrpc: '2.0',
      id: 1,
      method: 'dev_setStorage',
      params: [
        { Commitments: { CommitmentOf: entries.map(([hotkey, payload]) => [[1, hotkey], value(payload)]) } },
      ],
    });
    expect(answer).toMatchObject({ result: expect.stringMatching(/^0x/) });

    const { rows, staleCount } = commitmentRows(await setup.client.commitments(1));
    expect(staleCount).toBe(0);
    const byHotkey = new Map(rows.map((row) => [row.hotkey, row]));
    expect(byHotkey.get(keys.alice.address)).toMatchObject({
      uid: 1,
      block,
      text: GOOD,
      problem: null,
      model: { repo: 'genki-miner/ruby-chiptune', commit: COMMIT, secureHash: HASH, competitionId: 1 },
    });
    expect(byHotkey.get(keys.bob.address)?.problem?.code).toBe('field_count');
    expect(byHotkey.get(keys.charlie.address)).toMatchObject({
      text: null,
      model: null,
      problem: { code: 'not_utf8' },
    });
    expect(byHotkey.get(keys.dave.address)?.problem?.code).toBe('none_field');
    expect(rows.map((row) => row.uid)).toEqual([1, 2, 3, 4]);
  });
});
