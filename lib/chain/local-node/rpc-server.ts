/**
 * JSON-RPC 2.0 transport of the simulated node, like a Substrate node's port 9944: WebSocket
 * (subscriptions) and HTTP POST on the same port, batches, `GET /health`. Loopback only: the node
 * refuses any other bind address. The WebSocket layer is the `ws` package (already installed as a
 * dependency of @polkadot/rpc-provider), loaded through `require` with the small interface used here.
 */
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { DispatchFailure } from './dispatch';
import { paramList, type RpcConnection, type RpcTable } from './rpc-types';
import { RpcError } from './validate';

interface WsSocket {
  send(data: string): void;
  on(event: 'message', listener: (data: Buffer | ArrayBuffer | Buffer[]) => void): void;
  on(event: 'close', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  terminate(): void;
  readonly readyState: number;
}
interface WsServer {
  on(event: 'connection', listener: (socket: WsSocket) => void): void;
  readonly clients: Set<WsSocket>;
  close(callback?: () => void): void;
}
interface WsModule {
  WebSocketServer: new (options: {
    server: http.Server;
    maxPayload: number;
    perMessageDeflate: boolean;
  }) => WsServer;
}

const MAX_BODY = 16 * 1024 * 1024;
export const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);
const OPEN = 1;

const request = z.object({
  jsonrpc: z.literal('2.0'),
  id: z.union([z.string(), z.number(), z.null()]).optional(),
  method: z.string(),
  params: z.unknown().optional(),
});

type Response = { jsonrpc: '2.0'; id: string | number | null } & (
  | { result: unknown }
  | { error: { code: number; message: string; data?: string } }
);

const errorResponse = (
  id: string | number | null,
  code: number,
  message: string,
  data?: string,
): Response => ({
  jsonrpc: '2.0',
  id,
  error: data === undefined ? { code, message } : { code, message, data },
});

async function handleOne(
  table: RpcTable,
  raw: unknown,
  connection: RpcConnection,
): Promise<Response | undefined> {
  const parsed = request.safeParse(raw);
  if (!parsed.success) return errorResponse(null, -32600, 'Invalid request');
  const { id, method: name, params } = parsed.data;
  const entry = Object.hasOwn(table, name) ? table[name] : undefined;
  let response: Response;
  try {
    if (!entry) throw new RpcError(-32601, 'Method not found');
    const result = await entry.run(paramList(params), connection);
    response = { jsonrpc: '2.0', id: id ?? null, result: result === undefined ? null : result };
  } catch (error) {
    if (error instanceof RpcError)
      response = errorResponse(id ?? null, error.code, error.message, error.data);
    else if (error instanceof DispatchFailure) response = errorResponse(id ?? null, -32000, error.message);
    else {
      console.error(`[local-chain] ${name} failed:`, error);
      response = errorResponse(id ?? null, -32603, 'Internal error', (error as Error).message);
    }
  }
  // A request without an id is a notification: no answer.
  return id === undefined ? undefined : response;
}

async function handleText(table: RpcTable, text: string, connection: RpcConnection): Promise<unknown> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return errorResponse(null, -32700, 'Parse error');
  }
  if (!Array.isArray(body)) return handleOne(table, body, connection);
  if (body.length === 0) return errorResponse(null, -32600, 'Invalid request');
  const answers = await Promise.all(body.map((item) => handleOne(table, item, connection)));
  const present = answers.filter((answer) => answer !== undefined);
  return present.length > 0 ? present : undefined;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export interface RpcServer {
  port: number;
  url: string;
  httpUrl: string;
  close(): Promise<void>;
}

export async function startRpcServer(table: RpcTable, host: string, port: number): Promise<RpcServer> {
  if (!LOOPBACK_HOSTS.has(host))
    throw new Error(`The simulated chain listens on loopback only, not on ${host}`);
  const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'content-type' };
  const server = http.createServer((req, res) => {
    const send = (status: number, body?: unknown) => {
      res.writeHead(status, { ...cors, 'content-type': 'application/json' });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    if (req.method === 'OPTIONS') return send(204);
    if (req.method === 'GET' && req.url?.startsWith('/health')) {
      return send(200, { peers: 0, isSyncing: false, shouldHavePeers: false });
    }
    if (req.method !== 'POST')
      return send(405, errorResponse(null, -32600, 'Invalid request', 'POST JSON-RPC here'));
    readBody(req)
      .then((text) => handleText(table, text, { subscriptions: new Map() }))
      .then((answer) => send(200, answer ?? null))
      .catch(() => send(413, errorResponse(null, -32600, 'Invalid request', 'request too large')));
  });

  const { WebSocketServer } = createRequire(import.meta.url)('ws') as WsModule;
  const wss = new WebSocketServer({ server, maxPayload: MAX_BODY, perMessageDeflate: false });
  wss.on('connection', (socket) => {
    const connection: RpcConnection = {
      subscriptions: new Map(),
      notify: (method, subscription, result) => {
        if (socket.readyState === OPEN) {
          socket.send(JSON.stringify({ jsonrpc: '2.0', method, params: { subscription, result } }));
        }
      },
    };
    socket.on('message', (data) => {
      const text = Array.isArray(data)
        ? Buffer.concat(data).toString('utf8')
        : data instanceof ArrayBuffer
          ? Buffer.from(data).toString('utf8')
          : data.toString('utf8');
      void handleText(table, text, connection).then((answer) => {
        if (answer !== undefined && socket.readyState === OPEN) socket.send(JSON.stringify(answer));
      });
    });
    const cleanup = () => {
      for (const stop of [...connection.subscriptions.values()]) stop();
    };
    socket.on('close', cleanup);
    socket.on('error', cleanup);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const display = host.includes(':') ? `[${host}]` : host;
  return {
    port: address.port,
    url: `ws://${display}:${address.port}`,
    httpUrl: `http://${display}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => {
          server.closeAllConnections();
          server.close(() => resolve());
        });
      }),
  };
}
