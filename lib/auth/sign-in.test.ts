import type { KeyringPair } from '@polkadot/keyring/types';
import { stringToU8a, u8aToHex, u8aWrapBytes } from '@polkadot/util';
import Database from 'better-sqlite3';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { devKeys } from '@/tests/support/keys';
import type { Db } from '../db';
import { migrate } from '../db/migrate';
import { AuthError } from './errors';
import { findSession } from './sessions';
import { CHALLENGE_TTL_MS, completeSignIn, issueChallenge } from './sign-in';

const ORIGIN = 'http://localhost:3000';
let keys: Awaited<ReturnType<typeof devKeys>>;
let db: Db;

beforeAll(async () => {
  keys = await devKeys();
});
beforeEach(() => {
  db = new Database(':memory:');
  migrate(db);
});

/** What a real extension does with signRaw({ type: 'bytes' }): sign <Bytes>message</Bytes>. */
const extensionSign = (pair: KeyringPair, message: string) =>
  u8aToHex(pair.sign(u8aWrapBytes(stringToU8a(message))));

async function expectAuthError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthError);
  expect((error as AuthError).code).toBe(code);
  expect((error as AuthError).status).toBe(401);
}

describe('sign in with the extension', () => {
  it('opens a session for an sr25519 account that signed the wrapped challenge', async () => {
    const challenge = issueChallenge(db, { address: keys.alice.address, origin: ORIGIN });
    expect(challenge.message).toContain(keys.alice.address);
    expect(challenge.message).toContain(`URI: ${ORIGIN}`);
    expect(challenge.message).toContain(`Nonce: ${challenge.nonce}`);
    const session = await completeSignIn(db, {
      nonce: challenge.nonce,
      address: keys.alice.address,
      signature: extensionSign(keys.alice, challenge.message),
      displayName: 'Alice',
    });
    expect(session.address).toBe(keys.alice.address);
    expect(findSession(db, session.token)).toMatchObject({
      address: keys.alice.address,
      displayName: 'Alice',
    });
  });

  it('accepts ed25519 accounts too', async () => {
    const challenge = issueChallenge(db, { address: keys.edward.address, origin: ORIGIN });
    const session = await completeSignIn(db, {
      nonce: challenge.nonce,
      address: keys.edward.address,
      signature: extensionSign(keys.edward, challenge.message),
    });
    expect(session.address).toBe(keys.edward.address);
  });

  it('rejects an expired challenge', async () => {
    const issuedAt = new Date('2026-01-01T00:00:00Z');
    const challenge = issueChallenge(db, { address: keys.alice.address, origin: ORIGIN, now: issuedAt });
    await expectAuthError(
      completeSignIn(db, {
        nonce: challenge.nonce,
        address: keys.alice.address,
        signature: extensionSign(keys.alice, challenge.message),
        now: new Date(issuedAt.getTime() + CHALLENGE_TTL_MS + 1),
      }),
      'expired_nonce',
    );
  });

  it('rejects a challenge used a second time', async () => {
    const challenge = issueChallenge(db, { address: keys.alice.address, origin: ORIGIN });
    const attempt = {
      nonce: challenge.nonce,
      address: keys.alice.address,
      signature: extensionSign(keys.alice, challenge.message),
    };
    await completeSignIn(db, attempt);
    await expectAuthError(completeSignIn(db, attempt), 'used_nonce');
  });

  it('burns the challenge on a failed attempt, so a signature cannot be retried against it', async () => {
    const challenge = issueChallenge(db, { address: keys.alice.address, origin: ORIGIN });
    await expectAuthError(
      completeSignIn(db, {
        nonce: challenge.nonce,
        address: keys.alice.address,
        signature: extensionSign(keys.alice, 'something else'),
      }),
      'bad_signature',
    );
    await expectAuthError(
      completeSignIn(db, {
        nonce: challenge.nonce,
        address: keys.alice.address,
        signature: extensionSign(keys.alice, challenge.message),
      }),
      'used_nonce',
    );
  });

  it('rejects an unknown nonce', async () => {
    await expectAuthError(
      completeSignIn(db, {
        nonce: 'f'.repeat(32),
        address: keys.alice.address,
        signature: `0x${'00'.repeat(64)}`,
      }),
      'unknown_nonce',
    );
  });

  it('rejects a signature by another key over the same message', async () => {
    const challenge = issueChallenge(db, { address: keys.alice.address, origin: ORIGIN });
    await expectAuthError(
      completeSignIn(db, {
        nonce: challenge.nonce,
        address: keys.alice.address,
        signature: extensionSign(keys.bob, challenge.message),
      }),
      'bad_signature',
    );
  });

  it('rejects a sign-in for an address other than the one the challenge was issued to', async () => {
    const challenge = issueChallenge(db, { address: keys.alice.address, origin: ORIGIN });
    await expectAuthError(
      completeSignIn(db, {
        nonce: challenge.nonce,
        address: keys.bob.address,
        signature: extensionSign(keys.bob, challenge.message),
      }),
      'address_mismatch',
    );
  });

  it('rejects a signature over a message with a different origin', async () => {
    const challenge = issueChallenge(db, { address: keys.alice.address, origin: ORIGIN });
    const forged = challenge.message.replace(ORIGIN, 'https://evil.example');
    await expectAuthError(
      completeSignIn(db, {
        nonce: challenge.nonce,
        address: keys.alice.address,
        signature: extensionSign(keys.alice, forged),
      }),
      'bad_signature',
    );
  });

  it('refuses ECDSA keys even with a valid signature', async () => {
    const challenge = issueChallenge(db, { address: keys.eve.address, origin: ORIGIN });
    await expectAuthError(
      completeSignIn(db, {
        nonce: challenge.nonce,
        address: keys.eve.address,
        signature: extensionSign(keys.eve, challenge.message),
      }),
      'unsupported_key',
    );
  });

  it('refuses to issue a challenge for an Ethereum-style account', () => {
    expect(() => issueChallenge(db, { address: keys.ethan.address, origin: ORIGIN })).toThrowError(
      expect.objectContaining({ code: 'invalid_address', status: 400 }),
    );
  });
});
