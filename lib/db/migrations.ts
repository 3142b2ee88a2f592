/**
 * Versioned schema migrations. Append only: a migration that has shipped is never edited, because
 * databases in the field have already run it. Each runs in its own transaction with its version
 * recorded in `schema_migrations`, so a crash mid-way leaves the database at the previous version.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'accounts-and-sign-in',
    sql: `
      CREATE TABLE accounts (
        address       TEXT PRIMARY KEY,
        display_name  TEXT,
        created_at    INTEGER NOT NULL,
        last_seen_at  INTEGER NOT NULL
      );

      -- Single-use sign-in challenges. The message is rebuilt from these columns at verification,
      -- so the browser can never choose what it is asked to have signed.
      CREATE TABLE auth_nonces (
        nonce       TEXT PRIMARY KEY,
        address     TEXT NOT NULL,
        origin      TEXT NOT NULL,
        issued_at   INTEGER NOT NULL,
        expires_at  INTEGER NOT NULL,
        used_at     INTEGER
      );
      CREATE INDEX auth_nonces_expires_at ON auth_nonces (expires_at);

      -- Sessions are looked up by the SHA-256 of the cookie token: a copy of the database does not
      -- hand out live sessions.
      CREATE TABLE sessions (
        token_hash    TEXT PRIMARY KEY,
        address       TEXT NOT NULL REFERENCES accounts (address) ON DELETE CASCADE,
        created_at    INTEGER NOT NULL,
        expires_at    INTEGER NOT NULL,
        revoked_at    INTEGER
      );
      CREATE INDEX sessions_address ON sessions (address);
    `,
  },
  {
    version: 2,
    name: 'content-addressed-blobs',
    sql: `
      CREATE TABLE blobs (
        sha256      TEXT PRIMARY KEY CHECK (length(sha256) = 64),
        size        INTEGER NOT NULL CHECK (size >= 0),
        media_type  TEXT NOT NULL,
        created_at  INTEGER NOT NULL
      );
    `,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.reduce(
  (max, migration) => Math.max(max, migration.version),
  0,
);
