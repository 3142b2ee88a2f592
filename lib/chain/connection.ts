/**
 * A connection to one chain node with hard deadlines: connecting must finish within
 * `connectTimeoutMs` and every call within `callTimeoutMs`, or the caller gets a ChainError naming
 * the endpoint. The WsProvider reconnects on its own (every second) after a drop; callers waiting
 * on something that needs the socket (a submission) are told at once through `onDisconnect`.
 * Works the same on the server, in the CLI and in the browser.
 */
import { ApiPromise, WsProvider } from '@polkadot/api';
import type { z } from 'zod';
import { ChainError } from './errors';
import { SUBTENSOR_SIGNED_EXTENSIONS } from './signed-extensions';

export interface ConnectOptions {
  endpoint: string;
  connectTimeoutMs?: number;
  callTimeoutMs?: number;
}

export interface ChainConnection {
  api: ApiPromise;
  endpoint: string;
  genesisHash: string;
  callTimeoutMs: number;
  readonly connected: boolean;
  /** Runs `fn` under the call deadline; `what` names the operation in the error. */
  call<T>(what: string, fn: () => Promise<T>): Promise<T>;
  /** Raw JSON-RPC, answer checked with zod (bypasses polkadot.js formatting for exact bytes). */
  rpc<T extends z.ZodType>(method: string, params: unknown[], schema: T): Promise<z.output<T>>;
  onDisconnect(listener: () => void): () => void;
  disconnect(): Promise<void>;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 15_000;
export const DEFAULT_CALL_TIMEOUT_MS = 30_000;
/** How long disconnect() waits for calls already sent before closing the socket under them. */
const DISCONNECT_DRAIN_MS = 3_000;

/** "800 ms" / "15 s", for messages. */
export function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

export function withDeadline<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

export async function connectChain(options: ConnectOptions): Promise<ChainConnection> {
  const { endpoint } = options;
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const callTimeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  // Reconnect every second; the provider's own per-request timeout backs up ours.
  const provider = new WsProvider(endpoint, 1_000, {}, callTimeoutMs + 5_000);
  const api = new ApiPromise({ provider, noInitWarn: true, signedExtensions: SUBTENSOR_SIGNED_EXTENSIONS });
  const listeners = new Set<() => void>();
  let connected = provider.isConnected;
  provider.on('connected', () => {
    connected = true;
  });
  provider.on('disconnected', () => {
    connected = false;
    for (const listener of [...listeners]) listener();
  });
  // Without a listener polkadot.js logs every failed attempt; the deadline below reports instead.
  provider.on('error', () => {});

  try {
    await withDeadline(api.isReadyOrError, connectTimeoutMs, () => {
      return new ChainError(
        'connect_failed',
        endpoint,
        'cannot reach the chain node',
        `Could not connect to the chain node at ${endpoint} within ${duration(connectTimeoutMs)}`,
      );
    });
  } catch (error) {
    await api.disconnect().catch(() => {});
    if (error instanceof ChainError) throw error;
    throw new ChainError(
      'connect_failed',
      endpoint,
      'cannot reach the chain node',
      `Could not connect to the chain node at ${endpoint}: ${(error as Error).message}`,
    );
  }

  // Calls still on the wire when disconnect() is asked for: a paged storage read sends its next page
  // after each answer, and closing the socket under it makes browsers log "WebSocket is already in
  // CLOSING or CLOSED state" for every page. disconnect() refuses new calls and lets these finish.
  const inFlight = new Set<Promise<unknown>>();
  let closing = false;

  const call = <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    if (closing) {
      const message = `${what} on ${endpoint}: the connection was closed`;
      return Promise.reject(new ChainError('disconnected', endpoint, 'the connection was closed', message));
    }
    const work = fn();
    inFlight.add(work);
    work.then(
      () => inFlight.delete(work),
      () => inFlight.delete(work),
    );
    return guarded(what, work);
  };

  const guarded = <T>(what: string, work: Promise<T>) =>
    withDeadline(work, callTimeoutMs, () => {
      const message = `${what} on ${endpoint}: no answer within ${duration(callTimeoutMs)}`;
      return new ChainError('timeout', endpoint, 'the chain node did not answer', message);
    }).catch((error: unknown) => {
      if (error instanceof ChainError) throw error;
      const detail = error instanceof Error ? error.message : String(error);
      throw new ChainError(
        'rpc',
        endpoint,
        'the chain node returned an error',
        `${what} on ${endpoint} failed: ${detail}`,
        detail,
      );
    });

  return {
    api,
    endpoint,
    genesisHash: api.genesisHash.toHex(),
    callTimeoutMs,
    get connected() {
      return connected;
    },
    call,
    rpc: async (method, params, schema) => {
      const answer = await call(method, () => provider.send<unknown>(method, params));
      const parsed = schema.safeParse(answer);
      if (!parsed.success) {
        throw new ChainError(
          'bad_data',
          endpoint,
          'the chain node answered unexpectedly',
          `${method} on ${endpoint} returned an unexpected shape`,
        );
      }
      return parsed.data;
    },
    onDisconnect: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    disconnect: async () => {
      closing = true;
      listeners.clear();
      const drained = Promise.allSettled([...inFlight]);
      await withDeadline(drained, DISCONNECT_DRAIN_MS, () => new Error('drain')).catch(() => {});
      await api.disconnect();
    },
  };
}
