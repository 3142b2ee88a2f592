/**
 * `genki commitment show` against the simulated chain: one real commitment (signed and submitted),
 * malformed ones seeded with dev_setStorage in each way the chain can hold them (too few fields,
 * non-UTF-8 bytes, another Data variant, bytes that do not decode), and an entry left behind by a
 * hotkey that is not registered. Then the evaluation delay, before and after 1200 blocks.
 */
import { Keyring } from '@polkadot/keyring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorLines, runGenki } from '@/tests/support/genki-cli';
import { httpRpc, queryOf, startTestChain, type TestChain } from '@/tests/support/local-chain';
import { ChainClient } from '../../chain/client';

const NETUID = 1;
const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const HASH = 'c1S/UOoEheNX0chuty+x036Q0N7MKI4z5HEjamC7PN8=';
const VALID = `genki:ruby:${COMMIT}:${HASH}:1`;

let chain: TestChain;
let client: ChainClient;
let committedAt = 0;
const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const address = (uri: string) => keyring.addFromUri(uri).address;
const hotkeys = {
  bob: '',
  charlie: '',
  dave: '',
  alice: '',
  broken: address('//Broken'),
  gone: address('//Gone'),
  nobody: address('//Nobody'),
};

const rpc = (method: string, params: unknown[]) =>
  httpRpc(chain.node, { jsonrpc: '2.0', id: 1, method, params }) as Promise<{
    result?: unknown;
    error?: unknown;
  }>;
const show = (...flags: string[]) =>
  runGenki(['commitment', 'show', '--endpoint', chain.node.url, '--netuid', String(NETUID), ...flags]);
const registration = (block: number, field: Record<string, string>) => ({
  deposit: 0,
  block,
  info: { fields: [field] },
});

beforeAll(async () => {
  chain = await startTestChain();
  client = await ChainClient.connect({ endpoint: chain.node.url });
  Object.assign(hotkeys, {
    bob: chain.keys.bob.address,
    charlie: address('//Charlie'),
    dave: address('//Dave'),
    alice: chain.keys.alice.address,
  });
  for (const hotkey of [hotkeys.bob, hotkeys.charlie, hotkeys.dave, hotkeys.alice, hotkeys.broken]) {
    expect(await rpc('dev_registerNeuron', [{ netuid: NETUID, hotkey }])).toHaveProperty('result');
  }
  const committed = await client.commit({
    netuid: NETUID,
    data: VALID,
    signer: { kind: 'pair', pair: chain.keys.bob },
  });
  committedAt = committed.block.number;
  const key = queryOf(chain.api, 'commitments', 'commitmentOf').key(NETUID, hotkeys.broken);
  const seeded = [
    [[NETUID, hotkeys.charlie], registration(3, { Raw5: '0x613a623a63' })], // "a:b:c"
    [[NETUID, hotkeys.dave], registration(4, { Raw2: '0xfffe' })],
    [[NETUID, hotkeys.alice], registration(5, { Sha256: `0x${'11'.repeat(32)}` })],
    [
      [NETUID, hotkeys.gone],
      registration(6, { [`Raw${VALID.length}`]: `0x${Buffer.from(VALID).toString('hex')}` }),
    ],
  ];
  expect(await rpc('dev_setStorage', [{ Commitments: { CommitmentOf: seeded } }])).toHaveProperty('result');
  expect(await rpc('dev_setStorage', [[[key, '0x0102']]])).toHaveProperty('result');
}, 60_000);
afterAll(async () => {
  await client?.disconnect();
  await chain?.close();
});

// Every test spawns the CLI (a fresh Node process each), which a busy machine slows down.
describe('genki commitment show', { timeout: 60_000 }, () => {
  it('lists every commitment of a registered hotkey, decoded or with its typed problem, and the stale ones apart', async () => {
    const [result, human] = await Promise.all([show('--json'), show()]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({
      netuid: 1,
      chain: 'Bittensor (simulated local chain)',
      endpoint: chain.node.url,
    });
    const head = json.block.number;
    const byHotkey = Object.fromEntries(
      json.commitments.map((entry: { hotkey: string }) => [entry.hotkey, entry]),
    );
    expect(byHotkey[hotkeys.bob]).toEqual({
      uid: 1,
      hotkey: hotkeys.bob,
      block: committedAt,
      ok: true,
      commitment: VALID,
      repo: 'genki/ruby',
      commit: COMMIT,
      secure_hash: HASH,
      competition_id: 1,
      bytes: VALID.length,
      notes: [],
      evaluation: {
        delay_blocks: 1200,
        eligible_at_block: committedAt + 1200,
        blocks_remaining: committedAt + 1200 - head,
        eligible: false,
      },
    });
    expect(byHotkey[hotkeys.charlie]).toMatchObject({
      ok: false,
      block: 3,
      problem: { code: 'field_count' },
      raw: '"a:b:c"',
      evaluation: null,
    });
    expect(byHotkey[hotkeys.dave]).toMatchObject({ ok: false, problem: { code: 'not_utf8' }, raw: '0xfffe' });
    expect(byHotkey[hotkeys.alice]).toMatchObject({
      ok: false,
      problem: { code: 'not_raw', message: expect.stringContaining('Sha256') },
    });
    expect(byHotkey[hotkeys.broken]).toMatchObject({
      ok: false,
      block: null,
      problem: { code: 'undecodable' },
    });
    expect(json.commitments.map((entry: { uid: number }) => entry.uid)).toEqual([1, 2, 3, 4, 5]);
    expect(json.stale).toEqual([
      expect.objectContaining({
        uid: null,
        hotkey: hotkeys.gone,
        ok: true,
        evaluation: null,
        notes: [expect.objectContaining({ code: 'not_registered' })],
      }),
    ]);

    expect(human.code).toBe(0);
    const text = human.stdout;
    expect(text).toMatch(
      /^netuid 1 of Bittensor \(simulated local chain\) at ws:\/\/127\.0\.0\.1:\d+, block #\d+ \(0x[0-9a-f]{64}\)\n5 commitment\(s\) from registered hotkeys, 1 valid, 4 rejected by validators\n/,
    );
    expect(text).toContain(
      [
        `uid 1  ${hotkeys.bob}  committed at block #${committedAt}`,
        '  model        genki/ruby',
        `  commit       ${COMMIT}`,
        `  secure_hash  ${HASH}`,
        '  competition  1 (Chiptune music model (Ruby))',
      ].join('\n'),
    );
    expect(text).toMatch(
      new RegExp(
        `  evaluation   waiting: \\d+ blocks left, eligible from block #${committedAt + 1200} \\(about \\d+ h \\d+ min at 12 s per block\\)`,
      ),
    );
    expect(text).toContain(
      `uid 2  ${hotkeys.charlie}  committed at block #3\n  invalid      field_count: The commitment has 3 ":"-separated field(s)`,
    );
    expect(text).toContain(
      '  raw          "a:b:c"\n  evaluation   never: validators skip a commitment they cannot parse',
    );
    expect(text).toContain(`uid 5  ${hotkeys.broken}  block unknown\n  invalid      undecodable: `);
    expect(text).toContain(
      `1 entry(ies) from hotkeys no longer registered (validators ignore them):\n\nnot registered  ${hotkeys.gone}  committed at block #6`,
    );
  });

  it('shows one hotkey, and counts down the evaluation delay to "eligible" after 1200 blocks', async () => {
    const [one, malformed, none] = await Promise.all([
      show('--hotkey', hotkeys.bob, '--json'),
      show('--hotkey', hotkeys.charlie),
      show('--hotkey', hotkeys.nobody),
    ]);
    expect(JSON.parse(one.stdout)).toMatchObject({
      hotkey: hotkeys.bob,
      uid: 1,
      commitments: [{ commitment: VALID }],
      stale: [],
    });
    expect(malformed.stdout).toMatch(/invalid {6}field_count: /);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain(
      `hotkey ${hotkeys.nobody} (not registered on this netuid) has no commitment.`,
    );

    expect(await rpc('dev_newBlock', [{ count: 1200 }])).toHaveProperty('result');
    const [later, laterJson] = await Promise.all([
      show('--hotkey', hotkeys.bob),
      show('--hotkey', hotkeys.bob, '--json'),
    ]);
    expect(later.stdout).toContain(
      '  evaluation   eligible: validators evaluate it (waited 1200 blocks since the commitment)',
    );
    const json = JSON.parse(laterJson.stdout);
    expect(json.commitments[0].evaluation).toEqual({
      delay_blocks: 1200,
      eligible_at_block: committedAt + 1200,
      blocks_remaining: 0,
      eligible: true,
    });
  });

  it('turns bad flags and a missing subnet into one line, never echoing a --hotkey value', async () => {
    const secret = 'night bar quote buddy sun pole rally year sword patient private identify';
    const cases: [Promise<Awaited<ReturnType<typeof show>>>, RegExp, number][] = [
      [show('--hotkey', secret), /--hotkey is not an SS58 address \(the value is not shown\)/, 2],
      [runGenki(['commitment', 'show', '--netuid', '1']), /--endpoint is required/, 2],
      [runGenki(['commitment', 'show', '--endpoint', chain.node.url]), /--netuid N is required/, 2],
      [
        runGenki(['commitment', 'show', '--endpoint', 'mainnet', '--netuid', '1']),
        /--endpoint must be a ws:\/\/ or wss:\/\/ URL, or local, test or finney/,
        2,
      ],
      [
        runGenki(['commitment', 'show', '--endpoint', chain.node.url, '--netuid', '70000']),
        /--netuid must be an integer from 0 to 65535/,
        2,
      ],
      [
        runGenki(['commitment', 'show', '--endpoint', chain.node.url, '--netuid', '7']),
        /netuid 7 does not exist on Bittensor \(simulated local chain\)/,
        1,
      ],
      [show('extra'), /unexpected argument \(not shown\)/, 2],
    ];
    const results = await Promise.all(cases.map(([result]) => result));
    for (const [index, result] of results.entries()) {
      const [, pattern, code] = cases[index] ?? [];
      expect(result.code).toBe(code);
      expect(result.stdout).toBe('');
      expect(errorLines(result.stderr)).toEqual([expect.stringMatching(pattern ?? /never/)]);
      expect(result.stderr).not.toContain('bar quote');
    }
  });
});
