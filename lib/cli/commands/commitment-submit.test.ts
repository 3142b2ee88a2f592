/**
 * `genki commitment submit` as terminal miners run it: the bundled bin against the simulated chain
 * (in this process, on a free port), hotkeys registered through the node's dev RPC. Each commitment
 * is read back independently with the ChainClient, and the secure hash compared with the library.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, mnemonicToMiniSecret } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOB, COMMIT, HASH, NETUID, PASSWORD, submitArgs } from '@/tests/support/commitment-cli';
import { errorLines, GENKI_BIN, runGenki } from '@/tests/support/genki-cli';
import { httpRpc } from '@/tests/support/local-chain';
import { runReference } from '@/tests/support/python';
import { makeTempDir } from '@/tests/support/temp-dir';
import { ChainClient } from '../../chain/client';
import { type LocalNode, startLocalNode } from '../../chain/local-node';
import { secureHashOfDirectory } from '../../chain/secure-hash-node';

const MNEMONIC = 'night bar quote buddy sun pole rally year sword patient private identify';
const MNEMONIC_ADDRESS = '5CM4xEWPNdysgZfeRcxKh2bTkbKmSvaCdFRWvrY7BCPYMngB';
// opentensor/btwallet tests/test_keyfile.py's mnemonic, for the NaCl-encrypted hotkey file.
const NACL_MNEMONIC = 'old leopard transfer rib spatial phone calm indicate online fire caution review';
const NACL_ADDRESS = '5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX';

const temp = makeTempDir('genki-submit-');
let node: LocalNode;
let client: ChainClient;

const submit = (...flags: string[]) => submitArgs(node.url, ...flags);

async function register(hotkey: string): Promise<void> {
  const answer = await httpRpc(node, {
    jsonrpc: '2.0',
    id: 1,
    method: 'dev_registerNeuron',
    params: [{ netuid: NETUID, hotkey }],
  });
  expect(answer).toMatchObject({ result: { uid: expect.any(Number) } });
}

beforeAll(async () => {
  await cryptoWaitReady();
  node = await startLocalNode({ port: 0, instant: true });
  client = await ChainClient.connect({ endpoint: node.url });
  await register(BOB);
  await register(MNEMONIC_ADDRESS);
}, 60_000);
afterAll(async () => {
  await client?.disconnect();
  await node?.close();
  temp.cleanup();
});

// Every test spawns the CLI (a fresh Node process each), which a busy machine slows down.
describe('genki commitment submit', { timeout: 60_000 }, () => {
  it('signs with --suri //Bob: progress on stderr, the result on stdout, finalized and read back', async () => {
    const text = `genki:ruby.v2:${COMMIT}:${HASH}:1`;
    const result = await runGenki(
      submit('--suri', '//Bob', '--repo', 'genki/ruby.v2', '--secure-hash', HASH),
    );
    expect(result).toMatchObject({ code: 0 });
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      `genki: signing as ${BOB} (uid 1, key from --suri) on netuid 1 of Bittensor (simulated local chain) at ${node.url}`,
      `genki: ready: in the transaction pool of ${node.url}`,
      expect.stringMatching(/^genki: in block 0x[0-9a-f]{64}$/),
      expect.stringMatching(/^genki: finalized in block 0x[0-9a-f]{64}$/),
    ]);
    const onChain = await client.commitment(NETUID, BOB, 'finalized');
    expect(onChain).toMatchObject({ uid: 1, text, rawType: `Raw${text.length}`, problems: [] });
    const block = onChain?.block ?? -1;
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toEqual([
      `commitment   ${text}`,
      `bytes        ${text.length} of 128`,
      `hotkey       ${BOB} (uid 1, netuid 1)`,
      expect.stringMatching(new RegExp(`^block        #${block} 0x[0-9a-f]{64} \\(finalized\\)$`)),
      expect.stringMatching(/^extrinsic {4}0x[0-9a-f]{64}$/),
      `read back    matches CommitmentOf at block #${block}`,
      `evaluation   waiting: 1200 blocks left, eligible from block #${block + 1200} (about 4 h 0 min at 12 s per block)`,
    ]);
  });

  it('--json for machines, --wait inblock, --competition 1 and `local` from GENKI_CHAIN_ENDPOINT', async () => {
    const flags = submit('--suri', '//Bob', '--repo', 'genki/ruby', '--secure-hash', HASH);
    flags.splice(flags.indexOf(node.url), 1, 'local');
    const result = await runGenki([...flags, '--competition', '1', '--wait', 'inblock', '--json'], {
      env: { GENKI_CHAIN_ENDPOINT: node.url },
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/genki: in block 0x/);
    expect(result.stderr).not.toMatch(/finalized/);
    const json = JSON.parse(result.stdout);
    const text = `genki:ruby:${COMMIT}:${HASH}:1`;
    expect(json).toEqual({
      ok: true,
      endpoint: node.url,
      chain: 'Bittensor (simulated local chain)',
      netuid: 1,
      hotkey: BOB,
      uid: 1,
      commitment: text,
      bytes: text.length,
      block: { number: expect.any(Number), hash: expect.stringMatching(/^0x[0-9a-f]{64}$/) },
      finalized: false,
      tx_hash: expect.stringMatching(/^0x[0-9a-f]{64}$/),
      read_back: 'match',
      evaluation: {
        delay_blocks: 1200,
        eligible_at_block: json.block.number + 1200,
        blocks_remaining: 1200,
        eligible: false,
      },
    });
    const onChain = await client.commitment(NETUID, BOB, json.block);
    expect(onChain).toMatchObject({ text, block: json.block.number });
  });

  it('--snapshot hashes the folder with the signing hotkey, as secureHashOfDirectory does', async () => {
    const snapshot = path.join(temp.dir, 'snapshot');
    for (const [name, content] of Object.entries({
      '.gitattributes': '*.bin filter=lfs diff=lfs merge=lfs -text\n',
      'state_dict.bin': 'lm package',
      'compression_state_dict.bin': 'encodec package',
      'nested/ünï.txt': '',
    })) {
      fs.mkdirSync(path.dirname(path.join(snapshot, name)), { recursive: true });
      fs.writeFileSync(path.join(snapshot, name), content);
    }
    const expected = await secureHashOfDirectory(snapshot, BOB);
    const result = await runGenki([
      ...submit('--suri', '//Bob', '--repo', 'genki/ruby', '--snapshot', snapshot),
      '--json',
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).commitment).toBe(`genki:ruby:${COMMIT}:${expected.secureHash}:1`);
    expect((await client.commitment(NETUID, BOB))?.text).toBe(
      `genki:ruby:${COMMIT}:${expected.secureHash}:1`,
    );
  });

  it('--keyfile reads a btcli hotkey file and a polkadot.js export (password from GENKI_KEY_PASSWORD)', async () => {
    const pair = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(MNEMONIC);
    const publicKey = u8aToHex(pair.publicKey);
    const hotkeyFile = path.join(temp.dir, 'wallets', 'miner', 'hotkeys', 'default');
    fs.mkdirSync(path.dirname(hotkeyFile), { recursive: true });
    // The file btwallet writes for a hotkey (serialized_keypair_to_keyfile_data), unencrypted. The
    // privateKey is a stand-in: secretPhrase comes first, as in btwallet's reader.
    fs.writeFileSync(
      hotkeyFile,
      JSON.stringify({
        accountId: publicKey,
        publicKey,
        privateKey: `0x${'ab'.repeat(64)}`,
        secretPhrase: MNEMONIC,
        secretSeed: u8aToHex(mnemonicToMiniSecret(MNEMONIC)),
        ss58Address: MNEMONIC_ADDRESS,
      }),
    );
    const exported = path.join(temp.dir, 'miner-hotkey.json');
    fs.writeFileSync(exported, JSON.stringify(pair.toJson(PASSWORD)));

    const btcli = await runGenki([
      ...submit('--keyfile', hotkeyFile, '--repo', 'miner/ruby-btcli', '--secure-hash', HASH),
      '--json',
    ]);
    expect(btcli.code).toBe(0);
    expect(btcli.stderr).toContain(
      `signing as ${MNEMONIC_ADDRESS} (uid 2, key from btcli key file ${hotkeyFile})`,
    );
    expect(JSON.parse(btcli.stdout)).toMatchObject({ hotkey: MNEMONIC_ADDRESS, read_back: 'match' });

    const polkadot = await runGenki(
      [...submit('--keyfile', exported, '--repo', 'miner/ruby-export', '--secure-hash', HASH), '--json'],
      { env: { GENKI_KEY_PASSWORD: PASSWORD } },
    );
    expect(polkadot.code).toBe(0);
    expect(polkadot.stderr).toContain(`key from polkadot.js export ${exported}`);
    expect((await client.commitment(NETUID, MNEMONIC_ADDRESS))?.text).toBe(
      `miner:ruby-export:${COMMIT}:${HASH}:1`,
    );
    for (const result of [btcli, polkadot]) {
      expect(errorLines(result.stderr)).toEqual([]);
      expect(`${result.stdout}${result.stderr}`).not.toContain(MNEMONIC.split(' ').slice(0, 2).join(' '));
      expect(`${result.stdout}${result.stderr}`).not.toContain(PASSWORD);
    }
  });

  // btcli's own format for a key created with a password, made by Debian's PyNaCl as btcli makes it,
  // at the real limits: argon2i with 512 MiB takes seconds in each process (both run at once).
  it('--keyfile decrypts a hotkey file btcli encrypted with NaCl (argon2i at the sensitive limits)', {
    timeout: 180_000,
  }, async () => {
    const pair = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(NACL_MNEMONIC);
    expect(pair.address).toBe(NACL_ADDRESS);
    await register(NACL_ADDRESS);
    const publicKey = u8aToHex(pair.publicKey);
    const keyfile = {
      accountId: publicKey,
      publicKey,
      secretPhrase: NACL_MNEMONIC,
      secretSeed: u8aToHex(mnemonicToMiniSecret(NACL_MNEMONIC)),
      ss58Address: NACL_ADDRESS,
    };
    const request = { mode: 'encrypt', password: PASSWORD, keyfile, limits: 'sensitive' };
    const { file } = JSON.parse(
      runReference('btcli_nacl_keyfile.py', [], { input: JSON.stringify(request) }),
    ) as { file: string };
    const locked = path.join(temp.dir, 'wallets', 'locked', 'hotkeys', 'default');
    fs.mkdirSync(path.dirname(locked), { recursive: true });
    fs.writeFileSync(locked, Buffer.from(file, 'hex'));
    expect(fs.readFileSync(locked).subarray(0, 5).toString()).toBe('$NACL');

    const args = submit('--keyfile', locked, '--repo', 'miner/ruby-nacl', '--secure-hash', HASH);
    const [unlocked, wrong] = await Promise.all([
      runGenki([...args, '--json'], { env: { GENKI_KEY_PASSWORD: PASSWORD } }),
      runGenki(args, { env: { GENKI_KEY_PASSWORD: 'correct horse battery staple 43' } }),
    ]);
    const deriving = `genki: deriving the key of ${locked} (argon2i, 512 MiB; a few seconds)…`;
    expect(unlocked.code).toBe(0);
    expect(unlocked.stderr).toContain(deriving);
    expect(unlocked.stderr).toContain(
      `signing as ${NACL_ADDRESS} (uid 3, key from btcli key file ${locked})`,
    );
    expect(errorLines(unlocked.stderr).filter((line) => line !== deriving)).toEqual([]);
    expect(JSON.parse(unlocked.stdout)).toMatchObject({ hotkey: NACL_ADDRESS, read_back: 'match' });
    expect((await client.commitment(NETUID, NACL_ADDRESS))?.text).toBe(`miner:ruby-nacl:${COMMIT}:${HASH}:1`);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr.trimEnd().split('\n')).toEqual([
      deriving,
      `genki: ${locked}: wrong password for this btcli key file (or the file is damaged): it did not decrypt.`,
    ]);
    for (const result of [unlocked, wrong]) {
      const output = `${result.stdout}${result.stderr}`;
      expect(output).not.toContain(NACL_MNEMONIC.split(' ').slice(0, 2).join(' '));
      expect(output).not.toContain(PASSWORD);
      expect(output).not.toContain('staple 43');
    }
  });

  // util-linux `script` gives the command a pseudo-terminal, as an interactive shell would.
  it.skipIf(!fs.existsSync('/usr/bin/script'))(
    'asks for an export’s password on a terminal, without echoing it',
    async () => {
      const exported = path.join(temp.dir, 'bob-export.json');
      const bob = new Keyring({ type: 'sr25519' }).addFromUri('//Bob');
      fs.writeFileSync(exported, JSON.stringify(bob.toJson(PASSWORD)));
      const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;
      const args = submit('--keyfile', exported, '--repo', 'genki/ruby-tty', '--secure-hash', HASH);
      const command = [process.execPath, GENKI_BIN, ...args].map(quote).join(' ');
      const child = spawn('/usr/bin/script', ['-qfec', command, '/dev/null'], {
        env: { ...process.env, GENKI_KEY_PASSWORD: '', GENKI_DEBUG: '' },
      });
      let output = '';
      let typed = false;
      child.stdout.setEncoding('utf8').on('data', (text: string) => {
        output += text;
        if (!typed && output.includes(`Password for ${exported}: `)) {
          typed = true;
          child.stdin.write(`${PASSWORD}\r`);
        }
      });
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(typed).toBe(true);
      expect(code).toBe(0);
      expect(output).toContain('read back    matches CommitmentOf');
      expect(output).not.toContain(PASSWORD);
      expect((await client.commitment(NETUID, BOB))?.text).toBe(`genki:ruby-tty:${COMMIT}:${HASH}:1`);
    },
  );
});
