import { describe, expect, it } from 'vitest';
import { FINNEY_GENESIS_HASH } from '../chain/networks';
import { checkAccountGenesis, checkChainGenesis, describeGenesis } from './network-check';

const LOCAL = `0x87c8a337${'0'.repeat(52)}5c82`;

describe('network checks by genesis hash', () => {
  it('accepts the expected chain (case-insensitively)', () => {
    expect(
      checkChainGenesis({
        networkLabel: 'Bittensor finney',
        chainGenesis: FINNEY_GENESIS_HASH.toUpperCase().replace('0X', '0x'),
        expectedGenesis: FINNEY_GENESIS_HASH,
      }),
    ).toBeNull();
  });

  it('blocks another chain and names both genesis hashes', () => {
    const problem = checkChainGenesis({
      networkLabel: 'Bittensor finney',
      chainGenesis: LOCAL,
      expectedGenesis: FINNEY_GENESIS_HASH,
    });
    expect(problem).toMatchObject({ code: 'wrong_chain', blocking: true });
    expect(problem?.message).toContain('Wrong network');
    expect(problem?.message).toContain('0x2f0555cc…6c03 (finney)');
    expect(problem?.message).toContain('0x87c8a337…5c82');
  });

  it('only warns when the server could not learn the expected genesis', () => {
    expect(
      checkChainGenesis({ networkLabel: 'Bittensor testnet', chainGenesis: LOCAL, expectedGenesis: null }),
    ).toMatchObject({ code: 'unverified', blocking: false });
  });

  it('flags a wallet account restricted to another chain, and ignores unrestricted ones', () => {
    expect(checkAccountGenesis({ accountGenesis: null, chainGenesis: LOCAL })).toBeNull();
    expect(checkAccountGenesis({ accountGenesis: LOCAL, chainGenesis: LOCAL })).toBeNull();
    const problem = checkAccountGenesis({ accountGenesis: FINNEY_GENESIS_HASH, chainGenesis: LOCAL });
    expect(problem).toMatchObject({ code: 'account_elsewhere', blocking: true });
    expect(problem?.message).toContain('restricts this account to another network');
    expect(describeGenesis(FINNEY_GENESIS_HASH)).toBe('0x2f0555cc…6c03 (finney)');
  });
});
