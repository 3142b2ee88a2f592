import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { migrate } from '../db/migrate';
import { cleanDisplayName, createSession, findSession, revokeSession, SESSION_TTL_MS } from './sessions';

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
let db: Db;
beforeEach(() => {
  db = new Database(':memory:');
  migrate(db);
});

describe('sessions', () => {
  it('stores only a hash of the token, and finds the session by the token', () => {
    const session = createSession(db, { address: ALICE, displayName: 'Alice' });
    const rows = db.prepare('SELECT token_hash FROM sessions').all() as { token_hash: string }[];
    expect(rows).toEqual([{ token_hash: createHash('sha256').update(session.token).digest('hex') }]);
    expect(JSON.stringify(db.prepare('SELECT * FROM sessions').all())).not.toContain(session.token);
    expect(findSession(db, session.token)?.address).toBe(ALICE);
    expect(findSession(db, `${session.token}x`)).toBeUndefined();
  });

  it('expires after the session lifetime', () => {
    const now = new Date('2026-05-01T00:00:00Z');
    const session = createSession(db, { address: ALICE, now });
    expect(findSession(db, session.token, new Date(now.getTime() + SESSION_TTL_MS - 1))).toBeDefined();
    expect(findSession(db, session.token, new Date(now.getTime() + SESSION_TTL_MS))).toBeUndefined();
  });

  it('ends on sign-out', () => {
    const session = createSession(db, { address: ALICE });
    revokeSession(db, session.token);
    expect(findSession(db, session.token)).toBeUndefined();
  });

  it('cleans wallet account names before showing them', () => {
    expect(cleanDisplayName('  Alice\u0000\u001b[31m ')).toBe('Alice[31m');
    expect(cleanDisplayName('x'.repeat(100))).toHaveLength(64);
    expect(cleanDisplayName('\u0007')).toBeNull();
  });
});
