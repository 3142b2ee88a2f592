/**
 * The hotkey `genki commitment submit` signs with: a secret URI (`--suri`, or GENKI_SURI so it
 * never lands in shell history) or a key file (`--keyfile`, see ./keyfile.ts). The pair is an
 * sr25519 @polkadot/keyring pair living in this process only. Every secret is registered with
 * ./secrets.ts as soon as it is read; no message here ever contains one.
 */
import type { KeyringPair } from '@polkadot/keyring/types';
import { isHex } from '@polkadot/util';
import { cryptoWaitReady, keyExtractSuri, mnemonicValidate } from '@polkadot/util-crypto';
import { readInputFile } from './args';
import { CliError, UsageError } from './errors';
import { type KeyfileFormat, type PasswordSource, parseKeyfile, sr25519Keyring } from './keyfile';
import { canPrompt, promptPassword } from './password-prompt';
import { registerSecret } from './secrets';

export interface KeyOptions {
  suri?: string;
  keyfile?: string;
  env: Record<string, string | undefined>;
}

export interface SigningKey {
  pair: KeyringPair;
  /** Where the key came from, for progress lines: "GENKI_SURI", "btcli key file hk.json", … */
  source: string;
  /** Advice for stderr (for instance: a mnemonic on the command line). */
  notes: string[];
}

export type SuriKind = 'dev' | 'mnemonic' | 'seed';

/**
 * Classifies a secret URI, refusing what polkadot.js would silently accept: a phrase that is
 * neither a valid mnemonic nor a 32-byte hex seed becomes a *raw seed* there, so a typo in a
 * mnemonic would sign with some other, unregistered key.
 */
export function checkSuri(suri: string, origin: string): { suri: string; kind: SuriKind } {
  const trimmed = suri.trim();
  if (trimmed.startsWith('//')) return { suri: trimmed, kind: 'dev' };
  // Mnemonic words hold no "/": the first one starts the derivation path (and ///password).
  const slash = trimmed.indexOf('/');
  const phrase = (slash === -1 ? trimmed : trimmed.slice(0, slash)).trim().split(/\s+/).join(' ');
  const normalized = phrase + (slash === -1 ? '' : trimmed.slice(slash));
  const invalid = new CliError(
    `${origin} is not a mnemonic, a 0x seed of 32 bytes or a //derivation of the dev phrase (value not shown).`,
  );
  try {
    keyExtractSuri(normalized);
  } catch {
    throw invalid;
  }
  if (isHex(phrase, 256)) return { suri: normalized, kind: 'seed' };
  if (mnemonicValidate(phrase)) return { suri: normalized, kind: 'mnemonic' };
  throw invalid;
}

export function pairFromSuri(suri: string, origin: string): KeyringPair {
  registerSecret(suri);
  const checked = checkSuri(suri, origin);
  try {
    return sr25519Keyring().addFromUri(checked.suri);
  } catch {
    throw new CliError(`${origin}: cannot derive a key from it (value not shown).`);
  }
}

function passwordSource(env: KeyOptions['env'], file: string): PasswordSource {
  return async () => {
    const fromEnv = env.GENKI_KEY_PASSWORD;
    if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
    if (!canPrompt()) return undefined;
    return promptPassword(`Password for ${file}: `);
  };
}

const FORMAT_NAMES: Record<KeyfileFormat, string> = {
  btcli: 'btcli key file',
  'polkadot-json': 'polkadot.js export',
};

export async function loadSigningKey(options: KeyOptions): Promise<SigningKey> {
  const { suri, keyfile, env } = options;
  // Registered before any check, so even a usage error cannot echo it.
  registerSecret(suri);
  registerSecret(env.GENKI_SURI);
  registerSecret(env.GENKI_KEY_PASSWORD);
  if (suri !== undefined && keyfile !== undefined)
    throw new UsageError('commitment submit: give either --suri or --keyfile, not both.');
  await cryptoWaitReady();
  if (keyfile !== undefined) {
    const { pair, format } = await parseKeyfile(
      readInputFile(keyfile),
      keyfile,
      passwordSource(env, keyfile),
    );
    return { pair, source: `${FORMAT_NAMES[format]} ${keyfile}`, notes: [] };
  }
  const fromEnv = env.GENKI_SURI;
  const secret = suri ?? (fromEnv === '' ? undefined : fromEnv);
  if (secret === undefined)
    throw new UsageError(
      'commitment submit: give the hotkey: --keyfile FILE (a btcli hotkey file or a polkadot.js export), or its secret in GENKI_SURI (or --suri).',
    );
  const origin = suri === undefined ? 'GENKI_SURI' : '--suri';
  const pair = pairFromSuri(secret, origin);
  const notes =
    suri !== undefined && checkSuri(secret, origin).kind !== 'dev'
      ? [
          '--suri puts your secret in the shell history and the process list; on a shared machine use GENKI_SURI or --keyfile.',
        ]
      : [];
  return { pair, source: origin, notes };
}
