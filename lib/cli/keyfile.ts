/**
 * Key files `genki commitment submit --keyfile` reads, both checked with zod:
 *
 * - btcli's hotkey file (`~/.bittensor/wallets/<wallet>/hotkeys/<hotkey>`, written by
 *   opentensor/btwallet `serialized_keypair_to_keyfile_data`): JSON with `secretPhrase` (the
 *   mnemonic), `secretSeed` (0x + the 32-byte mini secret), `privateKey` (0x + 64 bytes: schnorrkel's
 *   canonical secret key ‖ nonce), `publicKey` / `accountId` (0x + 32 bytes) and `ss58Address`.
 *   btwallet reads them in that order of preference, and so do we.
 * - The same file as btcli encrypts it when a key gets a password (`$NACL` ‖ nonce ‖ secretbox, key
 *   from argon2i at libsodium's "sensitive" limits, 512 MiB; see ./keyfile-nacl.ts). The password
 *   comes from the same PasswordSource as an export's (GENKI_KEY_PASSWORD, else a no-echo prompt on
 *   a terminal); the derivation takes seconds, so a progress line says so. Older btcli encryptions
 *   (Ansible Vault, legacy Fernet) are refused with a way out.
 * - A polkadot.js / wallet-extension account export (`{ encoded, encoding, address, meta }`,
 *   pkcs8 + scrypt + xsalsa20-poly1305), sr25519 only, as Bittensor hotkeys are.
 *
 * Error messages name the file and the problem, never any of its contents.
 */
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair, KeyringPair$Json } from '@polkadot/keyring/types';
import { hexToU8a, u8aEq } from '@polkadot/util';
import { decodeAddress, mnemonicValidate, signatureVerify } from '@polkadot/util-crypto';
import { z } from 'zod';
import { CliError } from './errors';
import {
  ARGON2I_SENSITIVE,
  type Argon2iLimits,
  checkNaclKeyfile,
  describeLimits,
  isNaclKeyfile,
  openNaclKeyfile,
} from './keyfile-nacl';
import { printProgress } from './output';
import { registerSecret } from './secrets';

export type KeyfileFormat = 'btcli' | 'polkadot-json';

export interface LoadedKeyfile {
  pair: KeyringPair;
  format: KeyfileFormat;
}

/** Asked only when an export is encrypted; returns undefined when no password can be had. */
export type PasswordSource = () => Promise<string | undefined>;

const MAX_KEYFILE_BYTES = 64 * 1024;
const hex32 = /^0x[0-9a-f]{64}$/i;
const hex64 = /^0x[0-9a-f]{128}$/i;
const optional = z.string().nullish();

const btcliSchema = z.object({
  secretPhrase: optional,
  secretSeed: optional,
  privateKey: optional,
  publicKey: optional,
  accountId: optional,
  ss58Address: optional,
});

const polkadotSchema = z.object({
  encoded: z.string(),
  encoding: z.object({
    content: z.array(z.string()),
    type: z.union([z.array(z.string()), z.string()]),
    version: z.string(),
  }),
  address: z.string(),
  meta: z.record(z.string(), z.unknown()).optional(),
});

export function sr25519Keyring(): Keyring {
  return new Keyring({ type: 'sr25519', ss58Format: 42 });
}

/**
 * btwallet's `privateKey` is schnorrkel's canonical `SecretKey::to_bytes` (scalar ‖ nonce), while
 * polkadot.js keeps sr25519 secrets in the "ed25519 bytes" form (`to_ed25519_bytes`): the scalar
 * multiplied by the cofactor 8. The scalar is below 2^253, so the product fits in 32 bytes.
 */
export function canonicalToPolkadotSecret(canonical: Uint8Array): Uint8Array {
  if (canonical.length !== 64) throw new RangeError('an sr25519 secret key is 64 bytes');
  let scalar = 0n;
  for (let i = 31; i >= 0; i--) scalar = (scalar << 8n) | BigInt(canonical[i] ?? 0);
  scalar *= 8n;
  const out = new Uint8Array(64);
  for (let i = 0; i < 32; i++) {
    out[i] = Number(scalar & 0xffn);
    scalar >>= 8n;
  }
  out.set(canonical.subarray(32), 32);
  return out;
}

/** The 32-byte public key of an SS58 address or 0x-hex public key, or undefined if neither. */
function publicKeyOf(value: string | null | undefined): Uint8Array | undefined {
  if (!value) return undefined;
  try {
    return hex32.test(value) ? hexToU8a(value) : decodeAddress(value);
  } catch {
    return undefined;
  }
}

function sameKey(pair: KeyringPair, claimed: (string | null | undefined)[], file: string): void {
  for (const value of claimed) {
    if (!value) continue;
    const key = publicKeyOf(value);
    if (!key || !u8aEq(key, pair.publicKey))
      throw new CliError(
        `${file}: its secret does not produce the address the file names; the key file is damaged or was edited.`,
      );
  }
}

function fromBtcli(data: z.infer<typeof btcliSchema>, file: string): KeyringPair {
  const keyring = sr25519Keyring();
  const { secretPhrase, secretSeed, privateKey } = data;
  for (const secret of [secretPhrase, secretSeed, privateKey]) registerSecret(secret ?? undefined);
  let pair: KeyringPair;
  if (secretPhrase) {
    const phrase = secretPhrase.trim().split(/\s+/).join(' ');
    if (!mnemonicValidate(phrase))
      throw new CliError(`${file}: secretPhrase is not a valid BIP39 mnemonic (not shown).`);
    pair = keyring.addFromMnemonic(phrase);
  } else if (secretSeed) {
    if (!hex32.test(secretSeed))
      throw new CliError(`${file}: secretSeed is not 0x followed by 64 hex digits (not shown).`);
    pair = keyring.addFromSeed(hexToU8a(secretSeed));
  } else if (privateKey) {
    if (!hex64.test(privateKey))
      throw new CliError(`${file}: privateKey is not 0x followed by 128 hex digits (not shown).`);
    const publicKey =
      publicKeyOf(data.publicKey) ?? publicKeyOf(data.accountId) ?? publicKeyOf(data.ss58Address);
    if (!publicKey)
      throw new CliError(`${file}: has a privateKey but no publicKey or ss58Address to pair it with.`);
    // No way to derive the public key from a secret key here: prove each candidate form by signing.
    // btwallet writes the canonical form; files from older SDKs may hold the ed25519 form as is.
    const raw = hexToU8a(privateKey);
    const probe = new TextEncoder().encode('genki keyfile check');
    const found = [canonicalToPolkadotSecret(raw), raw]
      .map((secretKey) => keyring.createFromPair({ publicKey, secretKey }))
      .find((candidate) => {
        try {
          return signatureVerify(probe, candidate.sign(probe), candidate.publicKey).isValid;
        } catch {
          return false; // not a scalar in this form
        }
      });
    if (!found)
      throw new CliError(
        `${file}: its privateKey does not belong to its public key; the key file is damaged.`,
      );
    pair = found;
  } else if (data.ss58Address || data.publicKey || data.accountId) {
    throw new CliError(
      `${file}: holds only a public address (like btcli's coldkeypub.txt), no secret. Point --keyfile at the hotkey file itself, usually ~/.bittensor/wallets/<wallet>/hotkeys/<hotkey>.`,
    );
  } else {
    throw new CliError(`${file}: not a btcli key file (no secretPhrase, secretSeed or privateKey).`);
  }
  sameKey(pair, [data.ss58Address, data.publicKey, data.accountId], file);
  return pair;
}

/** The password for an encrypted file, registered as a secret; fails when none can be had. */
async function passwordFor(file: string, password: PasswordSource): Promise<string> {
  const secret = await password();
  if (secret === undefined)
    throw new CliError(
      `${file}: is encrypted; set GENKI_KEY_PASSWORD, or run genki in a terminal to be asked for the password.`,
    );
  registerSecret(secret);
  return secret;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A btcli key file that btcli encrypted with NaCl: decrypted, then read as the plain one. */
async function fromNacl(
  bytes: Uint8Array,
  file: string,
  password: PasswordSource,
  limits: Argon2iLimits,
): Promise<KeyringPair> {
  checkNaclKeyfile(bytes, file); // before asking for a password it could not use
  const secret = await passwordFor(file, password);
  // btwallet trims a typed password before deriving the key (its env-var path does not): try the
  // password as given, then trimmed, so either way of creating the file opens.
  const candidates = secret.trim() === secret ? [secret] : [secret, secret.trim()];
  let plain: Uint8Array | undefined;
  for (const [index, candidate] of candidates.entries()) {
    printProgress(
      index === 0
        ? `deriving the key of ${file} (argon2i, ${describeLimits(limits)}; a few seconds)…`
        : 'no match; deriving again with the password trimmed of spaces, as btcli reads typed ones…',
    );
    plain = await openNaclKeyfile(bytes, file, candidate, limits);
    if (plain) break;
  }
  if (!plain)
    throw new CliError(
      `${file}: wrong password for this btcli key file (or the file is damaged): it did not decrypt.`,
    );
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
  } catch {
    throw new CliError(`${file}: decrypted, but what it holds is not a btcli key file (not shown).`);
  } finally {
    plain.fill(0);
  }
  const btcli = btcliSchema.safeParse(json);
  if (!btcli.success || !isObject(json))
    throw new CliError(`${file}: decrypted, but what it holds is not a btcli key file (not shown).`);
  return fromBtcli(btcli.data, file);
}

async function fromPolkadotJson(
  data: z.infer<typeof polkadotSchema>,
  file: string,
  password: PasswordSource,
): Promise<KeyringPair> {
  const [kind, type] = data.encoding.content;
  if (kind === 'batch-pkcs8')
    throw new CliError(`${file}: is an export of several accounts; export the hotkey account on its own.`);
  if (kind !== 'pkcs8' || type === undefined)
    throw new CliError(
      `${file}: not a polkadot.js account export genki can read (encoding ${kind ?? 'missing'}).`,
    );
  if (type !== 'sr25519')
    throw new CliError(
      `${file}: holds an ${type} account; Bittensor hotkeys are sr25519 (btcli keys imported as ${type} get another address).`,
    );
  let pair: KeyringPair;
  try {
    pair = sr25519Keyring().addFromJson(data as KeyringPair$Json);
  } catch {
    throw new CliError(`${file}: not a polkadot.js account export genki can read.`);
  }
  const types = Array.isArray(data.encoding.type) ? data.encoding.type : [data.encoding.type];
  const secret = types.includes('none') ? undefined : await passwordFor(file, password);
  try {
    pair.decodePkcs8(secret);
  } catch {
    throw new CliError(`${file}: wrong password, or a damaged export (it did not decrypt).`);
  }
  sameKey(pair, [data.address], file);
  return pair;
}

/**
 * Parses a key file's bytes (already read) into an unlocked sr25519 pair. `naclLimits` is for
 * tests only: btcli always writes its NaCl files at the sensitive limits.
 */
export async function parseKeyfile(
  bytes: Uint8Array,
  file: string,
  password: PasswordSource,
  naclLimits: Argon2iLimits = ARGON2I_SENSITIVE,
): Promise<LoadedKeyfile> {
  if (bytes.length > MAX_KEYFILE_BYTES)
    throw new CliError(`${file}: too large for a key file (${bytes.length} bytes).`);
  if (isNaclKeyfile(bytes))
    return { pair: await fromNacl(bytes, file, password, naclLimits), format: 'btcli' };
  const text = new TextDecoder().decode(bytes).trim();
  if (text.startsWith('$NACL'))
    throw new CliError(
      `${file}: something precedes its $NACL prefix, which btcli writes first; the file was edited or damaged.`,
    );
  if (/^(\$ANSIBLE_VAULT|gAAAAA)/.test(text))
    throw new CliError(
      `${file}: is encrypted by btcli with an older method (Ansible Vault or Fernet), which genki cannot decrypt. Let a current btcli re-encrypt it (NaCl), use an unencrypted hotkey file (btcli's default for hotkeys), or pass the mnemonic in GENKI_SURI.`,
    );
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Never the parser's message: it quotes the start of the file, which may be a bare mnemonic.
    throw new CliError(
      `${file}: not JSON; expected a btcli hotkey file or a polkadot.js account export (contents not shown).`,
    );
  }
  const exported = polkadotSchema.safeParse(json);
  if (exported.success)
    return { pair: await fromPolkadotJson(exported.data, file, password), format: 'polkadot-json' };
  const btcli = btcliSchema.safeParse(json);
  if (btcli.success && isObject(json)) return { pair: fromBtcli(btcli.data, file), format: 'btcli' };
  throw new CliError(
    `${file}: not a key file genki can read; expected a btcli hotkey file or a polkadot.js account export.`,
  );
}
