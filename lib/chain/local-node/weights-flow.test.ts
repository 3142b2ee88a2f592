import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  httpRpc,
  queryOf,
  send,
  startTestChain,
  type TestChain,
  txOf,
  waitFor,
} from '../../../tests/support/local-chain';
import { commitWeightsHash, weightsForEmit } from '../weights';

let chain: TestChain;
const NETUID = 1;

beforeAll(async () => {
  chain = await startTestChain();
  const { keys, node } = chain;
  // uid 0 is the owner (Ferdie); Bob and Charlie are ordinary neurons owned by Alice.
  node.core.registerNeuron(NETUID, keys.bob.address, keys.alice.address);
  node.core.registerNeuron(NETUID, keys.charlie.address, keys.alice.address);
}, 60_000);
afterAll(() => chain?.close());

async function devSetStorage(values: unknown): Promise<void> {
  const answer = await httpRpc(chain.node, {
    jsonrpc: '2.0',
    id: 1,
    method: 'dev_setStorage',
    params: [values],
  });
  expect(answer).toMatchObject({ result: expect.stringMatching(/^0x/) });
}

const setWeights = (uids: number[], values: number[], versionKey = 0) =>
  txOf(chain.api, 'subtensorModule', 'setWeights')(NETUID, uids, values, versionKey);

async function storedWeights(uid: number): Promise<unknown> {
  return (await queryOf(chain.api, 'subtensorModule', 'weights')(NETUID, uid)).toPrimitive();
}

async function toNextEpoch(tempo: number): Promise<void> {
  const next = chain.node.core.chain.best.number + 1;
  const epoch = Math.floor((next + NETUID + 1) / (tempo + 1));
  chain.node.core.newBlocks((epoch + 1) * (tempo + 1) - (NETUID + 1) - next);
}

describe('set_weights on the simulated chain', () => {
  it('is refused while commit-reveal is on (the finney default): CommitRevealEnabled', async () => {
    const sent = await send(chain.api, setWeights([1], [65535]), chain.keys.bob);
    expect(sent.error).toBe('subtensorModule.CommitRevealEnabled');
    expect(sent.events).toContain('system.ExtrinsicFailed');
  });

  it('applies the checks in order once commit-reveal is off', async () => {
    const { keys, node } = chain;
    await devSetStorage({ SubtensorModule: { CommitRevealWeightsEnabled: [[[NETUID], false]] } });
    // LastUpdate is stamped at registration, so the 100-block rate limit runs from there.
    expect((await send(chain.api, setWeights([1], [65535]), keys.bob)).error).toBe(
      'subtensorModule.SettingWeightsTooFast',
    );
    node.core.newBlocks(100);
    expect((await send(chain.api, setWeights([0, 2], [1, 1]), keys.bob)).error).toBe(
      'subtensorModule.NeuronNoValidatorPermit',
    );
    // A self-weight needs no permit.
    const self = await send(chain.api, setWeights([1], [7]), keys.bob);
    expect(self.error).toBeUndefined();
    expect(self.events).toContain('subtensorModule.WeightsSet');
    expect(await storedWeights(1)).toEqual([[1, 65535]]);
  });

  it('max-upscales to 65535 and stores (uid, weight) pairs, with the Python client normalisation', async () => {
    const { keys } = chain;
    await devSetStorage({
      SubtensorModule: {
        ValidatorPermit: [[[NETUID], [false, true, false]]],
        WeightsSetRateLimit: [[[NETUID], 0]],
      },
    });
    const emit = weightsForEmit([0, 2, 1], [0.5, 0.25, 0]);
    expect(emit).toEqual({ uids: [0, 2], weights: [65535, 32768] });
    const sent = await send(chain.api, setWeights([0, 2], [100, 50]), keys.bob);
    expect(sent.error).toBeUndefined();
    expect(await storedWeights(1)).toEqual([
      [0, 65535],
      [2, 32768],
    ]);
    expect((await send(chain.api, setWeights([0, 0], [1, 1]), keys.bob)).error).toBe(
      'subtensorModule.DuplicateUids',
    );
    expect((await send(chain.api, setWeights([0, 99], [1, 1]), keys.bob)).error).toBe(
      'subtensorModule.UidVecContainInvalidOne',
    );
    expect((await send(chain.api, setWeights([0], [1, 2]), keys.bob)).error).toBe(
      'subtensorModule.WeightVecNotEqualSize',
    );
    await devSetStorage({ SubtensorModule: { WeightsVersionKey: [[[NETUID], 1000]] } });
    expect((await send(chain.api, setWeights([0, 2], [1, 1], 999), keys.bob)).error).toBe(
      'subtensorModule.IncorrectWeightVersionKey',
    );
    expect((await send(chain.api, setWeights([0, 2], [1, 1], 1000), keys.bob)).error).toBeUndefined();
    expect((await send(chain.api, setWeights([0], [1]), keys.dave)).error).toBe(
      'subtensorModule.HotKeyNotRegisteredInSubNet',
    );
  });
});

describe('commit-reveal v2 on the simulated chain', () => {
  const TEMPO = 10;
  const reveal = { uids: [0, 2], values: [65535, 16384], salt: [1, 2, 3, 4, 5, 6, 7, 8], versionKey: 1000 };
  const hashFor = (salt = reveal.salt) =>
    commitWeightsHash({ hotkey: chain.keys.bob.address, netuid: NETUID, ...reveal, salt });
  const commit = (hash: string) => txOf(chain.api, 'subtensorModule', 'commitWeights')(NETUID, hash);
  const revealWith = (salt = reveal.salt) =>
    txOf(chain.api, 'subtensorModule', 'revealWeights')(
      NETUID,
      reveal.uids,
      reveal.values,
      salt,
      reveal.versionKey,
    );

  beforeAll(async () => {
    await devSetStorage({
      SubtensorModule: { CommitRevealWeightsEnabled: [[[NETUID], true]], Tempo: [[[NETUID], TEMPO]] },
    });
  });

  it('reveals only in the epoch after the commit: RevealTooEarly, then WeightsRevealed + WeightsSet', async () => {
    const { keys } = chain;
    await toNextEpoch(TEMPO);
    const committed = await send(chain.api, commit(hashFor()), keys.bob);
    expect(committed.events).toContain('subtensorModule.WeightsCommitted');
    expect((await send(chain.api, revealWith(), keys.bob)).error).toBe('subtensorModule.RevealTooEarly');
    await toNextEpoch(TEMPO);
    const revealed = await send(chain.api, revealWith(), keys.bob);
    expect(revealed.error).toBeUndefined();
    expect(revealed.events).toEqual(
      expect.arrayContaining(['subtensorModule.WeightsSet', 'subtensorModule.WeightsRevealed']),
    );
    expect(await storedWeights(1)).toEqual([
      [0, 65535],
      [2, 16384],
    ]);
    expect(
      (await queryOf(chain.api, 'subtensorModule', 'weightCommits')(NETUID, keys.bob.address)).toPrimitive(),
    ).toBeNull();
  });

  it('refuses a reveal that does not match, and one an epoch too late: ExpiredWeightCommit', async () => {
    const { keys } = chain;
    await send(chain.api, commit(hashFor()), keys.bob);
    await toNextEpoch(TEMPO);
    expect((await send(chain.api, revealWith([9, 9]), keys.bob)).error).toBe(
      'subtensorModule.InvalidRevealCommitHashNotMatch',
    );
    await toNextEpoch(TEMPO);
    expect((await send(chain.api, revealWith(), keys.bob)).error).toBe('subtensorModule.ExpiredWeightCommit');
  });

  it('keeps at most 10 unrevealed commits: TooManyUnrevealedCommits', async () => {
    const { api, keys, node } = chain;
    await toNextEpoch(TEMPO);
    const start = (await api.rpc.system.accountNextIndex(keys.bob.address)).toNumber();
    const signed = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        commit(hashFor([100 + i])).signAsync(keys.bob, { nonce: start + i }),
      ),
    );
    await Promise.all(signed.map((tx) => api.rpc.author.submitExtrinsic(tx)));
    await waitFor(() => node.core.pool.size === 0);
    expect((await send(api, commit(hashFor([200])), keys.bob)).error).toBe(
      'subtensorModule.TooManyUnrevealedCommits',
    );
  });

  it('rate-limits commits against LastUpdate: CommittingWeightsTooFast', async () => {
    const { keys } = chain;
    await devSetStorage({ SubtensorModule: { WeightsSetRateLimit: [[[NETUID], 100]] } });
    const hash = commitWeightsHash({ hotkey: keys.charlie.address, netuid: NETUID, ...reveal });
    expect((await send(chain.api, commit(hash), keys.charlie)).error).toBeUndefined();
    expect((await send(chain.api, commit(hash), keys.charlie)).error).toBe(
      'subtensorModule.CommittingWeightsTooFast',
    );
  });

  it('refuses commits while commit-reveal is off: CommitRevealDisabled', async () => {
    await devSetStorage({ SubtensorModule: { CommitRevealWeightsEnabled: [[[NETUID], false]] } });
    expect((await send(chain.api, commit(hashFor([300])), chain.keys.charlie)).error).toBe(
      'subtensorModule.CommitRevealDisabled',
    );
  });
});
