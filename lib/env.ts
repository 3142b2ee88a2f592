/**
 * The one typed configuration module. Every setting Genki Studio reads from the environment is
 * declared here, parsed with zod and given a default, so `npm start` works with no variables set.
 *
 * Errors name the variable ("GENKI_NETWORK must be one of …") because the person reading them is
 * an operator looking at a terminal, not a developer reading a zod issue tree.
 */
import { z } from 'zod';
import { toSubstrateAddress } from './auth/address';
import { LOCAL_GENKI_NETUID } from './chain/networks';
import { DEFAULT_MODEL_REPO, parseModelRef } from './clap/model-spec';

export const NETWORKS = ['local', 'test', 'finney'] as const;
export type Network = (typeof NETWORKS)[number];

const emptyToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

function ss58List(value: string, ctx: z.RefinementCtx): string[] {
  const items = value
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter(Boolean);
  const out: string[] = [];
  for (const item of items) {
    const address = toSubstrateAddress(item);
    if (!address) {
      ctx.addIssue({
        code: 'custom',
        message: `has "${item}", which is not an SS58 address of a 32-byte Substrate key`,
      });
      return z.NEVER;
    }
    out.push(address);
  }
  return out;
}

const httpUrl = (fallback: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default(fallback)
      .refine((value) => {
        try {
          const url = new URL(value);
          return url.protocol === 'http:' || url.protocol === 'https:';
        } catch {
          return false;
        }
      }, 'must be an http(s) URL')
      .transform((value) => value.replace(/\/+$/, '')),
  );

/** A chain node's WebSocket endpoint: ws:// or wss:// only (the JSON-RPC the studio speaks). */
const wsUrl = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .trim()
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'ws:' || url.protocol === 'wss:') && url.hostname !== '';
      } catch {
        return false;
      }
    }, 'must be a ws:// or wss:// URL')
    .optional(),
);

/**
 * The subnet the studio commits to and reads. `local` defaults to the simulated chain's Genki-Dama
 * stand-in (netuid 1). Genki-Dama publishes no netuid for testnet or finney (its code's default, 1,
 * is what its dev config uses on a private node), so there it stays unset until the operator names
 * it, and the commit page says so instead of guessing. Not required at start-up: nothing else needs it.
 */
const netuidSchema = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number from 0 to 65535')
    .transform(Number)
    .pipe(z.number().max(65_535, 'must be a whole number from 0 to 65535'))
    .optional(),
);

/** `test` (the built-in fixture model), `hf:owner/name[@rev]`, or a local model folder. */
function modelReference(value: string, ctx: z.RefinementCtx): string {
  if (value === 'test') return value;
  try {
    parseModelRef(value);
    return value;
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
}

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/** A byte count: `2GiB`, `500MB`, `1.5 GiB` or plain bytes (KB/MB/GB are decimal, KiB/MiB/GiB binary). */
const byteSize = (fallback: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default(fallback)
      .transform((value, ctx) => {
        const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
        const unit = SIZE_UNITS[match?.[2]?.toLowerCase() ?? 'none'];
        if (!match || unit === undefined) {
          ctx.addIssue({
            code: 'custom',
            message: `must be a size such as 2GiB, 500MB or a number of bytes (got ${JSON.stringify(value)})`,
          });
          return z.NEVER;
        }
        return Math.floor(Number(match[1]) * unit);
      }),
  );

const configSchema = z.object({
  GENKI_DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
  GENKI_NETWORK: z.preprocess(
    emptyToUndefined,
    z.enum(NETWORKS, { error: `must be one of ${NETWORKS.join(', ')}` }).default('local'),
  ),
  GENKI_HF_HUB_URL: httpUrl('https://huggingface.co'),
  GENKI_CHAIN_ENDPOINT: wsUrl,
  GENKI_NETUID: netuidSchema,
  GENKI_ADMIN_ADDRESSES: z.preprocess(emptyToUndefined, z.string().default('').transform(ss58List)),
  GENKI_CLAP_MODEL: z.preprocess(
    emptyToUndefined,
    z.string().default(`hf:${DEFAULT_MODEL_REPO}`).transform(modelReference),
  ),
  GENKI_PUBLIC_ORIGIN: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((value) => {
        try {
          const url = new URL(value);
          return (
            (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value.replace(/\/$/, '')
          );
        } catch {
          return false;
        }
      }, 'must be an origin such as https://studio.example.org (scheme, host and optional port only)')
      .transform((value) => value.replace(/\/$/, ''))
      .optional(),
  ),
  GENKI_EXPORT_CACHE_MAX_SIZE: byteSize('2GiB'),
});

export interface Config {
  /** Absolute or cwd-relative folder that holds the SQLite database and content-addressed blobs. */
  dataDir: string;
  /** Which Bittensor network the studio talks to; `local` is the offline simulated chain. */
  network: Network;
  /** Base URL of the Hugging Face Hub (overridable so tests can point at a local Hub server). */
  hfHubUrl: string;
  /** SS58 (prefix 42) addresses that may use the validator dashboard's admin actions. */
  adminAddresses: readonly string[];
  /** The public origin when served behind a proxy; otherwise derived from each request's Host. */
  publicOrigin: string | undefined;
  /** CLAP model for scoring: `test`, `hf:owner/name[@rev]` (known repos default to a pinned SHA) or a folder. */
  clapModel: string;
  /**
   * GENKI_CHAIN_ENDPOINT: the chain node to talk to instead of the network's default (undefined:
   * the default, see `chainEndpoint` in lib/chain/networks.ts). `npm start` sets it to the
   * simulated chain it launches for `local`.
   */
  chainEndpoint?: string;
  /**
   * GENKI_NETUID: the Genki-Dama subnet's netuid. Defaults to 1 on `local`; undefined on `test` and
   * `finney` unless set (the commit page then explains what to configure).
   */
  netuid?: number;
  /**
   * GENKI_EXPORT_CACHE_MAX_SIZE in bytes: the budget of rendered export audio kept for reuse
   * (lib/storage/export-cache-gc.ts evicts least recently used renders beyond it).
   */
  exportCacheMaxBytes: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function describeIssue(issue: z.core.$ZodIssue, source: Record<string, string | undefined>): string {
  const variable = String(issue.path[0] ?? 'configuration');
  const raw = source[variable];
  const got =
    raw === undefined || issue.code === 'custom'
      ? ''
      : ` (got ${JSON.stringify(raw.length > 80 ? `${raw.slice(0, 80)}…` : raw)})`;
  // Sentences from other modules ("No pinned revision…") read better after a colon.
  const separator = /^[A-Z]/.test(issue.message) ? ': ' : ' ';
  return `${variable}${separator}${issue.message}${got}`;
}

/** Parses a configuration source (normally `process.env`). Pure, so tests can feed it any map. */
export function parseConfig(source: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(source);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => describeIssue(issue, source)));
  }
  const env = result.data;
  return {
    dataDir: env.GENKI_DATA_DIR,
    network: env.GENKI_NETWORK,
    hfHubUrl: env.GENKI_HF_HUB_URL,
    adminAddresses: env.GENKI_ADMIN_ADDRESSES,
    publicOrigin: env.GENKI_PUBLIC_ORIGIN,
    clapModel: env.GENKI_CLAP_MODEL,
    chainEndpoint: env.GENKI_CHAIN_ENDPOINT,
    netuid: env.GENKI_NETUID ?? (env.GENKI_NETWORK === 'local' ? LOCAL_GENKI_NETUID : undefined),
    exportCacheMaxBytes: env.GENKI_EXPORT_CACHE_MAX_SIZE,
  };
}

let cached: Config | undefined;

/** The process-wide configuration, parsed once from `process.env`. */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Tests change `process.env` between cases; this forgets the parsed copy. */
export function resetConfigForTests(): void {
  cached = undefined;
}
