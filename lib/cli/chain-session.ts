/**
 * What the chain subcommands (`commitment submit`, `commitment show`) share: `--endpoint` as a
 * URL or a network name, `--netuid`, `--timeout`, opening and closing the ChainClient with
 * @polkadot/api's own log lines kept off stderr, and ChainErrors turned into one line in words.
 */
import { ChainClient } from '../chain/client';
import { ChainError, type ChainErrorCode } from '../chain/errors';
import { endpointSchema, LOCAL_ENDPOINT, PUBLIC_ENDPOINTS } from '../chain/networks';
import { CliError, UsageError } from './errors';
import { quietLibraryLogs } from './library-logs';
import { exitPromptlyWhenDone } from './prompt-exit';
import { registerSecret } from './secrets';

export const ENDPOINT_HELP = 'a ws:// or wss:// URL, or local, test or finney';
export const DEFAULT_TIMEOUT_S = 120;
/** Connecting and single reads never wait longer than this, whatever --timeout says. */
const MAX_CONNECT_MS = 15_000;
const MAX_CALL_MS = 30_000;

/** Secrets in a URL (`wss://user:token@host`, `?apikey=`) are kept out of every message. */
function guardUrl(url: string): string {
  const parsed = new URL(url);
  // As written in the URL (what messages quote) and decoded.
  registerSecret(parsed.password);
  try {
    registerSecret(decodeURIComponent(parsed.password));
  } catch {
    // Not valid percent-encoding: the raw form is registered already.
  }
  // Query values are secrets only when they look like keys (`?tls=1` is not one).
  for (const value of parsed.searchParams.values()) if (value.length >= 12) registerSecret(value);
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
  const message = error.message.replace(/\.?$/, '.');
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
          ? `${error.words}: ${error.endpoint} refused the transaction (${error.detail}).`
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
