/**
 * The `local` network: a simulated Bittensor node built on the real finney metadata, speaking the
 * Substrate JSON-RPC that @polkadot/api uses (WebSocket + HTTP on one loopback port). See README
 * "Local chain" for what it simulates and what it does not.
 *
 *   const node = await startLocalNode({ port: 0, instant: true });
 *   const api = await ApiPromise.create({ provider: new WsProvider(node.url) });
 *   …
 *   await api.disconnect(); await node.close();
 */
import { GENKI_NETUID } from './genesis';
import { NodeCore, type NodeCoreOptions } from './node';
import { persistEvery, restoreChain } from './persistence';
import { rpcTable } from './rpc-handlers';
import { LOOPBACK_HOSTS, startRpcServer } from './rpc-server';

export { DEFAULT_GENESIS, DEV_ACCOUNT_NAMES, DEV_BALANCE, GENKI_NETUID } from './genesis';
export type { NodeCore } from './node';
export { CHAIN_NAME } from './rpc-author';

export const DEFAULT_LOCAL_PORT = 9944;

export interface LocalNodeOptions extends NodeCoreOptions {
  /** TCP port (0 picks a free one). Default 9944, the usual local subtensor port. */
  port?: number;
  /** Loopback address to bind: 127.0.0.1 (default), ::1 or localhost. */
  host?: string;
  /** Folder for `chain.json`; without it the chain lives in memory only. */
  dataDir?: string;
}

export interface LocalNode {
  /** `ws://127.0.0.1:<port>`: give it to `WsProvider`. */
  url: string;
  /** The same endpoint over HTTP POST. */
  httpUrl: string;
  port: number;
  genesisHash: string;
  genkiNetuid: number;
  /** The in-process node, for tests: `newBlocks`, `setStorage`, `fund`, `registerNeuron`, `chain`. */
  core: NodeCore;
  /** One line for a launcher's log. */
  describe(): string;
  close(): Promise<void>;
}

export async function startLocalNode(options: LocalNodeOptions = {}): Promise<LocalNode> {
  const { dataDir } = options;
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK_HOSTS.has(host))
    throw new Error(`The simulated chain listens on loopback only, not on ${host}`);
  let restored = 'in memory';
  const core = await NodeCore.create(options, (node) => {
    if (dataDir) restored = restoreChain(node, dataDir);
  });
  const persistence = dataDir ? persistEvery(core, dataDir) : undefined;
  let server: Awaited<ReturnType<typeof startRpcServer>>;
  try {
    server = await startRpcServer(rpcTable(core), host, options.port ?? DEFAULT_LOCAL_PORT);
  } catch (error) {
    core.close();
    persistence?.stop();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    url: server.url,
    httpUrl: server.httpUrl,
    port: server.port,
    genesisHash: core.genesisHash,
    genkiNetuid: GENKI_NETUID,
    core,
    describe: () =>
      `simulated Bittensor chain on ${server.url} (genesis ${core.genesisHash}, best #${core.chain.best.number}, ${restored})`,
    close: () => {
      closing ??= (async () => {
        core.close();
        if (persistence) {
          persistence.flush();
          persistence.stop();
        }
        await server.close();
      })();
      return closing;
    },
  };
}
