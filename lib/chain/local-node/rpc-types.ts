/**
 * Shared pieces of the JSON-RPC surface: the connection a handler runs for (WebSocket connections
 * can hold subscriptions, HTTP requests cannot), zod schemas for parameters, and the subscription
 * helper that answers with an id and then pushes `{ method, params: { subscription, result } }`.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { RpcError } from './validate';

export interface RpcConnection {
  /** Push a notification (WebSocket only). */
  notify?: (method: string, subscription: string, result: unknown) => void;
  /** Live subscriptions of this connection: id → stop function. */
  subscriptions: Map<string, () => void>;
}

export interface RpcMethod {
  /** Checks the positional parameters (zod) and runs the method. */
  run(params: unknown[], connection: RpcConnection): unknown;
}

export type RpcTable = Record<string, RpcMethod>;

export const hash = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'expected a 32-byte 0x-hex hash');
export const optionalHash = z.union([hash, z.null()]).optional();
export const hex = z.string().regex(/^0x([0-9a-fA-F]{2})*$/, 'expected 0x-prefixed hex bytes');
export const blockNumber = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .regex(/^0x[0-9a-fA-F]+$/)
    .transform((value) => Number.parseInt(value, 16)),
  z.string().regex(/^\d+$/).transform(Number),
]);

export function method<T extends z.ZodType<unknown[]>>(
  params: T,
  run: (params: z.output<T>, connection: RpcConnection) => unknown,
): RpcMethod {
  return {
    run: (raw, connection) => {
      const result = params.safeParse(raw);
      if (!result.success) {
        const issue = result.error.issues[0];
        throw new RpcError(
          -32602,
          'Invalid params',
          issue ? `[${issue.path.join('.')}] ${issue.message}` : undefined,
        );
      }
      return run(result.data, connection);
    },
  };
}

/** Parameters as the wire carries them: a positional array (missing = none). */
export function paramList(raw: unknown): unknown[] {
  const list = raw === undefined || raw === null ? [] : raw;
  if (!Array.isArray(list)) throw new RpcError(-32602, 'Invalid params', 'params must be an array');
  return list;
}

export function newSubscriptionId(): string {
  return randomBytes(8).toString('hex');
}

/**
 * Registers a subscription: `start` receives an `emit` function and returns its teardown. The id is
 * answered first; `start` runs on the next turn so initial notifications follow the answer.
 */
export function subscribe(
  connection: RpcConnection,
  notification: string,
  start: (emit: (result: unknown) => void, stop: () => void) => () => void,
): string {
  const notify = connection.notify;
  if (!notify) throw new RpcError(-32601, 'Method not found', 'subscriptions need a WebSocket connection');
  const id = newSubscriptionId();
  let teardown: (() => void) | undefined;
  const stop = () => {
    teardown?.();
    connection.subscriptions.delete(id);
  };
  connection.subscriptions.set(id, stop);
  setImmediate(() => {
    if (!connection.subscriptions.has(id)) return;
    teardown = start((result) => notify(notification, id, result), stop);
  });
  return id;
}

export function unsubscribe(connection: RpcConnection, id: string): boolean {
  const stop = connection.subscriptions.get(id);
  if (!stop) return false;
  stop();
  return true;
}

export const subscriptionId = z.tuple([z.union([z.string(), z.number().transform(String)])]);
