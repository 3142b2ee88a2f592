/**
 * Which node each network talks to. `test` and `finney` are the public OpenTensor endpoints (the
 * ones the Python SDK uses); `local` is the simulated chain `npm start` launches on loopback; any
 * of them can be overridden with a `ws://` / `wss://` URL (GENKI_CHAIN_ENDPOINT), for instance a
 * validator's own subtensor node.
 */
import { z } from 'zod';
import type { Network } from '../env';

export const PUBLIC_ENDPOINTS = {
  test: 'wss://test.finney.opentensor.ai:443',
  finney: 'wss://entrypoint-finney.opentensor.ai:443',
} as const;

/** Where `npm start` runs the simulated chain (the usual local subtensor port). */
export const LOCAL_ENDPOINT = 'ws://127.0.0.1:9944';

/** Finney's genesis; the simulated chain deliberately has its own (README "Local chain"). */
export const FINNEY_GENESIS_HASH = '0x2f0555cc76fc2840a25a6ea3b9637146806f1f44b090c175ffde2a7e5ab36c03';

/** The netuid the studio uses on the simulated chain (Genki-Dama's test subnet stand-in). */
export const LOCAL_GENKI_NETUID = 1;

export const endpointSchema = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'ws:' || url.protocol === 'wss:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'must be a ws:// or wss:// URL');

export function chainEndpoint(network: Network, override?: string): string {
  if (override) return endpointSchema.parse(override);
  return network === 'local' ? LOCAL_ENDPOINT : PUBLIC_ENDPOINTS[network];
}

/** The endpoint the configured studio talks to (`getConfig()` from lib/env.ts). */
export function configuredEndpoint(config: { network: Network; chainEndpoint?: string }): string {
  return chainEndpoint(config.network, config.chainEndpoint);
}
