/**
 * What the chain subcommands (`commitment submit`, `commitment show`) share: `--endpoint` as a
 * URL or a network name, `--netuid`, `--timeout`, opening and closing the ChainClient with
 * @polkadot/api's own log lines kept off stderr, and ChainErrors turned into one line in words.
 */
import { ChainClient } from '../chain/client';
import { ChainError, type ChainErrorCode } from '../chain/errors';
import { displayEndpoint, endpointSchema, LOCAL_ENDPOINT, PUBLIC_ENDPOINTS } from '../chain/networks';
import { CliError, UsageError } from './errors';
import { quietLibraryLogs } from './library-logs';
import { exitPromptlyWhenDone } from './prompt-exit';
import { registerSecret } from './secrets';

export const ENDPOINT_HELP = 'a ws:// or wss:// URL, or local, test or finney';
export const DEFAULT_TIMEOUT_S = 120;
/** Connecting and single reads never wait longer than this, whatever --timeout says. */
const MAX_CONNECT_MS = 15_000;
const MAX_CALL_MS = 30_000;

/** A path segment, query value or fragment that looks like a key rather than a word or a flag. */
function looksLikeToken(value: string): boolean {
  return value.length >= 12 || (value.length >= 8 && /\d/.test(value) && /[a-z]/i.test(value));
}

/** Query parameters whose value is a credential whatever it looks like (`?apikey=abcdef`). */
const SECRET_PARAM = /key|token|auth|secret|pass|pwd|sig|cred|session|jwt|access|bearer/i;

function decoded(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/**
 * The parts of an endpoint URL that may be credentials, as written and decoded: user name and
 * password, query values that are keys (by name or by looks; `?tls=1` is not one), path segments
 * and a fragment that look like tokens (`wss://host/ws/<key>`).
 */
export function endpointSecrets(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return [];
  }
  const parts: string[] = [parsed.username, parsed.password];
  for (const pair of parsed.search.replace(/^\?/, '').split('&')) {
    const at = pair.indexOf('=');
    if (at < 0) {
      if (looksLikeToken(decoded(pair))) parts.push(pair);
      continue;
    }
    const value = pair.slice(at + 1);
    if (SECRET_PARAM.test(decoded(pair.slice(0, at))) || looksLikeToken(decoded(value))) parts.push(value);
  }
  for (const segment of parsed.pathname.split('/')) if (looksLikeToken(decoded(segment))) parts.push(segment);
  const fragment = parsed.hash.replace(/^#/, '');
  if (looksLikeToken(decoded(fragment))) parts.push(fragment);
  return [...new Set(parts.flatMap((part) => [part, decoded(part)]))].filter((part) => part !== '');
}

/**
 * Secrets in a URL (`wss://user:token@host`, `?apikey=`, `/ws/<key>`) are registered so any
 * message that still quotes them (a library's error) is scrubbed; our own messages show the
 * endpoint as `displayEndpoint` writes it.
 */
function guardUrl(url: string): string {
  for (const secret of endpointSecrets(url)) registerSecret(secret);
  return url;
}

/**
 * `local` is the simulated chain `npm start` runs (or GENKI_CHAIN_ENDPOINT when set, as for the
 * studio); `test` and `finney` are OpenTensor's public endpoints; anything else must be a URL.
 */
export function resolveEndpoint(
  command: string,
  value: string | undefined,
  env: Record<string, string | undefined>,
): string {
  if (value === undefined) throw new UsageError(`${command}: --endpoint is required: ${ENDPOINT_HELP}.`);
  if (value === 'local') {
    const custom = env.GENKI_CHAIN_ENDPOINT;
    if (custom === undefined || custom === '') return LOCAL_ENDPOINT;
    const parsed = endpointSchema.safeParse(custom);
    if (!parsed.success) throw new UsageError('GENKI_CHAIN_ENDPOINT must be a ws:// or wss:// URL.');
    return guardUrl(parsed.data);
  }
  if (value === 'test' || value === 'finney') return PUBLIC_ENDPOINTS[value];
  const parsed = endpointSchema.safeParse(value);
  if (!parsed.success) throw new UsageError(`${command}: --endpoint must be ${ENDPOINT_HELP}.`);
  return guardUrl(parsed.data);
}

export function parseNetuid(command: string, value: string | undefined): number {
  if (value === undefined) throw new UsageError(`${command}: --netuid N is required (Genki-Dama's subnet).`);
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535)
    throw new UsageError(
      `${command}: --netuid must be an integer from 0 to 65535, got ${JSON.stringify(value)}.`,
    );
  return Number(value);
}

export function parseTimeoutMs(command: string, value: string | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUT_S * 1000;
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || seconds <= 0 || seconds > 3600)
    throw new UsageError(
      `${command}: --timeout must be a number of seconds (at most 3600), got ${JSON.stringify(value)}.`,
    );
  return Math.round(seconds * 1000);
}

/** A chain failure as one CLI line, keeping the ChainError's code and detail for `--json`. */
export class ChainFailure extends CliError {
  override name = 'ChainFailure';
  constructor(
    message: string,
    readonly code: ChainErrorCode,
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** One sentence per way the chain can fail; the ChainError's own message carries the details. */
export function chainFailure(error: unknown): unknown {
  if (!(error instanceof ChainError)) return error;
  // lib/chain quotes the endpoint as given, credentials and all; the CLI shows it without them.
  const shown = displayEndpoint(error.endpoint);
  const quoted = error.endpoint ? error.message.split(error.endpoint).join(shown) : error.message;
  const message = quoted.replace(/\.?$/, '.');
  const fail = (text: string) => new ChainFailure(text, error.code, error.detail);
  switch (error.code) {
    case 'connect_failed':
      return fail(`node unreachable: ${message} Is the node running, and is the URL right?`);
    case 'timeout':
      return fail(`timed out: ${message}`);
    case 'disconnected':
      return fail(`the node went away: ${message}`);
    case 'rejected':
      // The node's own answer (`1010: … bad signature`) is the detail; the words say what it means.
      return fail(
        error.detail
          ? `${error.words}: ${shown} refused the transaction (${error.detail}).`
          : `${error.words}: ${message}`,
      );
    default:
      return fail(message);
  }
}

export interface ChainSession {
  client: ChainClient;
  endpoint: string;
  close(): Promise<void>;
}

/** Connects (quietly); `close` always runs, and never hangs on a node that went away. */
export async function openChain(endpoint: string, timeoutMs: number): Promise<ChainSession> {
  const restoreLogs = quietLibraryLogs();
  let client: ChainClient;
  try {
    client = await ChainClient.connect({
      endpoint,
      connectTimeoutMs: Math.min(timeoutMs, MAX_CONNECT_MS),
      callTimeoutMs: Math.min(timeoutMs, MAX_CALL_MS),
    });
  } catch (error) {
    restoreLogs();
    throw chainFailure(error);
  }
  let closed: Promise<void> | undefined;
  return {
    client,
    endpoint,
    close: () => {
      closed ??= (async () => {
        let timer: NodeJS.Timeout | undefined;
        const grace = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, 2_000);
        });
        await Promise.race([client.disconnect().catch(() => {}), grace]);
        clearTimeout(timer);
        restoreLogs();
        exitPromptlyWhenDone();
      })();
      return closed;
    },
  };
}
