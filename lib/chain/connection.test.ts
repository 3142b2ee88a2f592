import { describe, expect, it } from 'vitest';
import { freePort } from '../../tests/support/free-port';
import { devKeys } from '../../tests/support/keys';
import { parseConfig } from '../env';
import { ChainClient } from './client';
import { connectChain } from './connection';
import { ChainError, submitError } from './errors';
import { startLocalNode } from './local-node';
import { chainEndpoint, configuredEndpoint, LOCAL_ENDPOINT, PUBLIC_ENDPOINTS } from './networks';

describe('chain endpoints', () => {
  it('maps networks to endpoints and accepts ws:// or wss:// overrides only', () => {
    expect(chainEndpoint('finney')).toBe('wss://entrypoint-finney.opentensor.ai:443');
    expect(chainEndpoint('test')).toBe(PUBLIC_ENDPOINTS.test);
    expect(chainEndpoint('local')).toBe(LOCAL_ENDPOINT);
    expect(chainEndpoint('finney', 'ws://10.0.0.5:9944')).toBe('ws://10.0.0.5:9944');
    expect(() => chainEndpoint('finney', 'http://10.0.0.5:9944')).toThrow(/ws:\/\/ or wss:\/\//);
  });

  it('takes GENKI_CHAIN_ENDPOINT from the configuration and refuses other schemes, naming the variable', () => {
    const custom = parseConfig({
      GENKI_NETWORK: 'finney',
      GENKI_CHAIN_ENDPOINT: 'wss://lite.example.org:443',
    });
    expect(configuredEndpoint(custom)).toBe('wss://lite.example.org:443');
    expect(configuredEndpoint(parseConfig({}))).toBe(LOCAL_ENDPOINT);
    expect(() => parseConfig({ GENKI_CHAIN_ENDPOINT: 'https://lite.example.org' })).toThrow(
      /GENKI_CHAIN_ENDPOINT must be a ws:\/\/ or wss:\/\/ URL/,
    );
  });
});

describe('connection deadlines', () => {
  it('gives up connecting after the deadline with an error naming the endpoint', async () => {
    const endpoint = `ws://127.0.0.1:${await freePort()}`;
    const started = Date.now();
    const error = await connectChain({ endpoint, connectTimeoutMs: 800 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChainError);
    expect(error).toMatchObject({ code: 'connect_failed', endpoint });
    expect((error as Error).message).toContain(endpoint);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('puts a deadline on every call', async () => {
    const node = await startLocalNode({ port: 0 });
    const conn = await connectChain({ endpoint: node.url, callTimeoutMs: 300 });
    try {
      const error = await conn
        .call('waiting for nothing', () => new Promise(() => {}))
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'timeout', endpoint: node.url });
      expect((error as Error).message).toBe(`waiting for nothing on ${node.url}: no answer within 300 ms`);
    } finally {
      await conn.disconnect();
      await node.close();
    }
  });

  it('lets calls already sent finish before closing, and refuses new ones', async () => {
    const node = await startLocalNode({ port: 0 });
    const conn = await connectChain({ endpoint: node.url });
    try {
      // Two round trips inside one call, like a paged storage read asking for its next page.
      const running = conn.call('two pages', async () => {
        const first = await conn.api.rpc.chain.getBlockHash(0);
        await new Promise((resolve) => setTimeout(resolve, 100));
        const header = await conn.api.rpc.chain.getHeader(first);
        return header.number.toNumber();
      });
      const closed = conn.disconnect();
      await expect(running).resolves.toBe(0);
      await closed;
      const refused = await conn.call('too late', async () => 1).catch((caught: unknown) => caught);
      expect(refused).toMatchObject({ code: 'disconnected', endpoint: node.url });
      expect((refused as Error).message).toBe(`too late on ${node.url}: the connection was closed`);
    } finally {
      await node.close();
    }
  });

  it('fails a submission cleanly when the node goes away before inclusion', async () => {
    const { bob } = await devKeys();
    // Manual mode: nothing produces a block, so the commitment sits in the pool when the node stops.
    const node = await startLocalNode({ port: 0, instant: false });
    node.core.registerNeuron(node.genkiNetuid, bob.address, bob.address);
    const client = await ChainClient.connect({ endpoint: node.url, callTimeoutMs: 5_000 });
    try {
      const started = Date.now();
      const error = await client
        .commit({
          netuid: node.genkiNetuid,
          data: 'going away',
          signer: { kind: 'pair', pair: bob },
          timeoutMs: 10_000,
          onStatus: (stage) => {
            if (stage === 'ready') void node.close();
          },
        })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ChainError);
      expect(error).toMatchObject({ code: 'disconnected', words: 'lost the connection to the chain' });
      expect((error as Error).message).toContain(node.url);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await client.disconnect();
      await node.close();
    }
  });
});

describe('submission errors in words', () => {
  it('names the node’s 1010 answers and wallet refusals', () => {
    const endpoint = 'ws://127.0.0.1:9944';
    expect(
      submitError(endpoint, new Error('1010: Invalid Transaction: Transaction has a bad signature')),
    ).toMatchObject({
      code: 'rejected',
      words: 'the chain rejected the signature (wrong key or network)',
    });
    expect(
      submitError(endpoint, new Error('1010: Invalid Transaction: Transaction is outdated')).words,
    ).toMatch(/nonce/);
    expect(
      submitError(
        endpoint,
        new Error('1010: Invalid Transaction: Inability to pay some fees (e.g. account balance too low)'),
      ).words,
    ).toMatch(/fee/);
    expect(submitError(endpoint, new Error('Cancelled'))).toMatchObject({ code: 'signing_rejected' });
  });
});
