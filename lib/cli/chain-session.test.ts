/**
 * The pure parts of the chain subcommands, in process: `--endpoint` names and URLs, flag checks,
 * ChainErrors in words, the space budget's reset block and Genki-Dama's evaluation delay.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { ChainError } from '../chain/errors';
import { displayEndpoint, LOCAL_ENDPOINT, PUBLIC_ENDPOINTS } from '../chain/networks';
import {
  ChainFailure,
  chainFailure,
  endpointSecrets,
  parseNetuid,
  parseTimeoutMs,
  resolveEndpoint,
} from './chain-session';
import { UsageError } from './errors';
import { aboutBlocks, describeEvaluation, evalDelayOf, evaluationStatus } from './evaluation-delay';
import { clearSecrets, scrubSecrets } from './secrets';
import { nextEpochStart } from './space-limit';

const CMD = 'commitment show';
const endpoint = 'ws://127.0.0.1:9944';

beforeEach(() => clearSecrets());

describe('--endpoint, --netuid and --timeout', () => {
  it('resolves network names (local honours GENKI_CHAIN_ENDPOINT) and ws:// / wss:// URLs', () => {
    expect(resolveEndpoint(CMD, 'local', {})).toBe(LOCAL_ENDPOINT);
    expect(resolveEndpoint(CMD, 'local', { GENKI_CHAIN_ENDPOINT: 'ws://10.0.0.5:9944' })).toBe(
      'ws://10.0.0.5:9944',
    );
    expect(resolveEndpoint(CMD, 'test', { GENKI_CHAIN_ENDPOINT: 'ws://10.0.0.5:9944' })).toBe(
      PUBLIC_ENDPOINTS.test,
    );
    expect(resolveEndpoint(CMD, 'finney', {})).toBe('wss://entrypoint-finney.opentensor.ai:443');
    expect(resolveEndpoint(CMD, 'wss://lite.example.org:443', {})).toBe('wss://lite.example.org:443');
    expect(() => resolveEndpoint(CMD, undefined, {})).toThrow(UsageError);
    expect(() => resolveEndpoint(CMD, 'https://lite.example.org', {})).toThrow(
      /--endpoint must be a ws:\/\/ or wss:\/\//,
    );
    expect(() => resolveEndpoint(CMD, 'local', { GENKI_CHAIN_ENDPOINT: 'http://x' })).toThrow(
      /^GENKI_CHAIN_ENDPOINT must be a ws:\/\/ or wss:\/\/ URL\.$/,
    );
  });

  it('keeps credentials in an endpoint URL out of every message', () => {
    resolveEndpoint(
      CMD,
      'wss://miner:s3cr3t-token@node.example.org/ws?apikey=k3y-value-0123456789&tls=1',
      {},
    );
    expect(
      scrubSecrets(
        'failed at wss://miner:s3cr3t-token@node.example.org/ws?apikey=k3y-value-0123456789&tls=1',
      ),
    ).toBe('failed at wss://[secret]:[secret]@node.example.org/ws?apikey=[secret]&tls=1');
  });

  it('shows an endpoint as scheme, host and port only, and knows which of its parts are secrets', () => {
    const cases: [string, string][] = [
      ['ws://127.0.0.1:9944', 'ws://127.0.0.1:9944'],
      ['wss://entrypoint-finney.opentensor.ai:443', 'wss://entrypoint-finney.opentensor.ai:443'],
      ['wss://lite.example.org', 'wss://lite.example.org'],
      ['wss://miner:pa55word@node.example:443/?apikey=abcdef', 'wss://node.example:443'],
      ['wss://rpc.example.io/ws/0b5e1c2d9f7a4e3b8c6d', 'wss://rpc.example.io/…'],
      ['ws://u:p@[::1]:9944/ws#frag', 'ws://[::1]:9944/…'],
      ['  WSS://Node.Example:8443/  ', 'wss://node.example:8443'],
      ['not a url://user:pw@host/x', '(invalid URL)'],
    ];
    for (const [url, shown] of cases) expect(displayEndpoint(url)).toBe(shown);

    expect(endpointSecrets('ws://127.0.0.1:9944')).toEqual([]);
    expect(endpointSecrets('wss://lite.example.org/ws?tls=1&network=finney')).toEqual([]);
    expect(endpointSecrets('wss://miner:pa55%20word@node.example:443/?apikey=abcdef').sort()).toEqual(
      ['abcdef', 'miner', 'pa55 word', 'pa55%20word'].sort(),
    );
    expect(
      endpointSecrets('wss://rpc.example.io/ws/0b5e1c2d9f7a4e3b8c6d?region=eu&session=s1x&key2=abc123def456'),
    ).toEqual(['s1x', 'abc123def456', '0b5e1c2d9f7a4e3b8c6d']);
  });

  it('checks --netuid and --timeout', () => {
    expect(parseNetuid(CMD, '1')).toBe(1);
    expect(parseNetuid(CMD, '65535')).toBe(65535);
    for (const bad of ['-1', '65536', '1.5', 'one', ''])
      expect(() => parseNetuid(CMD, bad)).toThrow(UsageError);
    expect(parseTimeoutMs(CMD, undefined)).toBe(120_000);
    expect(parseTimeoutMs(CMD, '2.5')).toBe(2_500);
    for (const bad of ['0', '-3', 'soon', '4000']) expect(() => parseTimeoutMs(CMD, bad)).toThrow(UsageError);
  });
});

describe('chain failures in words', () => {
  it('names each kind of failure, keeping the code and the chain’s own detail', () => {
    const rejected = chainFailure(
      new ChainError(
        'rejected',
        endpoint,
        'the chain rejected the signature (wrong key or network)',
        `${endpoint} refused the transaction: …`,
        '1010: Invalid Transaction: Transaction has a bad signature',
      ),
    );
    expect(rejected).toBeInstanceOf(ChainFailure);
    expect(rejected).toMatchObject({
      code: 'rejected',
      message: `the chain rejected the signature (wrong key or network): ${endpoint} refused the transaction (1010: Invalid Transaction: Transaction has a bad signature).`,
    });
    const cases: [ChainError, RegExp][] = [
      [
        new ChainError('connect_failed', endpoint, 'x', `Could not connect to ${endpoint} within 15 s`),
        /^node unreachable: Could not .* within 15 s\. Is the node running/,
      ],
      [
        new ChainError('timeout', endpoint, 'x', 'No finalized confirmation within 2 m'),
        /^timed out: No finalized/,
      ],
      [
        new ChainError('disconnected', endpoint, 'x', 'Lost the connection'),
        /^the node went away: Lost the connection\.$/,
      ],
      [
        new ChainError(
          'dispatch',
          endpoint,
          'not registered on this netuid',
          'The transaction was included but failed: not registered on this netuid (commitments.AccountNotAllowedCommit)',
        ),
        /^The transaction was included but failed: not registered/,
      ],
    ];
    for (const [error, pattern] of cases) expect((chainFailure(error) as Error).message).toMatch(pattern);
    const other = new Error('not a chain error');
    expect(chainFailure(other)).toBe(other);
  });
});

describe('epochs and the evaluation delay', () => {
  it('finds the first block of the next epoch: (b + netuid + 1) % (tempo + 1) == 0', () => {
    expect(nextEpochStart(10, 1, 360)).toBe(359);
    expect(nextEpochStart(357, 1, 360)).toBe(359);
    expect(nextEpochStart(358, 1, 360)).toBe(359);
    expect(nextEpochStart(359, 1, 360)).toBe(720);
    expect(nextEpochStart(0, 0, 99)).toBe(99);
  });

  it('is eligible once current - committed >= 1200 (the chiptune competition’s delay)', () => {
    expect(evalDelayOf(1)).toBe(1200);
    expect(evalDelayOf(undefined)).toBe(1200);
    expect(evaluationStatus(100, 1299, 1200)).toEqual({
      delayBlocks: 1200,
      eligibleAtBlock: 1300,
      blocksRemaining: 1,
      eligible: false,
    });
    expect(evaluationStatus(100, 1300, 1200)).toMatchObject({ blocksRemaining: 0, eligible: true });
    expect(describeEvaluation(evaluationStatus(100, 400, 1200))).toBe(
      'waiting: 900 blocks left, eligible from block #1300 (about 3 h 0 min at 12 s per block)',
    );
    expect(aboutBlocks(2)).toBe('under a minute');
    expect(aboutBlocks(25)).toBe('about 5 min');
  });
});
