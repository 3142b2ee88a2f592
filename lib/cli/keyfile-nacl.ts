/**
 * btcli's NaCl-encrypted key files, the format current btcli / btwallet writes for a key created
 * with a password (opentensor/btwallet `encrypt_keyfile_data`, and bittensor's keyfile.py before
 * it): `$NACL` ‖ PyNaCl `SecretBox.encrypt` output, i.e. a 24-byte nonce ‖ poly1305 tag ‖
 * xsalsa20 ciphertext. The box key is argon2i (v1.3) of the UTF-8 password with btwallet's fixed
 * 16-byte salt, 32 bytes long, at libsodium's argon2i "sensitive" limits (opslimit 8, memlimit
 * 512 MiB: crypto_pwhash_argon2i_{OPS,MEM}LIMIT_SENSITIVE, as PyNaCl's `nacl.pwhash.argon2i` and
 * sodiumoxide's `argon2i13` export them; keyfile-nacl.test.ts checks them against PyNaCl).
 *
 * argon2i comes from hash-wasm (WebAssembly, about 8 s and 512 MiB at these limits), the secretbox
 * from @polkadot/util-crypto's tweetnacl port. Errors name the file, never its contents.
 */
import { naclDecrypt } from '@polkadot/util-crypto';
import { argon2i } from 'hash-wasm';
import { CliError } from './errors';

export const NACL_PREFIX = '$NACL';
/** btwallet's `NACL_SALT`, b"\x13q\x83\xdf\xf1Z\t\xbc\x9c\x90\xb5Q\x879\xe9\xb1". */
export const NACL_SALT = Uint8Array.from([
  0x13, 0x71, 0x83, 0xdf, 0xf1, 0x5a, 0x09, 0xbc, 0x9c, 0x90, 0xb5, 0x51, 0x87, 0x39, 0xe9, 0xb1,
]);
export const NACL_KEY_BYTES = 32;
export const NACL_NONCE_BYTES = 24;
export const NACL_MAC_BYTES = 16;

/** libsodium's argon2i limits: `opslimit` is argon2's t_cost, `memlimit` is in bytes (m_cost × 1024). */
export interface Argon2iLimits {
  opslimit: number;
  memlimit: number;
}

/** crypto_pwhash_argon2i_OPSLIMIT_SENSITIVE and crypto_pwhash_argon2i_MEMLIMIT_SENSITIVE. */
export const ARGON2I_SENSITIVE: Readonly<Argon2iLimits> = Object.freeze({
  opslimit: 8,
  memlimit: 536_870_912,
});

const PREFIX_BYTES = new TextEncoder().encode(NACL_PREFIX);

/** Whether the file's raw bytes start with `$NACL`. */
export function isNaclKeyfile(bytes: Uint8Array): boolean {
  return PREFIX_BYTES.every((byte, i) => bytes[i] === byte);
}

/**
 * Fails before any password is asked for when a `$NACL` file is too short to hold a nonce, a tag
 * and a key file (a truncated copy, or only the prefix).
 */
export function checkNaclKeyfile(bytes: Uint8Array, file: string): void {
  const body = bytes.length - PREFIX_BYTES.length;
  if (body <= NACL_NONCE_BYTES + NACL_MAC_BYTES)
    throw new CliError(
      `${file}: a btcli NaCl-encrypted key file, but only ${Math.max(body, 0)} bytes follow $NACL (a nonce and tag alone take ${NACL_NONCE_BYTES + NACL_MAC_BYTES}); the file is truncated or damaged.`,
    );
}

/** The secretbox key for `password`: libsodium's `crypto_pwhash_argon2i` with btwallet's salt. */
export async function deriveNaclKey(
  password: string,
  limits: Argon2iLimits = ARGON2I_SENSITIVE,
): Promise<Uint8Array> {
  return argon2i({
    password: new TextEncoder().encode(password),
    salt: NACL_SALT,
    iterations: limits.opslimit,
    memorySize: Math.floor(limits.memlimit / 1024), // libsodium: bytes; argon2's m_cost: KiB
    parallelism: 1,
    hashLength: NACL_KEY_BYTES,
    outputType: 'binary',
  });
}

/** The memory the derivation takes, for the progress line ("512 MiB"). */
export function describeLimits(limits: Argon2iLimits = ARGON2I_SENSITIVE): string {
  const mib = limits.memlimit / 2 ** 20;
  return mib >= 1 ? `${Math.round(mib)} MiB` : `${Math.round(limits.memlimit / 1024)} KiB`;
}

/**
 * The plaintext of a `$NACL` file (checked with checkNaclKeyfile first), or undefined when the
 * password does not open the box: a wrong password and a damaged file look the same to poly1305.
 */
export async function openNaclKeyfile(
  bytes: Uint8Array,
  file: string,
  password: string,
  limits: Argon2iLimits = ARGON2I_SENSITIVE,
): Promise<Uint8Array | undefined> {
  checkNaclKeyfile(bytes, file);
  const body = bytes.subarray(PREFIX_BYTES.length);
  let key: Uint8Array;
  try {
    key = await deriveNaclKey(password, limits);
  } catch (error) {
    // hash-wasm's own words (no input in them), e.g. when the memory cannot be had.
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(
      `${file}: could not derive its key (argon2i needs ${describeLimits(limits)} of memory): ${reason}`,
    );
  }
  try {
    return naclDecrypt(body.subarray(NACL_NONCE_BYTES), body.subarray(0, NACL_NONCE_BYTES), key) ?? undefined;
  } finally {
    key.fill(0);
  }
}
