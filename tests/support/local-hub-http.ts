/**
 * HTTP plumbing shared by the local Hub's upload routes: CORS on every response (and preflights,
 * so a browser page on another origin, the studio under COEP, can call it), request bodies read
 * and checked with zod, and the write-access rule (a Bearer token whose user owns the namespace).
 */
import type http from 'node:http';
import type { z } from 'zod';
import type { HubFault, HubRepoKind, HubRequestContext, LocalHub, StoredRepo } from './local-hub';

export const repoPart = '(?<repo>[A-Za-z0-9._-]+/[A-Za-z0-9._-]+)';

const EXPOSED_HEADERS = [
  'ETag',
  'X-Repo-Commit',
  'X-Linked-Size',
  'X-Linked-Etag',
  'X-Error-Code',
  'X-Error-Message',
  'X-Request-Id',
  'Link',
  'Location',
  'Content-Range',
  'Content-Length',
  'Accept-Ranges',
].join(', ');

/** Sets CORS headers on every response; answers a preflight itself (returns true when it did). */
export function applyCors(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const origin = req.headers.origin;
  res.setHeader('Access-Control-Allow-Origin', origin ?? '*');
  res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
  // Lets no-cors loads (an <audio> of a resolved file) through a page's COEP: require-corp.
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  if (req.method !== 'OPTIONS') return false;
  res.writeHead(204, {
    'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, DELETE, OPTIONS',
    'Access-Control-Allow-Headers':
      req.headers['access-control-request-headers'] ??
      'authorization, content-type, accept, range, x-request-id',
    'Access-Control-Max-Age': '600',
  });
  res.end();
  return true;
}

export async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function readJson<T extends z.ZodType>(
  context: HubRequestContext,
  schema: T,
): Promise<z.infer<T> | undefined> {
  const text = (await readBody(context.req)).toString('utf8');
  let parsed: z.ZodSafeParseResult<z.infer<T>>;
  try {
    parsed = schema.safeParse(JSON.parse(text));
  } catch {
    context.error(400, 'BadRequest', 'The request body is not JSON.');
    return undefined;
  }
  if (!parsed.success) {
    context.error(
      400,
      'BadRequest',
      `Invalid request body: ${parsed.error.issues[0]?.message ?? 'bad shape'}`,
    );
    return undefined;
  }
  return parsed.data;
}

export const kindOf = (type: string | undefined): HubRepoKind =>
  type === 'datasets' || type === 'dataset' ? 'dataset' : 'model';
export const isSafePath = (p: string) =>
  p.split('/').every((part) => part !== '' && part !== '.' && part !== '..');

/** Write access: a known token whose user owns the namespace. Answers 401/403 itself. */
export function writer(hub: LocalHub, context: HubRequestContext, namespace: string): string | undefined {
  const user = hub.userOf(context.req);
  if (user === 'missing' || user === 'invalid') {
    context.error(401, 'Unauthorized', 'Invalid credentials in Authorization header');
    return undefined;
  }
  if (user !== namespace) {
    context.error(403, 'Forbidden', `You don't have the rights to write to the namespace "${namespace}"`);
    return undefined;
  }
  return user;
}

/** The repo of a write request, after the token check (missing repos are 404 to their owner). */
export function writableRepo(hub: LocalHub, context: HubRequestContext): StoredRepo | undefined {
  const id = context.params.repo ?? '';
  if (!writer(hub, context, id.split('/')[0] ?? '')) return undefined;
  const repo = hub.repos.get(`${kindOf(context.params.type)}:${id}`);
  if (!repo) context.error(404, 'RepoNotFound', `Repository not found: ${id}`);
  return repo;
}

/**
 * Sends file bytes with Range support and the body faults (a fault is taken only for whole-file
 * answers): `short` sends fewer bytes, `corrupt` flips one, `truncate` and `stall` stop midway.
 */
export function writeBytes(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  bytes: Uint8Array,
  headers: Record<string, string>,
  takeFault: () => HubFault | undefined,
): void {
  let body = bytes;
  let status = 200;
  const extra: Record<string, string> = {
    'Accept-Ranges': 'bytes',
    'Content-Type': 'application/octet-stream',
  };
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  if (range) {
    const size = bytes.byteLength;
    const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
    const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    if (start >= size || start > end) {
      res.writeHead(416, { 'Content-Range': `bytes */${size}` });
      res.end();
      return;
    }
    body = bytes.subarray(start, end + 1);
    status = 206;
    extra['Content-Range'] = `bytes ${start}-${end}/${size}`;
  }
  const fault = range ? undefined : takeFault();
  let length = body.byteLength;
  if (fault?.kind === 'short') {
    body = body.subarray(0, fault.bytes);
    length = body.byteLength;
  } else if (fault?.kind === 'corrupt') {
    body = Uint8Array.from(body);
    const middle = body.length >> 1;
    body[middle] = (body[middle] ?? 0) ^ 0xff;
  }
  res.writeHead(status, { ...extra, ...headers, 'Content-Length': String(length) });
  if (req.method === 'HEAD') return void res.end();
  if (fault?.kind === 'truncate' || fault?.kind === 'stall') {
    res.write(body.subarray(0, fault.afterBytes), () => {
      if (fault.kind === 'truncate') res.socket?.destroy();
    });
    return;
  }
  res.end(body);
}
