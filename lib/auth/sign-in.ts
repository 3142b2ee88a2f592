/**
 * Server side of "sign in with the Polkadot extension": issue a single-use challenge, then check
 * the extension's signature of it and open a session.
 */
import { randomBytes } from 'node:crypto';
import { hexToU8a, isHex, stringToU8a, u8aWrapBytes } from '@polkadot/util';
import { cryptoWaitReady, signatureVerify } from '@polkadot/util-crypto';
import type { Db } from '../db';
import { toSubstrateAddress } from './address';
import { AuthError } from './errors';
import { buildSignInMessage } from './message';
import { createSession, type NewSession } from './sessions';

export const CHALLENGE_TTL_MS = 5 * 60 * 1000;

export interface Challenge {
  nonce: string;
  message: string;
  expiresAt: Date;
}

interface NonceRow {
  nonce: string;
  address: string;
  origin: string;
  issued_at: number;
  expires_at: number;
  used_at: number | null;
}

export function issueChallenge(db: Db, input: { address: string; origin: string; now?: Date }): Challenge {
  const address = toSubstrateAddress(input.address);
  if (!address) throw new AuthError('invalid_address');
  const now = input.now ?? new Date();
  const expiresAt = new Date(now.getTime() + CHALLENGE_TTL_MS);
  const nonce = randomBytes(16).toString('hex');
  // Expired challenges are useless; dropping them here keeps the table small without a cron.
  db.prepare('DELETE FROM auth_nonces WHERE expires_at < ?').run(now.getTime() - CHALLENGE_TTL_MS);
  db.prepare(
    'INSERT INTO auth_nonces (nonce, address, origin, issued_at, expires_at) VALUES (?, ?, ?, ?, ?)',
  ).run(nonce, address, input.origin, now.getTime(), expiresAt.getTime());
  return {
    nonce,
    expiresAt,
    message: buildSignInMessage({ origin: input.origin, address, nonce, issuedAt: now, expiresAt }),
  };
}

export interface SignInAttempt {
  nonce: string;
  address: string;
  signature: string;
  displayName?: string | undefined;
  now?: Date;
}

/**
 * Verifies a signed challenge and opens a session. The challenge is burnt before the signature is
 * checked, so every nonce gets exactly one attempt whatever its outcome.
 */
export async function completeSignIn(db: Db, attempt: SignInAttempt): Promise<NewSession> {
  const now = attempt.now ?? new Date();
  const row = db.prepare('SELECT * FROM auth_nonces WHERE nonce = ?').get(attempt.nonce) as
    | NonceRow
    | undefined;
  if (!row) throw new AuthError('unknown_nonce');
  if (row.used_at !== null) throw new AuthError('used_nonce');
  if (row.expires_at <= now.getTime()) throw new AuthError('expired_nonce');
  const burnt = db
    .prepare('UPDATE auth_nonces SET used_at = ? WHERE nonce = ? AND used_at IS NULL')
    .run(now.getTime(), row.nonce);
  if (burnt.changes !== 1) throw new AuthError('used_nonce');

  const claimed = toSubstrateAddress(attempt.address);
  if (!claimed) throw new AuthError('invalid_address');
  if (claimed !== row.address) throw new AuthError('address_mismatch');

  if (!isHex(attempt.signature) || ![64, 65].includes(hexToU8a(attempt.signature).length)) {
    throw new AuthError('bad_signature');
  }
  const message = buildSignInMessage({
    origin: row.origin,
    address: row.address,
    nonce: row.nonce,
    issuedAt: new Date(row.issued_at),
    expiresAt: new Date(row.expires_at),
  });
  await cryptoWaitReady();
  // Extensions sign `<Bytes>message</Bytes>`; signatureVerify checks that form (and the bare form).
  const result = signatureVerify(u8aWrapBytes(stringToU8a(message)), attempt.signature, row.address);
  if (!result.isValid) throw new AuthError('bad_signature');
  if (result.crypto !== 'sr25519' && result.crypto !== 'ed25519') throw new AuthError('unsupported_key');

  return createSession(db, { address: row.address, displayName: attempt.displayName, now });
}
