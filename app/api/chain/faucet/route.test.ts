import { stringToU8a, u8aToHex, u8aWrapBytes } from '@polkadot/util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChainClient } from '@/lib/chain/client';
import { FINNEY_GENESIS_HASH } from '@/lib/chain/networks';
import { expectedChain } from '@/lib/commit/chain-probe';
import { FAUCET_RAO } from '@/lib/commit/faucet';
import { closeDb } from '@/lib/db';
import { resetConfigForTests } from '@/lib/env';
import { startTestChain, type TestChain } from '@/tests/support/local-chain';
import { makeTempDir } from '@/tests/support/temp-dir';
import { POST as challengePost } from '../../auth/challenge/route';
import { POST as sessionPost } from '../../auth/session/route';
import { POST as faucetPost } from './route';

const BASE = 'http://localhost:3000';
const temp = makeTempDir();
let chain: TestChain;
let cookie: string;

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return new Request(`${BASE}${path}`, {
    method: 'POST',
    headers: { host: 'localhost:3000', origin: BASE, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  chain = await startTestChain();
  Object.assign(process.env, {
    GENKI_DATA_DIR: temp.dir,
    GENKI_NETWORK: 'local',
    GENKI_CHAIN_ENDPOINT: chain.node.url,
  });
  resetConfigForTests();
  const { alice } = chain.keys;
  const challenge = (await (
    await challengePost(post('/api/auth/challenge', { address: alice.address }))
  ).json()) as {
    nonce: string;
    message: string;
  };
  const signature = u8aToHex(alice.sign(u8aWrapBytes(stringToU8a(challenge.message))));
  const session = await sessionPost(
    post('/api/auth/session', { nonce: challenge.nonce, address: alice.address, signature }),
  );
  cookie = (session.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}, 60_000);
afterAll(async () => {
  for (const name of ['GENKI_DATA_DIR', 'GENKI_NETWORK', 'GENKI_CHAIN_ENDPOINT']) delete process.env[name];
  resetConfigForTests();
  closeDb();
  await chain?.close();
  temp.cleanup();
});

describe('POST /api/chain/faucet (simulated chain only)', () => {
  it('sends test TAO to a signed-in user’s hotkey through the dev faucet', async () => {
    const { charlie } = chain.keys;
    const client = await ChainClient.connect({ endpoint: chain.node.url });
    try {
      const before = await client.balance(charlie.address);
      const response = await faucetPost(post('/api/chain/faucet', { address: charlie.address }, { cookie }));
      expect(response.status).toBe(200);
      const body = (await response.json()) as { amount: string; address: string; blockHash: string };
      expect(body).toMatchObject({ address: charlie.address, amount: FAUCET_RAO.toString() });
      const after = await client.balance(charlie.address, {
        hash: body.blockHash,
        number: before.block.number + 1,
      });
      expect(after.free - before.free).toBe(FAUCET_RAO);
    } finally {
      await client.disconnect();
    }
  });

  it('refuses anonymous callers, other origins and addresses that are not 32-byte keys', async () => {
    const { charlie } = chain.keys;
    expect((await faucetPost(post('/api/chain/faucet', { address: charlie.address }))).status).toBe(401);
    const foreign = post(
      '/api/chain/faucet',
      { address: charlie.address },
      { cookie, origin: 'https://evil.example' },
    );
    expect((await faucetPost(foreign)).status).toBe(403);
    const bad = await faucetPost(
      post('/api/chain/faucet', { address: '0x1234567890abcdef1234567890abcdef12345678' }, { cookie }),
    );
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_address');
  });

  it('does not exist on real networks', async () => {
    process.env.GENKI_NETWORK = 'test';
    resetConfigForTests();
    try {
      const response = await faucetPost(
        post('/api/chain/faucet', { address: chain.keys.charlie.address }, { cookie }),
      );
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_simulated');
    } finally {
      process.env.GENKI_NETWORK = 'local';
      resetConfigForTests();
    }
  });
});

describe('expectedChain (what the commit page checks genesis against)', () => {
  it('asks the configured node for its genesis and notices the simulated chain', async () => {
    expect(await expectedChain('local', chain.node.url)).toEqual({
      genesisHash: chain.node.genesisHash,
      chainName: 'Bittensor (simulated local chain)',
      simulated: true,
    });
  });

  it("uses finney's known genesis, and gives up quickly on a node that is not there", async () => {
    expect((await expectedChain('finney', 'ws://127.0.0.1:9')).genesisHash).toBe(FINNEY_GENESIS_HASH);
    const started = Date.now();
    expect(await expectedChain('test', 'ws://127.0.0.1:9')).toEqual({
      genesisHash: null,
      chainName: null,
      simulated: false,
    });
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});
