/**
 * The hotkey sources of `genki commitment submit`, in process: secret URIs (and what polkadot.js
 * would silently accept but we refuse), btcli's hotkey file in each of its forms (btwallet's own
 * test vector for `privateKey`), polkadot.js exports, and the secret scrubber. No message may
 * contain the secret it is about.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, mnemonicToMiniSecret } from '@polkadot/util-crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '@/tests/support/temp-dir';
import { CliError } from './errors';
import { canonicalToPolkadotSecret, parseKeyfile } from './keyfile';
import { clearSecrets, registerSecret, scrubSecrets } from './secrets';
import { checkSuri, loadSigningKey } from './signing-key';

const MNEMONIC = 'night bar quote buddy sun pole rally year sword patient private identify';
const MNEMONIC_ADDRESS = '5CM4xEWPNdysgZfeRcxKh2bTkbKmSvaCdFRWvrY7BCPYMngB';
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
// opentensor/btwallet tests/test_keyfile.py: this privateKey and mnemonic give this public key.
const BTWALLET_MNEMONIC = 'old leopard transfer rib spatial phone calm indicate online fire caution review';
const BTWALLET_PRIVATE_KEY =
  '0x1f1995bdf3a17b60626a26cfe6f564b337d46056b7a1281b64c649d592ccda0a9cffd34d9fb01cae1fba61aeed184c817442a2186d5172416729a4b54dd4b84e';
const BTWALLET_PUBLIC_KEY = '0xe4359ad3e2716c539a1d663ebd0a51bdc5c98a12e663bb4c4402db47828c9446';
const BTWALLET_ADDRESS = '5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX';
const PASSWORD = 'correct horse battery staple 42';

const temp = makeTempDir('genki-keys-');
const bytes = (value: unknown) =>
  new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
const noPassword = async () => undefined;
const seed = () => u8aToHex(mnemonicToMiniSecret(MNEMONIC));

async function failure(promise: Promise<unknown> | (() => unknown)): Promise<CliError> {
  const caught = await (typeof promise === 'function' ? Promise.resolve().then(promise) : promise).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(caught).toBeInstanceOf(CliError);
  return caught as CliError;
}

function expectNoSecret(text: string, ...secrets: string[]) {
  for (const secret of secrets) expect(text).not.toContain(secret);
  const words = MNEMONIC.split(' ');
  for (let i = 1; i < words.length; i++) expect(text).not.toContain(`${words[i - 1]} ${words[i]}`);
}

beforeAll(() => cryptoWaitReady());
beforeEach(() => clearSecrets());
afterAll(() => temp.cleanup());

describe('secret URIs', () => {
  it('accepts a mnemonic (any spacing), a 0x seed and //dev derivations', async () => {
    expect(checkSuri(`  ${MNEMONIC.replace(/ /g, '   ')} `, '--suri')).toEqual({
      suri: MNEMONIC,
      kind: 'mnemonic',
    });
    expect(checkSuri(`${MNEMONIC}//hot/1`, '--suri').kind).toBe('mnemonic');
    expect(checkSuri(seed(), 'GENKI_SURI').kind).toBe('seed');
    expect(checkSuri('//Bob', '--suri').kind).toBe('dev');
    const bob = await loadSigningKey({ suri: '//Bob', env: {} });
    expect(bob).toMatchObject({ source: '--suri', notes: [] });
    expect(bob.pair.address).toBe(BOB);
    const fromEnv = await loadSigningKey({ env: { GENKI_SURI: MNEMONIC } });
    expect(fromEnv).toMatchObject({ source: 'GENKI_SURI', notes: [] });
    expect(fromEnv.pair.address).toBe(MNEMONIC_ADDRESS);
    const onCommandLine = await loadSigningKey({ suri: MNEMONIC, env: {} });
    expect(onCommandLine.notes.join(' ')).toMatch(/shell history .* GENKI_SURI or --keyfile/);
  });

  it('refuses what polkadot.js would turn into a raw seed (a typo would sign with another key)', async () => {
    const typo = MNEMONIC.replace('identify', 'identity');
    for (const suri of [typo, 'hunter2', 'night bar quote', '0x1234', `${typo}//hot`]) {
      const error = await failure(() => checkSuri(suri, '--suri'));
      expect(error.message).toMatch(
        /^--suri is not a mnemonic, a 0x seed of 32 bytes or a \/\/derivation .*\(value not shown\)/,
      );
      expectNoSecret(error.message, suri);
    }
    const usage = await failure(loadSigningKey({ env: {} }));
    expect(usage.message).toMatch(/--keyfile FILE .* GENKI_SURI \(or --suri\)/);
    const both = await failure(loadSigningKey({ suri: MNEMONIC, keyfile: 'x', env: {} }));
    expect(both.message).toMatch(/either --suri or --keyfile, not both/);
    expectNoSecret(both.message, MNEMONIC);
  });
});

describe('btcli hotkey files', () => {
  it('reads secretPhrase, secretSeed and (btwallet’s canonical) privateKey, checking ss58Address', async () => {
    const pair = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(MNEMONIC);
    const publicKey = u8aToHex(pair.publicKey);
    const full = {
      accountId: publicKey,
      publicKey,
      secretPhrase: MNEMONIC,
      secretSeed: seed(),
      ss58Address: MNEMONIC_ADDRESS,
    };
    const phrase = await parseKeyfile(bytes(full), 'hk', noPassword);
    expect(phrase.format).toBe('btcli');
    expect(phrase.pair.address).toBe(MNEMONIC_ADDRESS);
    const seeded = await parseKeyfile(bytes({ ...full, secretPhrase: null }), 'hk', noPassword);
    expect(seeded.pair.address).toBe(MNEMONIC_ADDRESS);
    const privateOnly = await parseKeyfile(
      bytes({
        privateKey: BTWALLET_PRIVATE_KEY,
        publicKey: BTWALLET_PUBLIC_KEY,
        ss58Address: BTWALLET_ADDRESS,
      }),
      'hk',
      noPassword,
    );
    expect(privateOnly.pair.address).toBe(BTWALLET_ADDRESS);
    // The ed25519 form polkadot.js itself keeps (older SDKs' files) is accepted as it is.
    const polkadotForm = u8aToHex(
      new Keyring({ type: 'sr25519' }).addFromUri(BTWALLET_MNEMONIC).encodePkcs8().subarray(16, 80),
    );
    const older = await parseKeyfile(
      bytes({ privateKey: polkadotForm, publicKey: BTWALLET_PUBLIC_KEY }),
      'hk',
      noPassword,
    );
    expect(older.pair.address).toBe(BTWALLET_ADDRESS);
    // Same key as btwallet's mnemonic: the converted secret is polkadot.js's form of it.
    const expected = new Keyring({ type: 'sr25519' }).addFromUri(BTWALLET_MNEMONIC);
    expect(expected.address).toBe(BTWALLET_ADDRESS);
    const polkadotSecret = canonicalToPolkadotSecret(
      new Uint8Array(Buffer.from(BTWALLET_PRIVATE_KEY.slice(2), 'hex')),
    );
    expect(u8aToHex(polkadotSecret)).toBe(
      '0xf8c8a8ec9d0fdd031353337936af279bbda106b3ba0d45d920334eaa9664d6569cffd34d9fb01cae1fba61aeed184c817442a2186d5172416729a4b54dd4b84e',
    );
  });

  it('explains every file it cannot use, never quoting the file', async () => {
    const cases: [unknown, RegExp][] = [
      [{ secretPhrase: MNEMONIC, ss58Address: BOB }, /does not produce the address the file names/],
      [
        { secretPhrase: MNEMONIC.replace('identify', 'identity') },
        /secretPhrase is not a valid BIP39 mnemonic \(not shown\)/,
      ],
      [{ secretSeed: seed().slice(0, 40) }, /secretSeed is not 0x followed by 64 hex digits/],
      [
        { privateKey: BTWALLET_PRIVATE_KEY, publicKey: `0x${'11'.repeat(32)}` },
        /privateKey does not belong to its public key/,
      ],
      [
        { accountId: BTWALLET_PUBLIC_KEY, ss58Address: BTWALLET_ADDRESS },
        /only a public address \(like btcli's coldkeypub\.txt\)/,
      ],
      [{ hello: 'world' }, /not a btcli key file/],
      [[1, 2], /not a key file genki can read/],
      [
        MNEMONIC,
        /not JSON; expected a btcli hotkey file or a polkadot\.js account export \(contents not shown\)/,
      ],
      // btcli's NaCl files are read (keyfile-nacl.test.ts); without a password they cannot be.
      [`$NACL${'x'.repeat(60)}`, /is encrypted; set GENKI_KEY_PASSWORD, or run genki in a terminal/],
      [`$NACL${'x'.repeat(20)}`, /only 20 bytes follow \$NACL .* truncated or damaged/],
      [`gAAAAAB${'x'.repeat(60)}`, /encrypted by btcli with an older method \(Ansible Vault or Fernet\)/],
    ];
    for (const [content, pattern] of cases) {
      const error = await failure(parseKeyfile(bytes(content), 'wallets/miner/hotkeys/default', noPassword));
      expect(error.message).toMatch(/^wallets\/miner\/hotkeys\/default: /);
      expect(error.message).toMatch(pattern);
      expectNoSecret(error.message, MNEMONIC, seed(), BTWALLET_PRIVATE_KEY, MNEMONIC.slice(0, 10));
    }
  });
});

describe('polkadot.js account exports', () => {
  const keyring = () => new Keyring({ type: 'sr25519', ss58Format: 0 });

  it('decrypts with GENKI_KEY_PASSWORD, re-encoding the address for Bittensor (prefix 42)', async () => {
    const file = path.join(temp.dir, 'export.json');
    // Exported from a Polkadot-prefix account: the address in the file is not a 5… one.
    fs.writeFileSync(file, JSON.stringify(keyring().addFromUri(MNEMONIC).toJson(PASSWORD)));
    const key = await loadSigningKey({ keyfile: file, env: { GENKI_KEY_PASSWORD: PASSWORD } });
    expect(key.pair.address).toBe(MNEMONIC_ADDRESS);
    expect(key.source).toBe(`polkadot.js export ${file}`);
    const unencrypted = await parseKeyfile(
      bytes(keyring().addFromUri('//Bob').toJson()),
      'plain.json',
      noPassword,
    );
    expect(unencrypted.pair.address).toBe(BOB);
  });

  it('refuses wrong passwords, missing passwords without a terminal, batches and non-sr25519 accounts', async () => {
    const json = keyring().addFromUri(MNEMONIC).toJson(PASSWORD);
    const wrong = await failure(parseKeyfile(bytes(json), 'e.json', async () => 'not it'));
    expect(wrong.message).toBe('e.json: wrong password, or a damaged export (it did not decrypt).');
    const none = await failure(parseKeyfile(bytes(json), 'e.json', noPassword));
    expect(none.message).toMatch(/is encrypted; set GENKI_KEY_PASSWORD, or run genki in a terminal/);
    const batch = { ...json, encoding: { ...json.encoding, content: ['batch-pkcs8'] }, accounts: [] };
    expect((await failure(parseKeyfile(bytes(batch), 'all.json', noPassword))).message).toMatch(
      /several accounts/,
    );
    const ed = new Keyring({ type: 'ed25519' }).addFromUri(MNEMONIC).toJson(PASSWORD);
    expect((await failure(parseKeyfile(bytes(ed), 'ed.json', noPassword))).message).toMatch(
      /holds an ed25519 account; Bittensor hotkeys are sr25519/,
    );
    const missing = await failure(loadSigningKey({ keyfile: path.join(temp.dir, 'absent'), env: {} }));
    expect(missing.message).toMatch(/absent: no such file/);
  });
});

describe('the secret scrubber', () => {
  it('replaces phrases, pairs of their words, hex seeds with or without 0x, and passwords', () => {
    registerSecret(`${MNEMONIC}//hot`);
    registerSecret(seed());
    registerSecret(PASSWORD);
    registerSecret('pw');
    const words = MNEMONIC.split(' ');
    const text = `uri ${MNEMONIC}//hot; quoted "${words[3]}   ${words[4]}"; alone ${words[8]}; seed ${seed().slice(2).toUpperCase()}; pw ${PASSWORD}`;
    const scrubbed = scrubSecrets(text);
    expectNoSecret(scrubbed, MNEMONIC, seed().slice(2), PASSWORD);
    expect(scrubbed).toBe('uri [secret]; quoted "[secret]"; alone sword; seed [secret]; pw [secret]');
  });
});
