import { stringToU8a, u8aToHex, u8aWrapBytes } from '@polkadot/util';
import Database from 'better-sqlite3';
import { bench, describe } from 'vitest';
import { devKeys } from '@/tests/support/keys';
import { migrate } from '../db/migrate';
import { createSession, findSession } from './sessions';
import { completeSignIn, issueChallenge } from './sign-in';

const keys = await devKeys();
const db = new Database(':memory:');
migrate(db);
const session = createSession(db, { address: keys.alice.address });

describe('sign-in', () => {
  bench('challenge + sr25519 verification + session', async () => {
    const challenge = issueChallenge(db, { address: keys.alice.address, origin: 'http://localhost:3000' });
    await completeSignIn(db, {
      nonce: challenge.nonce,
      address: keys.alice.address,
      signature: u8aToHex(keys.alice.sign(u8aWrapBytes(stringToU8a(challenge.message)))),
    });
  });

  bench('session lookup per request', () => {
    findSession(db, session.token);
  });
});
