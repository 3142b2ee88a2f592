/**
 * Server side: what the configured chain node is (its genesis hash, its name, whether it is the
 * simulated chain with its dev faucet), and the faucet itself. One short-lived WebSocket per
 * question, without the metadata download a full ApiPromise does, under a hard deadline, so a
 * missing node costs a page render two seconds at most. Answers are kept for a minute: a node at an
 * endpoint rarely changes, but a restarted simulated chain may come back with another genesis.
 */
import 'server-only';
import { WsProvider } from '@polkadot/api';
import { z } from 'zod';
import { withDeadline } from '../chain/connection';
import { FINNEY_GENESIS_HASH } from '../chain/networks';
import type { Network } from '../env';

export interface ChainProbe {
  genesisHash: string;
  chainName: string;
  /** The node offers `dev_fund` / `dev_registerNeuron`: it is the studio's simulated chain. */
  simulated: boolean;
}

const PROBE_TIMEOUT_MS = 2_000;
const CACHE_MS = 60_000;
const hash = z.string().regex(/^0x[0-9a-f]{64}$/i);
const cache = new Map<string, { at: number; probe: ChainProbe }>();

async function withProvider<T>(
  endpoint: string,
  timeoutMs: number,
  run: (provider: WsProvider) => Promise<T>,
): Promise<T> {
  // autoConnect 0: one attempt, no reconnect loop and no log lines when the node is not there.
  const provider = new WsProvider(endpoint, 0);
  // A refused connection fails at once instead of waiting out the deadline.
  const refused = new Promise<never>((_, reject) => {
    provider.on('error', () => reject(new Error(`${endpoint} refused the connection`)));
  });
  refused.catch(() => {});
  try {
    const work = provider.connect().then(async () => {
      await Promise.race([provider.isReady, refused]);
      return run(provider);
    });
    return await withDeadline(
      work,
      timeoutMs,
      () => new Error(`${endpoint} did not answer within ${timeoutMs} ms`),
    );
  } finally {
    await provider.disconnect().catch(() => {});
  }
}

export async function probeChain(endpoint: string): Promise<ChainProbe> {
  const hit = cache.get(endpoint);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.probe;
  const probe = await withProvider(endpoint, PROBE_TIMEOUT_MS, async (provider) => {
    const [genesis, name, methods] = await Promise.all([
      provider.send<unknown>('chain_getBlockHash', [0]),
      provider.send<unknown>('system_chain', []),
      provider.send<unknown>('rpc_methods', []),
    ]);
    const listed = z.object({ methods: z.array(z.string()) }).safeParse(methods);
    return {
      genesisHash: hash.parse(genesis).toLowerCase(),
      chainName: z.string().parse(name),
      simulated: listed.success && listed.data.methods.includes('dev_fund'),
    };
  });
  cache.set(endpoint, { at: Date.now(), probe });
  return probe;
}

export interface ExpectedChain {
  /** The genesis the studio is configured for, or null when the server could not learn it. */
  genesisHash: string | null;
  chainName: string | null;
  simulated: boolean;
}

/**
 * Finney's genesis is a constant; the testnet's and the simulated chain's are whatever the
 * configured node reports (the simulated chain's depends on its genesis options).
 */
export async function expectedChain(network: Network, endpoint: string): Promise<ExpectedChain> {
  if (network === 'finney') return { genesisHash: FINNEY_GENESIS_HASH, chainName: null, simulated: false };
  try {
    return await probeChain(endpoint);
  } catch {
    return { genesisHash: null, chainName: null, simulated: false };
  }
}

/** The simulated chain's faucet: credits `rao` test TAO to `address` in a new block. */
export async function simulatedFaucet(endpoint: string, address: string, rao: bigint): Promise<string> {
  return withProvider(endpoint, 10_000, async (provider) =>
    hash.parse(await provider.send<unknown>('dev_fund', [address, rao.toString()])),
  );
}
