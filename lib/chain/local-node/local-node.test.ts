import { ApiPromise, HttpProvider } from '@polkadot/api';
import { u8aToHex } from '@polkadot/util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  httpRpc,
  queryOf,
  startTestChain,
  type TestChain,
  waitFor,
} from '../../../tests/support/local-chain';
import { FINNEY_GENESIS_HASH } from '../networks';
import { startLocalNode } from './index';
import { readMetadataFile } from './runtime';

/** The default genesis is deterministic: changing genesis.ts (or the metadata) changes this hash. */
const DEFAULT_GENESIS_HASH = '0x87c8a3375c9db6a3ab0bc58dc2accc8833f29926d8884bf208b8fd87343b5c82';

let chain: TestChain;
beforeAll(async () => {
  chain = await startTestChain();
}, 60_000);
afterAll(() => chain?.close());

describe('the simulated local node', () => {
  it('boots from the bundled finney metadata and serves it back unchanged', async () => {
    const { api } = chain;
    const metadata = await api.rpc.state.getMetadata();
    expect(metadata.version).toBe(16);
    expect(u8aToHex(metadata.toU8a())).toBe(u8aToHex(readMetadataFile()));
    const pallets = metadata.asLatest.pallets.map((pallet) => [
      pallet.name.toString(),
      pallet.index.toNumber(),
    ]);
    expect(pallets).toContainEqual(['SubtensorModule', 7]);
    expect(pallets).toContainEqual(['Commitments', 18]);
  });

  it('reports its runtime version, chain and properties like a subtensor node', async () => {
    const { api } = chain;
    expect(api.runtimeVersion.specName.toString()).toBe('node-subtensor');
    expect(api.runtimeVersion.specVersion.toNumber()).toBe(424);
    expect(api.runtimeVersion.transactionVersion.toNumber()).toBe(1);
    expect((await api.rpc.system.chain()).toString()).toBe('Bittensor (simulated local chain)');
    const properties = await api.rpc.system.properties();
    expect(properties.ss58Format.unwrap().toNumber()).toBe(42);
    expect(properties.tokenDecimals.unwrap()[0]?.toNumber()).toBe(9);
    expect(properties.tokenSymbol.unwrap()[0]?.toString()).toBe('TAO');
    expect((await api.rpc.system.health()).isSyncing.isFalse).toBe(true);
  });

  it('has its own deterministic genesis, never finney’s', async () => {
    const genesis = (await chain.api.rpc.chain.getBlockHash(0)).toHex();
    expect(genesis).toBe(chain.node.genesisHash);
    expect(genesis).toBe(DEFAULT_GENESIS_HASH);
    expect(genesis).not.toBe(FINNEY_GENESIS_HASH);
  });

  it('produces real headers: parent links, blake2 hashes of the SCALE header, finality', async () => {
    const { api, node } = chain;
    node.core.newBlocks(3);
    const best = await api.rpc.chain.getHeader();
    const parent = await api.rpc.chain.getHeader(best.parentHash);
    expect(best.number.toNumber()).toBe(parent.number.toNumber() + 1);
    expect(api.registry.createType('Header', parent.toJSON()).hash.toHex()).toBe(best.parentHash.toHex());
    const block = await api.rpc.chain.getBlock(best.hash);
    // Every block starts with the timestamp.set inherent.
    expect(block.block.extrinsics[0]?.method.section).toBe('timestamp');
    await waitFor(async () => (await api.rpc.chain.getFinalizedHead()).eq(best.hash));
  });

  it('pushes new heads and storage changes to subscribers', async () => {
    const { api, node } = chain;
    const heads: number[] = [];
    const numbers: number[] = [];
    const stopHeads = await api.rpc.chain.subscribeNewHeads((header) => {
      heads.push(header.number.toNumber());
    });
    const numberKey = queryOf(api, 'system', 'number').key();
    const stopNumber = await api.rpc.state.subscribeStorage([numberKey], ([value]) => {
      numbers.push(api.registry.createType('u32', value?.toU8a(true)).toNumber());
    });
    const start = node.core.chain.best.number;
    node.core.newBlocks(2);
    await waitFor(() => heads.length >= 3 && numbers.length >= 3);
    stopHeads();
    stopNumber();
    expect(heads).toEqual([start, start + 1, start + 2]);
    expect(numbers).toEqual([start, start + 1, start + 2]);
  });

  it('answers JSON-RPC over HTTP POST too, with clean errors', async () => {
    const { node } = chain;
    expect(await httpRpc(node, { jsonrpc: '2.0', id: 1, method: 'system_chain', params: [] })).toEqual({
      jsonrpc: '2.0',
      id: 1,
      result: 'Bittensor (simulated local chain)',
    });
    expect(
      await httpRpc(node, { jsonrpc: '2.0', id: 2, method: 'eth_blockNumber', params: [] }),
    ).toMatchObject({
      id: 2,
      error: { code: -32601, message: 'Method not found' },
    });
    expect(await httpRpc(node, '{"jsonrpc":"2.0","id":')).toMatchObject({
      id: null,
      error: { code: -32700 },
    });
    expect(await httpRpc(node, { id: 3, method: 'system_chain' })).toMatchObject({ error: { code: -32600 } });
    expect(
      await httpRpc(node, { jsonrpc: '2.0', id: 4, method: 'chain_getHeader', params: ['not-a-hash'] }),
    ).toMatchObject({ id: 4, error: { code: -32602, message: 'Invalid params' } });
    const batch = await httpRpc(node, [
      { jsonrpc: '2.0', id: 5, method: 'system_name' },
      { jsonrpc: '2.0', id: 6, method: 'chain_getBlockHash', params: [0] },
    ]);
    expect(batch).toEqual([
      { jsonrpc: '2.0', id: 5, result: 'Genki Studio simulated subtensor' },
      { jsonrpc: '2.0', id: 6, result: node.genesisHash },
    ]);
    const health = await fetch(`${node.httpUrl}/health`);
    expect(await health.json()).toEqual({ peers: 0, isSyncing: false, shouldHavePeers: false });
  });

  it('lists every method it serves in rpc_methods, and polkadot.js works over HTTP as well', async () => {
    const methods = (await chain.api.rpc.rpc.methods()).methods.map(String);
    for (const name of [
      'author_submitAndWatchExtrinsic',
      'state_call',
      'state_getKeysPaged',
      'dev_newBlock',
    ]) {
      expect(methods).toContain(name);
    }
    const api = await ApiPromise.create({ provider: new HttpProvider(chain.node.httpUrl), noInitWarn: true });
    expect(api.genesisHash.toHex()).toBe(chain.node.genesisHash);
    await api.disconnect();
  });

  it('answers the runtime APIs polkadot.js calls with SCALE from the metadata types', async () => {
    const { api, keys } = chain;
    const version = await api.rpc.state.call('Core_version', '0x');
    expect(api.registry.createType('RuntimeVersion', version).toPrimitive()).toMatchObject({
      specName: 'node-subtensor',
      specVersion: 424,
    });
    const nonce = await api.rpc.state.call('AccountNonceApi_account_nonce', u8aToHex(keys.alice.publicKey));
    expect(api.registry.createType('u32', nonce).toNumber()).toBe(0);
    await expect(api.rpc.state.call('NoSuchApi_method', '0x')).rejects.toThrow(/4003.*not found/);
  });

  it('has a dev faucet and dev registration over JSON-RPC', async () => {
    const { node, keys } = chain;
    const call = (method: string, params: unknown[]) =>
      httpRpc(node, { jsonrpc: '2.0', id: 1, method, params });
    const before = (await chain.api.rpc.system.accountNextIndex(keys.dave.address)).toNumber();
    await call('dev_fund', [keys.dave.address, '5000000000']);
    const info = await queryOf(chain.api, 'system', 'account')(keys.dave.address);
    expect(info.toPrimitive()).toMatchObject({ data: { free: 1_000_005_000_000_000 } });
    expect(await call('dev_registerNeuron', [{ netuid: 1, hotkey: keys.dave.address }])).toMatchObject({
      result: { uid: 1, blockHash: expect.stringMatching(/^0x/) },
    });
    expect(await call('dev_registerNeuron', [{ netuid: 1, hotkey: keys.dave.address }])).toMatchObject({
      error: { code: -32000, message: 'SubtensorModule.HotKeyAlreadyRegisteredInSubNet' },
    });
    expect((await chain.api.rpc.system.accountNextIndex(keys.dave.address)).toNumber()).toBe(before);
  });

  it('produces blocks on a timer and finalizes them two blocks behind', async () => {
    const timed = await startLocalNode({ port: 0, blockTimeMs: 50 });
    try {
      await waitFor(() => timed.core.chain.best.number >= 4);
      const { best, finalized } = timed.core.chain;
      expect(finalized.number).toBe(best.number - 2);
    } finally {
      await timed.close();
    }
  });

  it('binds to loopback only', async () => {
    await expect(startLocalNode({ port: 0, host: '0.0.0.0' })).rejects.toThrow(/loopback only/);
  });
});
