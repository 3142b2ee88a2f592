import type { KeyringPair } from '@polkadot/keyring/types';
import type { Signer, SignerPayloadJSON } from '@polkadot/types/types';
import { u8aToHex } from '@polkadot/util';
import { describe, expect, it } from 'vitest';
import {
  queryOf,
  send,
  type TestChain,
  txOf,
  useTestChainClient,
  waitFor,
} from '../../tests/support/local-chain';
import { ChainError } from './errors';
import type { ChainSigner } from './submit';

const setup = useTestChainClient();
const NETUID = 1;

/** A browser wallet's signer (signPayload) for `pair`, taking `delayMs` as a person would. */
function walletSigner(
  pair: KeyringPair,
  delayMs = 0,
  inspect?: (payload: SignerPayloadJSON) => void,
): Signer {
  return {
    signPayload: async (payload) => {
      inspect?.(payload);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      const { signature } = setup.chain.api.registry
        .createType('ExtrinsicPayload', payload, { version: payload.version })
        .sign(pair);
      return { id: 1, signature };
    },
  };
}

const pairSigner = (pair: TestChain['keys']['bob']): ChainSigner => ({ kind: 'pair', pair });

async function expectChainError(
  promise: Promise<unknown>,
  expected: Partial<ChainError>,
): Promise<ChainError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ChainError);
  expect(error).toMatchObject(expected);
  return error as ChainError;
}

/** Produces blocks until the first block of the next epoch of `netuid` (tempo from storage). */
async function toNextEpoch(netuid: number): Promise<void> {
  const tempo = Number((await queryOf(setup.chain.api, 'subtensorModule', 'tempo')(netuid)).toPrimitive());
  const next = setup.chain.node.core.chain.best.number + 1;
  const epoch = Math.floor((next + netuid + 1) / (tempo + 1));
  const firstOfNext = (epoch + 1) * (tempo + 1) - (netuid + 1);
  setup.chain.node.core.newBlocks(firstOfNext - next);
}

describe('commitments on the simulated chain, through the chain client', () => {
  it('Alice funds and registers Bob’s hotkey; Bob commits 100 bytes: ready → inBlock → finalized, then read back', async () => {
    const { api, keys } = setup.chain;
    const before = await setup.client.balance(keys.alice.address);
    const registered = await setup.client.submit(
      txOf(api, 'subtensorModule', 'burnedRegister')(NETUID, keys.bob.address),
      pairSigner(keys.alice),
    );
    expect(registered.events).toContain('subtensorModule.NeuronRegistered');
    const registration = await setup.client.registration(NETUID, keys.bob.address);
    expect(registration.uid).toBe(1); // uid 0 is the subnet owner's hotkey
    const after = await setup.client.balance(keys.alice.address);
    expect(before.free - after.free).toBeGreaterThan(1_000_000n); // the burn plus a fee

    const data = `genki:v1:chiptune-lab/ruby-nes@${'ab12'.repeat(10)}:${'q'.repeat(28)}`;
    expect(new TextEncoder().encode(data)).toHaveLength(100);
    const stages: string[] = [];
    const result = await setup.client.commit({
      netuid: NETUID,
      data,
      signer: pairSigner(keys.bob),
      onStatus: (stage) => stages.push(stage),
    });
    expect(stages).toEqual(['signing', 'ready', 'inBlock', 'finalized']);
    expect(result.finalized).toBe(true);
    expect(result.events).toEqual(
      expect.arrayContaining(['commitments.Commitment', 'system.ExtrinsicSuccess']),
    );
    expect(result.commitment).toMatchObject({
      netuid: NETUID,
      hotkey: keys.bob.address,
      uid: 1,
      block: result.block.number,
      rawType: 'Raw100',
      text: data,
      problems: [],
    });
    // Registration { deposit: 0u64, block: u32, info: [Raw100 (tag 101), 100 bytes] }
    const block = new Uint8Array(new Uint32Array([result.block.number]).buffer);
    expect(result.commitment?.storageValue).toBe(
      u8aToHex(new Uint8Array([...new Uint8Array(8), ...block, 4, 101, ...new TextEncoder().encode(data)])),
    );
    const all = await setup.client.commitments(NETUID);
    expect(all.commitments.map((c) => c.hotkey)).toEqual([keys.bob.address]);
    const last = await queryOf(api, 'commitments', 'lastCommitment')(NETUID, keys.bob.address);
    expect(Number(last.toPrimitive())).toBe(result.block.number);
  });

  it('is free: set_commitment is Pays::No, while burned_register pays a fee', async () => {
    const { api, keys } = setup.chain;
    const commit = await txOf(
      api,
      'commitments',
      'setCommitment',
    )(NETUID, { fields: [{ Raw1: '0x61' }] }).paymentInfo(keys.bob);
    expect(commit.partialFee.toBigInt()).toBe(0n);
    const register = await txOf(
      api,
      'subtensorModule',
      'burnedRegister',
    )(NETUID, keys.dave.address).paymentInfo(keys.alice);
    expect(register.partialFee.toBigInt()).toBeGreaterThan(0n);
  });

  it('uses the UTF-8 byte length for RawN, not the string length', async () => {
    const data = 'ruby-chiptune ♪ ñandú';
    const result = await setup.client.commit({
      netuid: NETUID,
      data,
      signer: pairSigner(setup.chain.keys.bob),
    });
    expect(result.commitment?.rawType).toBe(`Raw${new TextEncoder().encode(data).length}`);
    expect(result.commitment?.rawType).not.toBe(`Raw${data.length}`);
    expect(result.commitment?.text).toBe(data);
  });

  it('signs through an injected wallet signer (signPayload), as the browser extension does', async () => {
    const { keys } = setup.chain;
    const requests: string[] = [];
    const signer = walletSigner(keys.bob, 0, (payload) => {
      requests.push(payload.method);
      expect(payload.genesisHash).toBe(setup.chain.node.genesisHash);
      expect(payload.signedExtensions).toHaveLength(13);
    });
    const result = await setup.client.commit({
      netuid: NETUID,
      data: 'signed in the wallet',
      signer: { kind: 'injected', address: keys.bob.address, signer },
      waitFor: 'inBlock',
    });
    expect(requests).toHaveLength(1);
    expect(result.finalized).toBe(false);
    expect(result.commitment?.text).toBe('signed in the wallet');
  });

  it('does not count time in the wallet against the confirmation deadline, but gives the wallet its own', async () => {
    const { keys } = setup.chain;
    // 1.5 s reading the request in the wallet, with a 1 s confirmation deadline: still lands.
    const result = await setup.client.commit({
      netuid: NETUID,
      data: 'a slow reader',
      signer: { kind: 'injected', address: keys.bob.address, signer: walletSigner(keys.bob, 1_500) },
      waitFor: 'inBlock',
      timeoutMs: 1_000,
    });
    expect(result.commitment?.text).toBe('a slow reader');

    const never: Signer = { signPayload: () => new Promise(() => {}) };
    await expectChainError(
      setup.client.commit({
        netuid: NETUID,
        data: 'never signed',
        signer: { kind: 'injected', address: keys.bob.address, signer: never },
        signTimeoutMs: 300,
      }),
      { code: 'signing_timeout', message: 'Nothing was signed within 300 ms, so nothing was sent' },
    );
  });
  it('refuses a hotkey that is not registered on the netuid: AccountNotAllowedCommit', async () => {
    await expectChainError(
      setup.client.commit({ netuid: NETUID, data: 'x', signer: pairSigner(setup.chain.keys.charlie) }),
      {
        code: 'dispatch',
        detail: 'commitments.AccountNotAllowedCommit',
        words: 'not registered on this netuid',
      },
    );
  });

  it('refuses more than 128 bytes before signing, and more than 3 fields at decoding like the runtime', async () => {
    await expectChainError(
      setup.client.commit({
        netuid: NETUID,
        data: 'x'.repeat(129),
        signer: pairSigner(setup.chain.keys.bob),
      }),
      {
        code: 'invalid_input',
      },
    );
    const fourFields = txOf(
      setup.chain.api,
      'commitments',
      'setCommitment',
    )(NETUID, {
      fields: [{ Raw1: '0x61' }, { Raw1: '0x62' }, { Raw1: '0x63' }, { Raw1: '0x64' }],
    });
    const error = await expectChainError(setup.client.submit(fourFields, pairSigner(setup.chain.keys.bob)), {
      code: 'rejected',
    });
    expect(error.detail).toMatch(/BoundedVec exceeds its limit/);
  });

  it('rejects a bad signature with 1010 BadProof and a stale nonce with 1010 outdated', async () => {
    const { api, keys } = setup.chain;
    const signed = await txOf(api, 'system', 'remark')('0x01').signAsync(keys.alice, { nonce: -1 });
    const hex = signed.toHex();
    const signature = signed.signature.toHex().slice(2);
    const forged = hex.replace(
      signature,
      `${signature.slice(0, -2)}${signature.endsWith('00') ? '01' : '00'}`,
    );
    await expect(api.rpc.author.submitExtrinsic(forged)).rejects.toThrow(
      '1010: Invalid Transaction: Transaction has a bad signature',
    );
    await expect(send(api, txOf(api, 'system', 'remark')('0x02'), keys.alice, { nonce: 0 })).rejects.toThrow(
      '1010: Invalid Transaction: Transaction is outdated',
    );
  });

  it('holds a future nonce in the pool until the gap fills, then includes both', async () => {
    const { api, keys } = setup.chain;
    const nonce = (await api.rpc.system.accountNextIndex(keys.dave.address)).toNumber();
    const later = send(api, txOf(api, 'system', 'remark')('0x02'), keys.dave, { nonce: nonce + 1 });
    await waitFor(async () => (await api.rpc.author.pendingExtrinsics()).length === 1);
    const first = await send(api, txOf(api, 'system', 'remark')('0x01'), keys.dave, { nonce });
    const second = await later;
    expect(second.statuses[0]).toBe('Future');
    expect(second.statuses).toContain('Ready');
    expect(first.error).toBeUndefined();
    expect(second.error).toBeUndefined();
  });

  it('allows 3100 bytes per hotkey per epoch (each call costs at least 100), then SpaceLimitExceeded until the next epoch', async () => {
    const { api, keys, node } = setup.chain;
    node.core.registerNeuron(NETUID, keys.eve.address, keys.alice.address);
    await toNextEpoch(NETUID);
    const start = (await api.rpc.system.accountNextIndex(keys.eve.address)).toNumber();
    // 31 commitments of 10 bytes each still cost 31 × 100 = 3100 bytes of budget.
    const signed = await Promise.all(
      Array.from({ length: 31 }, (_, i) =>
        txOf(
          api,
          'commitments',
          'setCommitment',
        )(NETUID, { fields: [{ Raw10: u8aToHex(new Uint8Array(10).fill(i)) }] }).signAsync(keys.eve, {
          nonce: start + i,
        }),
      ),
    );
    await Promise.all(signed.map((tx) => api.rpc.author.submitExtrinsic(tx)));
    await waitFor(() => node.core.pool.size === 0);
    const used = await queryOf(api, 'commitments', 'usedSpaceOf')(NETUID, keys.eve.address);
    expect(used.toPrimitive()).toMatchObject({ usedSpace: 3100 });

    await expectChainError(
      setup.client.commit({ netuid: NETUID, data: 'one more', signer: pairSigner(keys.eve) }),
      {
        code: 'dispatch',
        detail: 'commitments.SpaceLimitExceeded',
        words: 'rate or space limit reached',
      },
    );
    await toNextEpoch(NETUID);
    const fresh = await setup.client.commit({
      netuid: NETUID,
      data: 'next epoch',
      signer: pairSigner(keys.eve),
    });
    expect(fresh.commitment?.text).toBe('next epoch');
  });
});
