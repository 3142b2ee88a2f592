/**
 * btcli's NaCl-encrypted key files (./keyfile-nacl.ts, read by parseKeyfile), against files made by
 * Debian's PyNaCl as btcli makes them (tests/reference/btcli_nacl_keyfile.py). The limits are
 * checked against PyNaCl's own constants; the files here use small argon2i limits so each
 * derivation takes milliseconds. The full 512 MiB derivation, through the bundled CLI, is in
 * commands/commitment-submit.test.ts. No message or progress line may contain a secret.
 */
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, mnemonicToMiniSecret, signatureVerify } from '@polkadot/util-crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runReference } from '@/tests/support/python';
import { CliError } from './errors';
import { type PasswordSource, parseKeyfile, sr25519Keyring } from './keyfile';
import {
  ARGON2I_SENSITIVE,
  type Argon2iLimits,
  deriveNaclKey,
  describeLimits,
  NACL_KEY_BYTES,
  NACL_MAC_BYTES,
  NACL_NONCE_BYTES,
  NACL_SALT,
} from './keyfile-nacl';
import { clearSecrets } from './secrets';

// opentensor/btwallet tests/test_keyfile.py's mnemonic and its address.
const MNEMONIC = 'old leopard transfer rib spatial phone calm indicate online fire caution review';
const ADDRESS = '5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX';
const PASSWORD = 'tr0ub4dor & 3 kilos of salt';
const FILE = 'wallets/miner/hotkeys/locked';
/** libsodium's argon2i minimums (opslimit 3, 8 KiB) are allowed; 64 KiB keeps it realistic. */
const FAST: Argon2iLimits = { opslimit: 3, memlimit: 64 * 1024 };

const seed = () => u8aToHex(mnemonicToMiniSecret(MNEMONIC));
/** The JSON btwallet's serialized_keypair_to_keyfile_data writes for a hotkey (less privateKey). */
function keyfileData() {
  const publicKey = u8aToHex(sr25519Keyring().addFromUri(MNEMONIC).publicKey);
  return {
    accountId: publicKey,
    publicKey,
    secretPhrase: MNEMONIC,
    secretSeed: seed(),
    ss58Address: ADDRESS,
  };
}

function pynacl<T>(request: Record<string, unknown>): T {
  return JSON.parse(runReference('btcli_nacl_keyfile.py', [], { input: JSON.stringify(request) })) as T;
}

function encrypt(password: string, keyfile: unknown, limits: Argon2iLimits = FAST): Uint8Array {
  const { file } = pynacl<{ file: string }>({ mode: 'encrypt', password, keyfile, limits });
  return new Uint8Array(Buffer.from(file, 'hex'));
}

/** A password source that counts how often it was asked. */
function source(password: string | undefined): PasswordSource & { asked: number } {
  const ask = async () => {
    ask.asked++;
    return password;
  };
  ask.asked = 0;
  return ask;
}

async function failure(promise: Promise<unknown>): Promise<CliError> {
  const caught = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(caught).toBeInstanceOf(CliError);
  return caught as CliError;
}

function expectNoSecret(text: string) {
  for (const secret of [PASSWORD, MNEMONIC, seed(), seed().slice(2)]) expect(text).not.toContain(secret);
  const words = MNEMONIC.split(' ');
  for (let i = 1; i < words.length; i++) expect(text).not.toContain(`${words[i - 1]} ${words[i]}`);
}

let stderr: string[];
beforeAll(() => cryptoWaitReady());
beforeEach(() => {
  clearSecrets();
  stderr = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr.push(String(chunk));
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

describe('the NaCl constants', () => {
  it('are PyNaCl’s argon2i sensitive limits, btwallet’s salt and the secretbox sizes', () => {
    const pynaclConstants = pynacl<Record<string, number | string>>({ mode: 'constants' });
    expect(ARGON2I_SENSITIVE).toEqual({
      opslimit: pynaclConstants.opslimit_sensitive,
      memlimit: pynaclConstants.memlimit_sensitive,
    });
    // Spelled out as well: a PyNaCl that changed them would no longer read btcli's files.
    expect(ARGON2I_SENSITIVE).toEqual({ opslimit: 8, memlimit: 512 * 2 ** 20 });
    expect(describeLimits()).toBe('512 MiB');
    expect(Buffer.from(NACL_SALT).toString('hex')).toBe(pynaclConstants.salt);
    expect(NACL_SALT.length).toBe(pynaclConstants.saltbytes);
    expect(NACL_KEY_BYTES).toBe(pynaclConstants.key_size);
    expect(NACL_NONCE_BYTES).toBe(pynaclConstants.nonce_size);
    expect(NACL_MAC_BYTES).toBe(pynaclConstants.mac_size);
  });

  it('derive the same key as PyNaCl’s argon2i.kdf (UTF-8 passwords, spaces kept)', async () => {
    const passwords = [PASSWORD, 'pässwörd 🔑', ' spaced ', 'x'];
    const limits: Argon2iLimits = { opslimit: 4, memlimit: 1 << 20 };
    const { keys } = pynacl<{ keys: string[] }>({ mode: 'kdf', passwords, limits });
    const ours = await Promise.all(passwords.map((password) => deriveNaclKey(password, limits)));
    expect(ours.map((key) => Buffer.from(key).toString('hex'))).toEqual(keys);
  });
});

describe('btcli key files encrypted with NaCl', () => {
  it('decrypts one as btcli wrote it, reads the key and signs with it', async () => {
    const password = source(PASSWORD);
    const loaded = await parseKeyfile(encrypt(PASSWORD, keyfileData()), FILE, password, FAST);
    expect(loaded.format).toBe('btcli');
    expect(loaded.pair.address).toBe(ADDRESS);
    expect(password.asked).toBe(1);
    const message = new TextEncoder().encode('genki:ruby:commit');
    expect(signatureVerify(message, loaded.pair.sign(message), ADDRESS).isValid).toBe(true);
    expect(stderr).toEqual([`genki: deriving the key of ${FILE} (argon2i, 64 KiB; a few seconds)…\n`]);
    // The decrypted JSON is read like a plain file's (every field form: signing-key.test.ts).
    const { secretPhrase: _phrase, ...noPhrase } = keyfileData();
    const seeded = await parseKeyfile(encrypt(PASSWORD, noPhrase), FILE, source(PASSWORD), FAST);
    expect(seeded.pair.address).toBe(ADDRESS);
    expectNoSecret(stderr.join(''));
  });

  it('tries a password with surrounding spaces as typed, then trimmed (btwallet trims typed ones)', async () => {
    const loaded = await parseKeyfile(encrypt(PASSWORD, keyfileData()), FILE, source(` ${PASSWORD} `), FAST);
    expect(loaded.pair.address).toBe(ADDRESS);
    expect(stderr).toHaveLength(2);
    expect(stderr[1]).toMatch(/^genki: no match; deriving again with the password trimmed/);
    const exact = await parseKeyfile(
      encrypt(` ${PASSWORD}`, keyfileData()),
      FILE,
      source(` ${PASSWORD}`),
      FAST,
    );
    expect(exact.pair.address).toBe(ADDRESS);
    expect(stderr).toHaveLength(3);
  });

  it('says so for a wrong or missing password, naming the file and nothing in it', async () => {
    const file = encrypt(PASSWORD, keyfileData());
    const wrong = await failure(parseKeyfile(file, FILE, source('tr0ub4dor & 3 kilos of sugar'), FAST));
    expect(wrong.message).toBe(
      `${FILE}: wrong password for this btcli key file (or the file is damaged): it did not decrypt.`,
    );
    const none = await failure(parseKeyfile(file, FILE, source(undefined), FAST));
    expect(none.message).toBe(
      `${FILE}: is encrypted; set GENKI_KEY_PASSWORD, or run genki in a terminal to be asked for the password.`,
    );
    for (const error of [wrong, none]) expectNoSecret(error.message);
    expectNoSecret(stderr.join(''));
  });

  it('refuses damaged, truncated and foreign $NACL files without quoting them', async () => {
    const file = encrypt(PASSWORD, keyfileData());
    const messages: string[] = [];
    // One flipped bit in the nonce, the tag or the ciphertext: poly1305 cannot tell it from a wrong password.
    for (const at of [5, 5 + NACL_NONCE_BYTES, file.length - 1]) {
      const flipped = file.slice();
      flipped[at] = (flipped[at] ?? 0) ^ 1;
      const error = await failure(parseKeyfile(flipped, FILE, source(PASSWORD), FAST));
      expect(error.message).toMatch(/wrong password for this btcli key file \(or the file is damaged\)/);
      messages.push(error.message);
    }
    const cut = await failure(parseKeyfile(file.slice(0, file.length - 20), FILE, source(PASSWORD), FAST));
    expect(cut.message).toMatch(/wrong password for this btcli key file \(or the file is damaged\)/);
    messages.push(cut.message);
    // Too short to hold a nonce and a tag: refused before any password is asked for.
    for (const length of [5, 5 + NACL_NONCE_BYTES + NACL_MAC_BYTES]) {
      const password = source(PASSWORD);
      const error = await failure(parseKeyfile(file.slice(0, length), FILE, password, FAST));
      expect(error.message).toMatch(
        new RegExp(`^${FILE}: a btcli NaCl-encrypted key file, but only ${length - 5} bytes follow \\$NACL`),
      );
      expect(error.message).toMatch(/truncated or damaged/);
      expect(password.asked).toBe(0);
      messages.push(error.message);
    }
    const prefixed = new Uint8Array([0x0a, ...file]);
    const edited = await failure(parseKeyfile(prefixed, FILE, source(PASSWORD), FAST));
    expect(edited.message).toMatch(/something precedes its \$NACL prefix/);
    // It opens, but holds no key btcli would read.
    const list = await failure(parseKeyfile(encrypt(PASSWORD, [MNEMONIC]), FILE, source(PASSWORD), FAST));
    expect(list.message).toBe(`${FILE}: decrypted, but what it holds is not a btcli key file (not shown).`);
    const empty = await failure(parseKeyfile(encrypt(PASSWORD, {}), FILE, source(PASSWORD), FAST));
    expect(empty.message).toMatch(/not a btcli key file \(no secretPhrase, secretSeed or privateKey\)/);
    const mismatched = { ...keyfileData(), ss58Address: '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty' };
    const other = await failure(parseKeyfile(encrypt(PASSWORD, mismatched), FILE, source(PASSWORD), FAST));
    expect(other.message).toMatch(/does not produce the address the file names/);
    for (const message of [...messages, edited.message, list.message, empty.message, other.message]) {
      expect(message.startsWith(`${FILE}: `)).toBe(true);
      expectNoSecret(message);
    }
    expectNoSecret(stderr.join(''));
  });

  it('still refuses btcli’s older encryptions (Ansible Vault, Fernet) with a way out', async () => {
    for (const content of [`$ANSIBLE_VAULT;1.1;AES256\n${'3'.repeat(64)}`, `gAAAAAB${'x'.repeat(60)}`]) {
      const password = source(PASSWORD);
      const error = await failure(parseKeyfile(new TextEncoder().encode(content), FILE, password, FAST));
      expect(error.message).toMatch(
        /^wallets\/miner\/hotkeys\/locked: is encrypted by btcli with an older method \(Ansible Vault or Fernet\), which genki cannot decrypt\./,
      );
      expect(error.message).toMatch(/GENKI_SURI/);
      expect(password.asked).toBe(0);
    }
  });
});
