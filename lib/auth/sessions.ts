import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db';

export const SESSION_COOKIE = 'genki_session';
export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface Session {
  address: string;
  displayName: string | null;
  expiresAt: Date;
}

export interface NewSession extends Session {
  /** The cookie value. Only its hash is stored. */
  token: string;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Extension account names are user text: trim, drop control characters, cap the length. */
export function cleanDisplayName(name: string | undefined | null): string | null {
  if (!name) return null;
  const printable = [...name].filter((char) => {
    const code = char.codePointAt(0) ?? 0;
    return code > 0x1f && (code < 0x7f || code > 0x9f);
  });
  const cleaned = printable.join('').trim().slice(0, 64);
  return cleaned || null;
}

export function createSession(
  db: Db,
  input: { address: string; displayName?: string | undefined; now?: Date },
): NewSession {
  const now = (input.now ?? new Date()).getTime();
  const displayName = cleanDisplayName(input.displayName);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = now + SESSION_TTL_MS;
  db.transaction(() => {
    db.prepare(
      `INSERT INTO accounts (address, display_name, created_at, last_seen_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (address) DO UPDATE SET display_name = excluded.display_name, last_seen_at = excluded.last_seen_at`,
    ).run(input.address, displayName, now, now);
    db.prepare('INSERT INTO sessions (token_hash, address, created_at, expires_at) VALUES (?, ?, ?, ?)').run(
      hashToken(token),
      input.address,
      now,
      expiresAt,
    );
  })();
  return { token, address: input.address, displayName, expiresAt: new Date(expiresAt) };
}

export function findSession(db: Db, token: string | undefined, now = new Date()): Session | undefined {
  if (!token || token.length > 100) return undefined;
  const row = db
    .prepare(
      `SELECT s.address, s.expires_at, a.display_name FROM sessions s JOIN accounts a ON a.address = s.address
       WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ?`,
    )
    .get(hashToken(token), now.getTime()) as
    | { address: string; expires_at: number; display_name: string | null }
    | undefined;
  return row && { address: row.address, displayName: row.display_name, expiresAt: new Date(row.expires_at) };
}

export function revokeSession(db: Db, token: string | undefined, now = new Date()): void {
  if (!token) return;
  db.prepare('UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL').run(
    now.getTime(),
    hashToken(token),
  );
}
