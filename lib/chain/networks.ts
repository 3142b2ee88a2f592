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

/**
 * An endpoint as messages and pages may show it: scheme, host and port (as written), nothing
 * else. A node URL can carry credentials: `wss://user:password@host`, `?apikey=…`, or a key as a
 * path segment (`wss://host/ws/<key>`, as some RPC providers do), so userinfo, query and fragment
 * are dropped and a path other than `/` becomes `/…`.
 */
export function displayEndpoint(endpoint: string): string {
  const trimmed = endpoint.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    // Nothing of it is shown: where a malformed URL's credentials end is anyone's guess.
    return '(invalid URL)';
  }
  let host = url.host;
  // URL drops a default port (`wss://…:443`); keep it when the endpoint spelled it out.
  if (url.port === '') {
    const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#\\]*)/i.exec(trimmed)?.[1] ?? '';
    const port = /:(\d+)$/.exec(authority.slice(authority.lastIndexOf('@') + 1))?.[1];
    if (port !== undefined) host = `${host}:${Number(port)}`;
  }
  const path = url.pathname === '' || url.pathname === '/' ? '' : '/…';
  return `${url.protocol}//${host}${path}`;
}
