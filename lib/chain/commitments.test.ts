import { Keyring } from '@polkadot/keyring';
import { compactToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestChain, type TestChain } from '../../tests/support/local-chain';
import { ChainClient } from './client';
import type { ChainCommitment } from './commitments';
import { storageKey } from './local-node/runtime';

const NETUID = 1;
let chain: TestChain;
let client: ChainClient;

const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const hotkey = (name: string) => keyring.addFromUri(`//genki-${name}`).address;

const u32 = (value: number) => new Uint8Array(new Uint32Array([value]).buffer);
const raw = (bytes: number[]) => [bytes.length + 1, ...bytes]; // Data::RawN: tag N + 1, then N bytes
/** Registration { deposit: 0u64, block: u32, info: CommitmentInfo } with hand-written info bytes. */
const registration = (block: number, info: number[]) =>
  u8aToHex(u8aConcat(new Uint8Array(8), u32(block), new Uint8Array(info)));

const CASES = [
  'nonUtf8',
  'noFields',
  'raw0',
  'sha256',
  'several',
  'timelock',
  'bigRaw',
  'resetBonds',
  'garbage',
  'trailing',
  'early',
];

beforeAll(async () => {
  chain = await startTestChain();
  const { node, keys } = chain;
  for (const name of CASES) node.core.registerNeuron(NETUID, hotkey(name), keys.alice.address);
  const block = node.core.chain.best.number;
  const values: Record<string, string> = {
    nonUtf8: registration(block, [4, ...raw([0xff, 0xfe, 0x41])]),
    noFields: registration(block, [0]),
    raw0: registration(block, [4, ...raw([])]),
    sha256: registration(block, [4, 131, ...new Array(32).fill(7)]),
    several: registration(block, [8, ...raw([0x68, 0x69]), ...raw([0x6f, 0x6b])]),
    timelock: registration(block, [4, 134, ...compactToU8a(3), 1, 2, 3, ...new Uint8Array(8)]),
    bigRaw: registration(block, [4, 136, ...compactToU8a(2), 0x61, 0x62]),
    resetBonds: registration(block, [4, 135]),
    garbage: '0xdeadbeef',
    trailing: `${registration(block, [4, ...raw([0x61])])}00`,
    early: registration(1, [4, ...raw([0x61])]),
    gone: registration(block, [4, ...raw([0x61])]),
  };
  const rt = node.core.rt;
  node.core.setStorage(
    Object.entries(values).map(([name, value]) => [
      storageKey(rt, 'Commitments', 'CommitmentOf', [NETUID, hotkey(name)]),
      value,
    ]),
  );
  client = await ChainClient.connect({ endpoint: node.url });
}, 60_000);
afterAll(async () => {
  await client?.disconnect();
  await chain?.close();
});

describe('reading commitments that are malformed on chain', () => {
  let byName: Map<string, ChainCommitment>;
  let stale: ChainCommitment[];
  beforeAll(async () => {
    const set = await client.commitments(NETUID);
    byName = new Map(
      CASES.map((name) => [name, set.commitments.find((c) => c.hotkey === hotkey(name)) as ChainCommitment]),
    );
    stale = set.stale;
  });
  const codes = (name: string) => byName.get(name)?.problems.map((problem) => problem.code);

  it('reports non-UTF-8 bytes, keeping the raw bytes for the codec', () => {
    expect(codes('nonUtf8')).toEqual(['not_utf8']);
    expect(byName.get('nonUtf8')).toMatchObject({ rawType: 'Raw3', text: null });
    expect(u8aToHex(byName.get('nonUtf8')?.raw ?? undefined)).toBe('0xfffe41');
  });

  it('reports an info without fields and an empty Raw0', () => {
    expect(codes('noFields')).toEqual(['no_fields']);
    expect(codes('raw0')).toEqual(['empty']);
    expect(byName.get('raw0')).toMatchObject({ rawType: 'Raw0', text: '' });
  });

  it('reports other Data variants with their type and bytes', () => {
    for (const [name, type, bytes] of [
      ['sha256', 'Sha256', 32],
      ['timelock', 'TimelockEncrypted', 3],
      ['bigRaw', 'BigRaw', 2],
      ['resetBonds', 'ResetBondsFlag', 0],
    ] as const) {
      expect(codes(name)).toEqual(['not_raw']);
      expect(byName.get(name)?.fields[0]?.type).toBe(type);
      expect(byName.get(name)?.fields[0]?.bytes).toHaveLength(bytes);
      expect(byName.get(name)?.raw).toBeNull();
    }
  });

  it('reads the first of several fields and says so', () => {
    expect(codes('several')).toEqual(['several_fields']);
    expect(byName.get('several')).toMatchObject({ rawType: 'Raw2', text: 'hi' });
    expect(byName.get('several')?.fields.map((field) => field.type)).toEqual(['Raw2', 'Raw2']);
  });

  it('reports values that do not decode, or decode with bytes left over', () => {
    expect(codes('garbage')).toEqual(['undecodable']);
    expect(byName.get('garbage')).toMatchObject({ block: null, storageValue: '0xdeadbeef' });
    expect(codes('trailing')).toEqual(['undecodable']);
  });

  it('flags commitments older than the current registration, and sets aside unregistered hotkeys', () => {
    expect(codes('early')).toEqual(['before_registration']);
    expect(stale.map((c) => c.hotkey)).toEqual([hotkey('gone')]);
    expect(stale[0]?.problems.map((problem) => problem.code)).toEqual(['not_registered']);
  });

  it('reads one malformed commitment directly too', async () => {
    const one = await client.commitment(NETUID, hotkey('nonUtf8'));
    expect(one?.problems.map((problem) => problem.code)).toEqual(['not_utf8']);
    expect(await client.commitment(NETUID, chain.keys.dave.address)).toBeNull();
  });
});

describe('reading the metagraph and accounts', () => {
  it('maps uids to hotkeys with registration blocks and permits', async () => {
    const metagraph = await client.metagraph(NETUID);
    expect(metagraph.exists).toBe(true);
    expect(metagraph.n).toBe(1 + CASES.length);
    expect(metagraph.neurons[0]).toMatchObject({
      uid: 0,
      hotkey: chain.keys.ferdie.address,
      validatorPermit: false,
    });
    expect(metagraph.neurons.map((neuron) => neuron.uid)).toEqual([...Array(1 + CASES.length).keys()]);
    expect(metagraph.neurons[1]?.hotkey).toBe(hotkey(CASES[0] ?? ''));
    expect((await client.metagraph(42)).exists).toBe(false);
  });

  it('reports reads of unknown blocks as ChainErrors naming the endpoint', async () => {
    const error = await client
      .metagraph(NETUID, { hash: `0x${'12'.repeat(32)}`, number: 3 })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'rpc', endpoint: chain.node.url });
  });

  it('caches reads per block hash', async () => {
    const head = await client.head();
    const [a, b] = await Promise.all([client.metagraph(NETUID, head), client.metagraph(NETUID, head)]);
    expect(a).toBe(b);
  });

  it('reads registration and balance', async () => {
    const registration = await client.registration(NETUID, hotkey('raw0'));
    expect(registration.uid).toBe(1 + CASES.indexOf('raw0'));
    expect((await client.registration(NETUID, chain.keys.dave.address)).uid).toBeNull();
    expect((await client.balance(chain.keys.dave.address)).free).toBe(1_000_000_000_000_000n);
    expect(client.genesisHash).toBe(chain.node.genesisHash);
    expect(await client.chainName()).toBe('Bittensor (simulated local chain)');
  });
});
