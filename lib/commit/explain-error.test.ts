import { describe, expect, it } from 'vitest';
import { ChainError } from '../chain/errors';
import { explainSubmitError } from './explain-error';

const WS = 'ws://127.0.0.1:9944';
const chainError = (code: ChainError['code'], words: string, detail?: string) =>
  new ChainError(code, WS, words, `${words} (message)`, detail);

describe('explainSubmitError', () => {
  it('names the netuid a hotkey is not registered on', () => {
    const explained = explainSubmitError(
      chainError('dispatch', 'not registered on this netuid', 'commitments.AccountNotAllowedCommit'),
      { netuid: 7 },
    );
    expect(explained.title).toBe('Not registered on netuid 7.');
    expect(explained.detail).toContain('AccountNotAllowedCommit');
  });

  it('says the budget resets with the next epoch even without a budget reading', () => {
    const explained = explainSubmitError(
      chainError('dispatch', 'rate or space limit reached', 'commitments.SpaceLimitExceeded'),
      { netuid: 1 },
    );
    expect(explained.title).toBe('Rate or space limit reached.');
    expect(explained.detail).toContain("resets when netuid 1's next epoch starts");
  });

  it('says a wallet that never signed sent nothing, and that approving later would still send', () => {
    const explained = explainSubmitError(chainError('signing_timeout', 'the wallet did not sign in time'), {
      netuid: 1,
    });
    expect(explained.title).toBe('Your wallet did not sign in time.');
    expect(explained.detail).toContain('approving it now would still send it');
  });

  it('tells a refusal in the wallet apart from chain failures', () => {
    const explained = explainSubmitError(chainError('signing_rejected', 'signing was cancelled'), {
      netuid: 1,
    });
    expect(explained.title).toBe('Your wallet extension refused to sign.');
    expect(explained.detail).toContain('Nothing was sent');
  });

  it('reports a node that went away, also when a send failed because the socket had just closed', () => {
    for (const error of [
      chainError('disconnected', 'lost the connection to the chain'),
      chainError('rejected', 'the transaction could not be sent', 'WebSocket is not connected'),
    ]) {
      const explained = explainSubmitError(error, { netuid: 1, connected: false });
      expect(explained.title).toBe('The chain node went away.');
      expect(explained.detail).toContain(WS);
      expect(explained.detail).toContain('may or may not have been included');
    }
  });

  it('explains an unreachable node, a timeout, a bad signature and non-chain errors', () => {
    expect(
      explainSubmitError(chainError('connect_failed', 'cannot reach the chain node'), { netuid: 1 }).title,
    ).toBe('Cannot reach the chain node.');
    expect(
      explainSubmitError(chainError('timeout', 'the chain did not confirm in time'), { netuid: 1 }).title,
    ).toBe('The chain did not answer in time.');
    const badProof = explainSubmitError(
      chainError(
        'rejected',
        'the chain rejected the signature (wrong key or network)',
        '1010: bad signature',
      ),
      { netuid: 1, connected: true },
    );
    expect(badProof.detail).toContain('signed for another network');
    expect(explainSubmitError(new Error('boom'), { netuid: 1 })).toEqual({
      title: 'The submission failed.',
      detail: 'boom',
    });
  });
});
