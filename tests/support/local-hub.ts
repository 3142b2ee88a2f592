/**
 * A local stand-in for the Hugging Face Hub, speaking the HTTP API that @huggingface/hub uses
 * (read from node_modules/@huggingface/hub/src/lib/*.ts), so Hub code runs in tests with no network:
 *
 * - `GET|HEAD /{repo}/resolve/{rev}/{path}` (and `/datasets/{repo}/…`): plain files answer
 *   directly with `ETag` = git blob id and `X-Repo-Commit`; LFS files redirect (302) to a same-origin
 *   CDN stand-in with `X-Linked-Size` / `X-Linked-Etag`, like the real Hub. `Range` is honoured.
 * - `GET /api/{models,datasets}/{repo}/revision/{rev}`: repo info with `sha` and `siblings`.
 * - `GET /api/{models,datasets}/{repo}/tree/{rev}[/{path}]?recursive=…`: entries with `oid`, `size`,
 *   `lfs: { oid (sha256), size, pointerSize }`, paginated with a `Link: <…>; rel="next"` header.
 * Errors carry `X-Error-Code` (RepoNotFound → 401, RevisionNotFound / EntryNotFound → 404).
 * - `GET /api/models?author=…` and `GET /api/{models,datasets}/{repo}/commits/{rev}`: the listings
 *   (tests/support/local-hub-list-routes.ts).
 * - The upload API (tests/support/local-hub-upload.ts): whoami-v2, repo creation, preupload, the
 *   LFS batch API with its upload/verify URLs, and the NDJSON commit endpoint, with Bearer tokens
 *   (`addToken`), private repos (readable only with their owner's token) and CORS for browsers.
 *
 * Repos live in memory, keyed by commit SHA. Routes are a table (`addRoute`); faults (`addFault`)
 * inject failures for error tests (HTTP statuses, delays, cut or corrupt bodies, dropped sockets).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { writeBytes } from './local-hub-http';
import { registerListRoutes } from './local-hub-list-routes';
import { registerCoreRoutes } from './local-hub-routes';
import { applyCors, registerUploadRoutes } from './local-hub-upload';

export type HubRepoKind = 'model' | 'dataset';

export interface StoredFile {
  content: Uint8Array;
  /** Git blob id of what git stores: the content, or the LFS pointer. */
  oid: string;
  lfs?: { sha256: string; pointerSize: number };
}

export interface StoredCommit {
  sha: string;
  parent?: string;
  message: string;
  date: string;
  files: Map<string, StoredFile>;
}

export interface StoredRepo {
  kind: HubRepoKind;
  id: string;
  commits: Map<string, StoredCommit>;
  refs: Map<string, string>;
  /** Private repos answer only requests carrying a token of their namespace (else 401, as on the Hub). */
  private: boolean;
}

export type HubFault = { match?: RegExp; times?: number } & (
  | { kind: 'status'; status: number }
  | { kind: 'delay'; ms: number }
  /** Announce the full Content-Length, send `afterBytes`, then drop the connection. */
  | { kind: 'truncate'; afterBytes: number }
  /** Send `afterBytes`, then go silent without closing. */
  | { kind: 'stall'; afterBytes: number }
  /** Announce and send only the first `bytes` bytes (a consistent but short answer). */
  | { kind: 'short'; bytes: number }
  /** Same length, one byte flipped. */
  | { kind: 'corrupt' }
  /** Close the connection without answering (a Hub that goes away mid-request). */
  | { kind: 'drop' }
);

export interface HubRequestRecord {
  method: string;
  url: string;
  range?: string;
  /** The Authorization header as received (tests check where tokens are and are not sent). */
  authorization?: string;
  origin?: string;
}

export interface HubRequestContext {
  hub: LocalHub;
  req: http.IncomingMessage;
  res: http.ServerResponse;
  url: URL;
  params: Record<string, string>;
  json(status: number, value: unknown, headers?: Record<string, string>): void;
  error(status: number, code: string, message: string): void;
  /** Sends file bytes with Range support and the body faults applied. */
  sendBytes(bytes: Uint8Array, headers: Record<string, string>): void;
}

export interface HubRoute {
  method: string | readonly string[];
  pattern: RegExp;
  handle(context: HubRequestContext): void | Promise<void>;
}

const sha1 = (data: Uint8Array | string) => createHash('sha1').update(data).digest('hex');
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const gitBlobOid = (data: Uint8Array) =>
  createHash('sha1').update(`blob ${data.byteLength}\0`).update(data).digest('hex');

export class LocalHub {
  readonly requests: HubRequestRecord[] = [];
  readonly repos = new Map<string, StoredRepo>();
  readonly lfsObjects = new Map<string, Uint8Array>();
  /** Access tokens → the user name they act as (see `addToken`). */
  readonly tokens = new Map<string, string>();
  private readonly routes: HubRoute[] = [];
  private readonly faults: HubFault[] = [];
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
    /** Entries per page of tree listings (small values exercise pagination). */
    public pageSize: number,
    /** Files at least this large, or with these extensions, are stored as LFS. */
    private readonly lfsThreshold: number,
  ) {}

  static async start(
    options: { pageSize?: number; lfsThreshold?: number; port?: number } = {},
  ): Promise<LocalHub> {
    let hub: LocalHub | undefined;
    const server = http.createServer((req, res) => {
      void hub?.dispatch(req, res);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', resolve);
    });
    const { port } = server.address() as AddressInfo;
    hub = new LocalHub(
      server,
      `http://127.0.0.1:${port}`,
      options.pageSize ?? 1000,
      options.lfsThreshold ?? 10 * 1024 * 1024,
    );
    const created = hub;
    server.on('connection', (socket) => {
      created.sockets.add(socket);
      socket.on('close', () => created.sockets.delete(socket));
    });
    registerCoreRoutes(hub);
    registerUploadRoutes(hub);
    registerListRoutes(hub);
    return hub;
  }

  /** Stores a commit on `branch` (default main) and returns its SHA. Files replace the parent's. */
  commit(
    repoId: string,
    files: ReadonlyMap<string, Uint8Array | string> | Record<string, Uint8Array | string>,
    options: {
      kind?: HubRepoKind;
      branch?: string;
      message?: string;
      replace?: boolean;
      deletions?: readonly string[];
      private?: boolean;
    } = {},
  ): string {
    const kind = options.kind ?? 'model';
    const branch = options.branch ?? 'main';
    const key = `${kind}:${repoId}`;
    const repo = this.repos.get(key) ?? {
      kind,
      id: repoId,
      commits: new Map(),
      refs: new Map(),
      private: options.private ?? false,
    };
    this.repos.set(key, repo);
    const parent = repo.refs.get(branch);
    const base = parent && !options.replace ? repo.commits.get(parent)?.files : undefined;
    const stored = new Map<string, StoredFile>(base ?? []);
    const entries = files instanceof Map ? [...files] : Object.entries(files);
    for (const [filePath, raw] of entries) {
      const content = typeof raw === 'string' ? new TextEncoder().encode(raw) : raw;
      stored.set(filePath, this.storeFile(filePath, content));
    }
    for (const filePath of options.deletions ?? []) stored.delete(filePath);
    const message = options.message ?? `Upload ${entries.length} files`;
    const manifest = [...stored].sort(([a], [b]) => (a < b ? -1 : 1)).map(([p, f]) => `${p}:${f.oid}`);
    const sha = sha1(`${parent ?? ''}\n${message}\n${manifest.join('\n')}`);
    repo.commits.set(sha, { sha, parent, message, date: new Date().toISOString(), files: stored });
    repo.refs.set(branch, sha);
    return sha;
  }

  /** Commits every file under `dir` (recursively). */
  async commitDirectory(repoId: string, dir: string, options: { kind?: HubRepoKind; branch?: string } = {}) {
    const files = new Map<string, Uint8Array>();
    const walk = async (relative: string): Promise<void> => {
      for (const entry of await fs.readdir(path.join(dir, relative), { withFileTypes: true })) {
        const child = relative ? `${relative}/${entry.name}` : entry.name;
        if (entry.isDirectory()) await walk(child);
        else files.set(child, new Uint8Array(await fs.readFile(path.join(dir, child))));
      }
    };
    await walk('');
    return this.commit(repoId, files, options);
  }

  /** Lets `token` act as `user` (who may write repos in the `user` namespace). */
  addToken(token: string, user: string): void {
    this.tokens.set(token, user);
  }

  /** The user a request's Bearer token acts as; 'missing' without a token, 'invalid' for an unknown one. */
  userOf(req: http.IncomingMessage): string | 'missing' | 'invalid' {
    const header = req.headers.authorization;
    if (!header) return 'missing';
    const token = /^Bearer (\S+)$/.exec(header)?.[1];
    return (token && this.tokens.get(token)) || 'invalid';
  }

  /** Whether a requester may read a repo: public repos always, private ones with their owner's token. */
  canRead(repo: StoredRepo, req: http.IncomingMessage): boolean {
    return !repo.private || this.userOf(req) === repo.id.split('/')[0];
  }

  findCommit(
    kind: HubRepoKind,
    repoId: string,
    revision: string,
    req?: http.IncomingMessage,
  ): StoredCommit | 'no-repo' | 'no-revision' {
    const repo = this.repos.get(`${kind}:${repoId}`);
    // A private repo is indistinguishable from a missing one to anyone but its owner.
    if (!repo || (req && !this.canRead(repo, req))) return 'no-repo';
    // HEAD is the default branch, as on the Hub (modelInfo asks for it when given no revision).
    const sha = repo.refs.get(revision === 'HEAD' ? 'main' : revision) ?? revision;
    return repo.commits.get(sha) ?? 'no-revision';
  }

  /** Routes added later take precedence, so tests can override a core route. */
  addRoute(route: HubRoute): void {
    this.routes.unshift(route);
  }

  addFault(fault: HubFault): void {
    this.faults.push({ ...fault });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Which files git stores as LFS pointers (what preupload answers as `uploadMode: "lfs"`). */
  isLfsPath(filePath: string, size: number): boolean {
    return size >= this.lfsThreshold || /\.(onnx|bin|safetensors|wav|flac|ogg|mp3)$/.test(filePath);
  }

  private storeFile(filePath: string, content: Uint8Array): StoredFile {
    if (!this.isLfsPath(filePath, content.byteLength)) return { content, oid: gitBlobOid(content) };
    const hash = sha256(content);
    const pointer = `version https://git-lfs.github.com/spec/v1\noid sha256:${hash}\nsize ${content.byteLength}\n`;
    this.lfsObjects.set(hash, content);
    const pointerBytes = new TextEncoder().encode(pointer);
    return {
      content,
      oid: gitBlobOid(pointerBytes),
      lfs: { sha256: hash, pointerSize: pointerBytes.byteLength },
    };
  }

  private takeFault(target: string, kinds: readonly HubFault['kind'][]): HubFault | undefined {
    const index = this.faults.findIndex((f) => kinds.includes(f.kind) && (!f.match || f.match.test(target)));
    const fault = this.faults[index];
    if (!fault) return undefined;
    if (fault.times !== undefined && --fault.times <= 0) this.faults.splice(index, 1);
    return fault;
  }

  private async dispatch(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    this.requests.push({
      method,
      url: `${url.pathname}${url.search}`,
      range: req.headers.range,
      authorization: req.headers.authorization,
      origin: req.headers.origin,
    });
    // Browsers send a preflight before any request with Authorization or a JSON body.
    if (applyCors(req, res)) return;
    const target = `${method} ${url.pathname}`;
    const delay = this.takeFault(target, ['delay']);
    if (delay?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, delay.ms));
    if (this.takeFault(target, ['drop'])) {
      req.socket.destroy();
      return;
    }
    const context = this.context(req, res, url, target);
    const status = this.takeFault(target, ['status']);
    if (status?.kind === 'status')
      return context.error(status.status, 'Injected', `Injected HTTP ${status.status}`);
    for (const route of this.routes) {
      const methods = typeof route.method === 'string' ? [route.method] : route.method;
      const match = route.pattern.exec(url.pathname);
      if (!match || !methods.includes(method)) continue;
      context.params = Object.fromEntries(
        Object.entries(match.groups ?? {}).map(([k, v]) => [k, v === undefined ? '' : decodeURIComponent(v)]),
      );
      try {
        await route.handle(context);
      } catch (error) {
        if (!res.headersSent) context.error(500, 'Internal', (error as Error).message);
      }
      return;
    }
    context.error(404, 'NotFound', `No route for ${method} ${url.pathname}`);
  }

  private context(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    target: string,
  ): HubRequestContext {
    const head = req.method === 'HEAD';
    return {
      hub: this,
      req,
      res,
      url,
      params: {},
      json: (status, value, headers = {}) => {
        res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
        res.end(head ? undefined : JSON.stringify(value));
      },
      error: (status, code, message) => {
        res.writeHead(status, {
          'Content-Type': 'application/json; charset=utf-8',
          'X-Error-Code': code,
          'X-Error-Message': message,
        });
        res.end(head ? undefined : JSON.stringify({ error: message }));
      },
      sendBytes: (bytes, headers) => this.sendBytes(req, res, target, bytes, headers),
    };
  }

  private sendBytes(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    target: string,
    bytes: Uint8Array,
    headers: Record<string, string>,
  ): void {
    writeBytes(req, res, bytes, headers, () =>
      this.takeFault(target, ['truncate', 'stall', 'short', 'corrupt']),
    );
  }
}
