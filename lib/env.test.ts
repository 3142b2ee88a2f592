import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './env';

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
// Alice's key in Polkadot's SS58 format (prefix 0): accepted and re-encoded with Bittensor's prefix 42.
const ALICE_POLKADOT = '15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5';

function problems(source: Record<string, string>): readonly string[] {
  try {
    parseConfig(source);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('gives working defaults with no variables set', () => {
    expect(parseConfig({})).toEqual({
      dataDir: './data',
      network: 'local',
      hfHubUrl: 'https://huggingface.co',
      adminAddresses: [],
      publicOrigin: undefined,
      clapModel: 'hf:Xenova/larger_clap_music_and_speech',
      netuid: 1,
      exportCacheMaxBytes: 2 * 1024 ** 3,
    });
  });

  it('treats empty strings as unset', () => {
    const config = parseConfig({ GENKI_NETWORK: '', GENKI_DATA_DIR: '  ', GENKI_HF_HUB_URL: '' });
    expect(config.network).toBe('local');
    expect(config.dataDir).toBe('./data');
    expect(config.hfHubUrl).toBe('https://huggingface.co');
  });

  it('accepts every supported network and a local hub URL without its trailing slash', () => {
    for (const network of ['local', 'test', 'finney']) {
      expect(parseConfig({ GENKI_NETWORK: network }).network).toBe(network);
    }
    expect(parseConfig({ GENKI_HF_HUB_URL: 'http://127.0.0.1:5555/' }).hfHubUrl).toBe(
      'http://127.0.0.1:5555',
    );
  });

  it('names the variable and the bad value for an unknown network', () => {
    expect(problems({ GENKI_NETWORK: 'mainnet' })).toEqual([
      'GENKI_NETWORK must be one of local, test, finney (got "mainnet")',
    ]);
  });

  it('rejects a hub URL that is not http(s)', () => {
    const [problem] = problems({ GENKI_HF_HUB_URL: 'ftp://hub.example' });
    expect(problem).toMatch(/^GENKI_HF_HUB_URL must be an http\(s\) URL/);
  });

  it('normalises admin addresses to SS58 prefix 42 and reports a bad one by value', () => {
    expect(parseConfig({ GENKI_ADMIN_ADDRESSES: `${ALICE_POLKADOT}, ${ALICE}` }).adminAddresses).toEqual([
      ALICE,
      ALICE,
    ]);
    const [problem] = problems({
      GENKI_ADMIN_ADDRESSES: `${ALICE},0x1234567890abcdef1234567890abcdef12345678`,
    });
    expect(problem).toContain('GENKI_ADMIN_ADDRESSES');
    expect(problem).toContain('0x1234567890abcdef1234567890abcdef12345678');
  });

  it('requires GENKI_PUBLIC_ORIGIN to be an origin, not a URL with a path', () => {
    expect(parseConfig({ GENKI_PUBLIC_ORIGIN: 'https://studio.example.org/' }).publicOrigin).toBe(
      'https://studio.example.org',
    );
    expect(problems({ GENKI_PUBLIC_ORIGIN: 'https://studio.example.org/app' })[0]).toMatch(
      /^GENKI_PUBLIC_ORIGIN/,
    );
  });

  it('accepts the test model, a folder or a Hub reference as GENKI_CLAP_MODEL, and explains a bad one', () => {
    expect(parseConfig({ GENKI_CLAP_MODEL: 'test' }).clapModel).toBe('test');
    expect(parseConfig({ GENKI_CLAP_MODEL: './models/clap' }).clapModel).toBe('./models/clap');
    const [problem] = problems({ GENKI_CLAP_MODEL: 'hf:someone/some-model' });
    expect(problem).toMatch(/^GENKI_CLAP_MODEL: No pinned revision is known for someone\/some-model/);
  });

  it('defaults GENKI_NETUID to the simulated subnet on local only, and checks its range', () => {
    expect(parseConfig({}).netuid).toBe(1);
    expect(parseConfig({ GENKI_NETUID: '7' }).netuid).toBe(7);
    // Genki-Dama publishes no public netuid: test and finney leave it unset rather than guess.
    expect(parseConfig({ GENKI_NETWORK: 'test' }).netuid).toBeUndefined();
    expect(parseConfig({ GENKI_NETWORK: 'finney' }).netuid).toBeUndefined();
    expect(parseConfig({ GENKI_NETWORK: 'finney', GENKI_NETUID: ' 0 ' }).netuid).toBe(0);
    expect(parseConfig({ GENKI_NETUID: '65535' }).netuid).toBe(65535);
    for (const bad of ['65536', '-1', '1.5', 'one']) {
      expect(problems({ GENKI_NETUID: bad })).toEqual([
        `GENKI_NETUID must be a whole number from 0 to 65535 (got ${JSON.stringify(bad)})`,
      ]);
    }
  });

  it('reads GENKI_EXPORT_CACHE_MAX_SIZE as bytes with decimal or binary units, and names a bad one', () => {
    expect(parseConfig({ GENKI_EXPORT_CACHE_MAX_SIZE: '' }).exportCacheMaxBytes).toBe(2 * 1024 ** 3);
    expect(parseConfig({ GENKI_EXPORT_CACHE_MAX_SIZE: '500MB' }).exportCacheMaxBytes).toBe(500_000_000);
    expect(parseConfig({ GENKI_EXPORT_CACHE_MAX_SIZE: '1.5 gib' }).exportCacheMaxBytes).toBe(1.5 * 1024 ** 3);
    expect(parseConfig({ GENKI_EXPORT_CACHE_MAX_SIZE: '4096' }).exportCacheMaxBytes).toBe(4096);
    expect(parseConfig({ GENKI_EXPORT_CACHE_MAX_SIZE: '0' }).exportCacheMaxBytes).toBe(0);
    for (const bad of ['lots', '-1GiB', '2 GiBs', '1e9']) {
      expect(problems({ GENKI_EXPORT_CACHE_MAX_SIZE: bad })).toEqual([
        `GENKI_EXPORT_CACHE_MAX_SIZE must be a size such as 2GiB, 500MB or a number of bytes (got ${JSON.stringify(bad)})`,
      ]);
    }
  });

  it('reports every invalid variable at once', () => {
    expect(problems({ GENKI_NETWORK: 'x', GENKI_HF_HUB_URL: 'nope' })).toHaveLength(2);
  });
});
