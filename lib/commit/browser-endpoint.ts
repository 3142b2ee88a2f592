/**
 * The chain node a miner's browser connects to. Normally the studio's configured node — but a URL
 * with credentials in it (user:password@, or ?apikey=…, as paid RPC providers hand out) would hand
 * those credentials to every signed-in visitor, so such a node is withheld from the page and the
 * network's public endpoint is used instead. (An API key hidden in the path cannot be told apart from
 * an ordinary path; operators should not configure one for a studio that others sign in to.)
 */

import { chainEndpoint } from '../chain/networks';
import type { Network } from '../env';

export interface BrowserEndpoint {
  endpoint: string;
  /** The configured node carries credentials and was replaced by the network's public endpoint. */
  withheld: boolean;
}

export function hasCredentials(endpoint: string): boolean {
  try {
    const url = new URL(endpoint);
    return url.username !== '' || url.password !== '' || url.search !== '';
  } catch {
    return false;
  }
}

export function browserEndpoint(network: Network, configured: string): BrowserEndpoint {
  if (!hasCredentials(configured)) return { endpoint: configured, withheld: false };
  return { endpoint: chainEndpoint(network), withheld: true };
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** True for ws://127.0.0.1…, ws://localhost…: a node on the machine of whoever opens the page. */
export function isLoopbackEndpoint(endpoint: string): boolean {
  try {
    return isLoopbackHost(new URL(endpoint).hostname);
  } catch {
    return false;
  }
}

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.has(hostname) || hostname.startsWith('127.');
}
