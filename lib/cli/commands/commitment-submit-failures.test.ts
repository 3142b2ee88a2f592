/**
 * How `genki commitment submit` fails: one line in words on stderr (after any progress lines),
 * a non-zero exit, no stack trace, no hang, and never a secret, not even with GENKI_DEBUG=1
 * (whose stack traces are scrubbed); nor, for `submit` and `show` alike, the credentials an
 * `--endpoint` URL may carry. Runs the bundled bin against the simulated chain.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOB, COMMIT, HASH, NETUID, PASSWORD, submitArgs } from '@/tests/support/commitment-cli';
import { freePort } from '@/tests/support/free-port';
import { errorLines, type GenkiResult, runGenki } from '@/tests/support/genki-cli';
import { httpRpc } from '@/tests/support/local-chain';
import { makeTempDir } from '@/tests/support/temp-dir';
import { type LocalNode, startLocalNode } from '../../chain/local-node';

const DAVE = '5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy';
// Never registered anywhere: a hotkey a careless miner might paste on the command line.
const MNEMONIC = 'follow general depend train voice resemble pear inflict lunar version doctor remember';
// Credentials a provider may put in an endpoint URL (user, password, ?apikey=, a key as a path).
const URL_USER = 'miner';
const URL_PASSWORD = 'pa55word';
const URL_API_KEY = 'abcdef';
const URL_PATH_TOKEN = 'f3a9c1d2e4b5a69788123abc';

const temp = makeTempDir('genki-submit-failures-');
let node: LocalNode;

const flags = (endpoint: string, ...extra: string[]) =>
  submitArgs(endpoint, '--repo', 'genki/ruby', '--secure-hash', HASH, ...extra);

/** Exactly one non-progress line on stderr, matching; nothing on stdout unless told. */
function expectOneLine(
  result: GenkiResult,
  pattern: RegExp,
  options: { code?: number; stdout?: boolean } = {},
) {
  expect(result.code).toBe(options.code ?? 1);
  if (!options.stdout) expect(result.stdout).toBe('');
  const lines = errorLines(result.stderr);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^genki: /);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

function expectNoSecrets(result: GenkiResult) {
  const output = `${result.stdout}\n${result.stderr}`;
  const words = MNEMONIC.split(' ');
  expect(output).not.toContain(PASSWORD);
  for (let i = 1; i < words.length; i++) expect(output).not.toContain(`${words[i - 1]} ${words[i]}`);
  // What JSON.parse would quote of a file holding the bare phrase.
  expect(output).not.toContain(MNEMONIC.slice(0, 10));
  expect(output).not.toContain(MNEMONIC.slice(-10));
}

/** `url` with every kind of credential a provider may put in it. */
const credentialed = (url: string) =>
  `${url.replace('://', `://${URL_USER}:${URL_PASSWORD}@`)}/ws/${URL_PATH_TOKEN}?apikey=${URL_API_KEY}&tls=1`;
const show = (endpoint: string, ...extra: string[]) => [
  'commitment',
  'show',
  '--endpoint',
  endpoint,
  '--netuid',
  String(NETUID),
  ...extra,
];

function expectNoCredentials(result: GenkiResult) {
  for (const [stream, text] of [
    ['stdout', result.stdout],
    ['stderr', result.stderr],
  ] as const) {
    for (const secret of [URL_USER, URL_PASSWORD, URL_API_KEY, URL_PATH_TOKEN])
      expect(text.toLowerCase(), `${stream} holds ${secret}`).not.toContain(secret.toLowerCase());
  }
}

beforeAll(async () => {
  await cryptoWaitReady();
  node = await startLocalNode({ port: 0, instant: true });
  for (const hotkey of [BOB, DAVE]) {
    await httpRpc(node, {
      jsonrpc: '2.0',
      id: 1,
      method: 'dev_registerNeuron',
      params: [{ netuid: NETUID, hotkey }],
    });
  }
}, 60_000);
afterAll(async () => {
  await node?.close();
  temp.cleanup();
});

// Every test spawns the CLI (a fresh Node process each), which a busy machine slows down.
describe('genki commitment submit failures', { timeout: 60_000 }, () => {
  it('an unregistered hotkey: "not registered on this netuid", before anything is signed', async () => {
    const result = await runGenki(flags(node.url, '--suri', '//Charlie'));
    expectOneLine(
      result,
      /^genki: not registered on this netuid: hotkey 5FLSigC9\w+ has no uid on netuid 1 of Bittensor \(simulated local chain\) \(ws:\/\/127\.0\.0\.1:\d+\)\. Register it first/,
    );
    expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('the space limit: words, and when it resets (the next epoch); --json reports it on stdout too', async () => {
    // Dave has used this epoch's 3100 bytes (tempo 360: epoch = (block + netuid + 1) / 361).
    const epoch = Math.floor((node.core.chain.best.number + 2 + NETUID + 1) / 361);
    await httpRpc(node, {
      jsonrpc: '2.0',
      id: 1,
      method: 'dev_setStorage',
      params: [{ Commitments: { UsedSpaceOf: [[[NETUID, DAVE], { lastEpoch: epoch, usedSpace: 3100 }]] } }],
    });
    const resetBlock = (epoch + 1) * 361 - (NETUID + 1);
    const result = await runGenki([...flags(node.url, '--suri', '//Dave'), '--json']);
    expectOneLine(
      result,
      new RegExp(
        `^genki: rate or space limit reached: this hotkey has used its 3100 bytes for this epoch of netuid 1 .* resets with the next epoch at block #${resetBlock}, in \\d+ blocks .* Nothing was changed on chain\\.$`,
      ),
      { stdout: true },
    );
    // Refused by the runtime in the block (a dispatch error), so the last progress line is "ready".
    expect(result.stderr).toMatch(/genki: ready: /);
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: false,
      code: 'dispatch',
      detail: 'commitments.SpaceLimitExceeded',
      message: expect.stringContaining(`block #${resetBlock}`),
    });
  });

  it('a node that is not there: "node unreachable", at once, credentials in the URL scrubbed', async () => {
    const port = await freePort();
    const endpoint = `ws://miner:url-pa55word-xyz@127.0.0.1:${port}`;
    const result = await runGenki(flags(endpoint, '--suri', '//Bob', '--timeout', '5'));
    expectOneLine(
      result,
      new RegExp(
        `^genki: node unreachable: Could not connect to the chain node at ws://127\\.0\\.0\\.1:${port}.* Is the node running`,
      ),
    );
    expect(result.stderr).not.toContain('pa55word');
    expect(result.stderr).not.toContain('miner');
    expect(result.ms).toBeLessThan(10_000);
  });

  it('a node that goes away mid-submit: "the node went away", within the timeout, no hang', async () => {
    // Manual block production: the commitment waits in the pool until the node is closed under it.
    const manual = await startLocalNode({ port: 0, instant: false });
    manual.core.registerNeuron(NETUID, BOB, BOB);
    let closing: Promise<void> | undefined;
    try {
      const result = await runGenki(flags(manual.url, '--suri', '//Bob', '--timeout', '20'), {
        onStderr: (_, all) => {
          if (all.includes('genki: ready:')) closing ??= manual.close();
        },
        killAfterMs: 30_000,
      });
      expect(closing).toBeDefined();
      expectOneLine(
        result,
        /^genki: the node went away: Lost the connection to ws:\/\/127\.0\.0\.1:\d+ while waiting for the transaction; it may or may not have been included\. Check with: genki commitment show --endpoint ws:\/\/127\.0\.0\.1:\d+ --netuid 1 --hotkey 5FHne\w+$/,
      );
      expect(result.ms).toBeLessThan(15_000);
    } finally {
      await manual.close();
    }
  });

  it('never prints a secret: not on success, not in failures, not with GENKI_DEBUG=1', async () => {
    const bare = path.join(temp.dir, 'mnemonic.txt');
    fs.writeFileSync(bare, `${MNEMONIC}\n`);
    const exported = path.join(temp.dir, 'export.json');
    const pair = new Keyring({ type: 'sr25519' }).addFromUri(MNEMONIC);
    fs.writeFileSync(exported, JSON.stringify(pair.toJson(PASSWORD)));
    const debug = { GENKI_DEBUG: '1' };
    const runs: [Promise<GenkiResult>, RegExp, boolean][] = [
      [runGenki(flags(node.url, '--suri', MNEMONIC), { env: debug }), /not registered on this netuid/, true],
      [
        runGenki(flags(node.url), { env: { ...debug, GENKI_SURI: MNEMONIC } }),
        /not registered on this netuid/,
        true,
      ],
      [
        runGenki(flags(node.url, '--keyfile', bare), { env: debug }),
        /mnemonic\.txt: not JSON.*contents not shown/,
        true,
      ],
      [
        runGenki(flags(node.url, '--keyfile', exported), {
          env: { ...debug, GENKI_KEY_PASSWORD: `${PASSWORD}!` },
        }),
        /export\.json: wrong password/,
        true,
      ],
      [
        runGenki(flags(node.url, '--suri', MNEMONIC.replace('remember', 'remembered')), { env: debug }),
        /--suri is not a mnemonic.*value not shown/,
        true,
      ],
      // An unquoted mnemonic spills into positional arguments.
      [
        runGenki([...flags(node.url, '--suri'), ...MNEMONIC.split(' ')]),
        /unexpected argument \(not shown\)/,
        false,
      ],
      [runGenki(flags(node.url, '--suri', MNEMONIC)), /not registered on this netuid/, false],
    ];
    const results = await Promise.all(runs.map(([result]) => result));
    for (const [index, result] of results.entries()) {
      const [, pattern, debugOn] = runs[index] ?? [];
      const lines = result.stderr.split('\n');
      const last = lines.filter((line) => line.startsWith('genki: ')).at(-1) ?? '';
      expect(result.code).not.toBe(0);
      expect(last).toMatch(pattern ?? /never/);
      // Debug runs really printed their stack (so the scrubbing was exercised).
      if (debugOn) expect(result.stderr).toMatch(/^\s+at /m);
      else
        expect(errorLines(result.stderr).filter((line) => !line.startsWith('genki: note:'))).toHaveLength(1);
      expectNoSecrets(result);
    }
    // The one note: a mnemonic on the command line is discouraged.
    expect(results.at(-1)?.stderr).toMatch(/genki: note: --suri puts your secret in the shell history/);
  });

  it('bad flags are usage errors (exit 2) before any key, folder or node is touched', async () => {
    const base = ['commitment', 'submit'];
    const cases: [string[], RegExp][] = [
      [
        [...base, '--netuid', '1'],
        /--endpoint is required: a ws:\/\/ or wss:\/\/ URL, or local, test or finney/,
      ],
      [
        flags('http://127.0.0.1:9944', '--suri', '//Bob'),
        /--endpoint must be a ws:\/\/ or wss:\/\/ URL, or local/,
      ],
      [
        flags(node.url, '--suri', '//Bob').map((flag) => (flag === '1' ? 'one' : flag)),
        /--netuid must be an integer from 0 to 65535/,
      ],
      [flags(node.url, '--suri', '//Bob', '--keyfile', 'hk'), /either --suri or --keyfile, not both/],
      [flags(node.url), /give the hotkey: --keyfile FILE .* GENKI_SURI/],
      [
        flags(node.url, '--suri', '//Bob', '--snapshot', temp.dir),
        /either --secure-hash B64 or --snapshot DIR/,
      ],
      [flags(node.url, '--suri', '//Bob', '--wait', 'soon'), /--wait must be inblock or finalized/],
      [flags(node.url, '--suri', '//Bob', '--timeout', '0'), /--timeout must be a number of seconds/],
      [flags(node.url, '--suri', '//Bob', '--competition', 'one'), /--competition must be an integer/],
      [flags(node.url, '--suri', '//Bob', '--hotkey', BOB), /Unknown option '--hotkey'/],
    ];
    const results = await Promise.all(cases.map(([args]) => runGenki(args)));
    for (const [index, result] of results.entries())
      expectOneLine(result, cases[index]?.[1] ?? /never/, { code: 2 });
    // Codec errors are not usage errors: the commitment itself is wrong (exit 1).
    const tooLong = await runGenki(
      flags(node.url, '--suri', '//Bob').map((flag) =>
        flag === 'genki/ruby' ? `genki/${'r'.repeat(40)}` : flag,
      ),
    );
    expectOneLine(tooLong, /taoverse allows 4 to 38/);
    const badCommit = await runGenki(
      flags(node.url, '--suri', '//Bob').map((flag) => (flag === COMMIT ? 'main' : flag)),
    );
    expectOneLine(badCommit, /commit/i);
  });
});

/**
 * An `--endpoint` URL can carry credentials; `submit` and `show` connect with them and print none
 * of them (stdout or stderr, human or --json, success or failure, GENKI_DEBUG=1 or not): the
 * endpoint shows as scheme://host:port, with `/…` for a path.
 */
describe('credentials in --endpoint', { timeout: 60_000 }, () => {
  it('a refused port: "node unreachable" at scheme://host:port, nothing of the credentials, human and --json', async () => {
    const port = await freePort();
    const endpoints = [
      `wss://${URL_USER}:${URL_PASSWORD}@127.0.0.1:${port}/?apikey=${URL_API_KEY}`,
      `ws://${URL_USER}:${URL_PASSWORD}@127.0.0.1:${port}/ws/${URL_PATH_TOKEN}`,
    ];
    const runs = endpoints.flatMap((endpoint) => [
      runGenki(flags(endpoint, '--suri', '//Bob', '--timeout', '5')),
      runGenki(flags(endpoint, '--suri', '//Bob', '--timeout', '5', '--json')),
      runGenki(flags(endpoint, '--suri', '//Bob', '--timeout', '5'), { env: { GENKI_DEBUG: '1' } }),
      runGenki(show(endpoint, '--timeout', '5')),
      runGenki(show(endpoint, '--timeout', '5', '--json')),
      runGenki(show(endpoint, '--timeout', '5'), { env: { GENKI_DEBUG: '1' } }),
    ]);
    const results = await Promise.all(runs);
    for (const [index, result] of results.entries()) {
      const shown = index < 6 ? `wss://127.0.0.1:${port}` : `ws://127.0.0.1:${port}/…`;
      expect(result.code).toBe(1);
      const last = errorLines(result.stderr).at(-1) ?? '';
      expect(last).toContain(`genki: node unreachable: Could not connect to the chain node at ${shown}`);
      expectNoCredentials(result);
    }
    // --json failures of submit say it on stdout too, with the same message.
    for (const index of [1, 7]) {
      const json = JSON.parse(results[index]?.stdout ?? '');
      expect(json).toMatchObject({ ok: false, code: 'connect_failed' });
      expect(json.message).toMatch(
        /^node unreachable: Could not connect to the chain node at wss?:\/\/127\.0\.0\.1:/,
      );
    }
    // The debug runs printed their stack traces (so those were scrubbed too).
    expect(results[2]?.stderr).toMatch(/^\s+at /m);
  });

  it('a live node: submit signs and shows through it, human and --json, without the credentials', async () => {
    const endpoint = credentialed(node.url);
    const shown = `${node.url}/…`;
    // One after the other: two submissions of one hotkey at once would race for its nonce.
    const human = await runGenki(flags(endpoint, '--suri', '//Bob'));
    const json = await runGenki(flags(endpoint, '--suri', '//Bob', '--wait', 'inblock', '--json'));
    for (const result of [human, json]) {
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain(`of Bittensor (simulated local chain) at ${shown}\n`);
      expect(result.stderr).toContain(`genki: ready: in the transaction pool of ${shown}\n`);
      expectNoCredentials(result);
    }
    expect(human.stdout).toMatch(/^commitment {3}genki:ruby:/);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, endpoint: shown, read_back: 'match' });

    const [showHuman, showJson] = await Promise.all([
      runGenki(show(endpoint)),
      runGenki(show(endpoint, '--json')),
    ]);
    for (const result of [showHuman, showJson]) {
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toBe('');
      expectNoCredentials(result);
    }
    expect(showHuman.stdout).toContain(`netuid 1 of Bittensor (simulated local chain) at ${shown}, block #`);
    expect(showHuman.stdout).toContain(BOB);
    expect(JSON.parse(showJson.stdout)).toMatchObject({
      endpoint: shown,
      commitments: [expect.objectContaining({ hotkey: BOB, ok: true })],
    });
  });

  it('a live node: failures (an unregistered hotkey, a missing netuid) name the endpoint without the credentials', async () => {
    const endpoint = credentialed(node.url);
    const shown = `${node.url}/…`;
    const missing = (args: string[]) => args.map((arg) => (arg === String(NETUID) ? '7' : arg));
    const results = await Promise.all([
      runGenki(flags(endpoint, '--suri', '//Charlie')),
      runGenki(flags(endpoint, '--suri', '//Charlie', '--json')),
      runGenki(flags(endpoint, '--suri', '//Charlie'), { env: { GENKI_DEBUG: '1' } }),
      runGenki(missing(show(endpoint))),
      runGenki(missing(show(endpoint, '--json'))),
    ]);
    for (const [index, result] of results.entries()) {
      expect(result.code).toBe(1);
      const last = errorLines(result.stderr).at(-1) ?? '';
      expect(last).toContain(`(${shown}).`);
      expect(last).toMatch(index < 3 ? /not registered on this netuid/ : /netuid 7 does not exist/);
      expectNoCredentials(result);
    }
    expect(JSON.parse(results[1]?.stdout ?? '')).toMatchObject({
      ok: false,
      code: 'error',
      message: expect.stringContaining(`(${shown}).`),
    });
  });
});
