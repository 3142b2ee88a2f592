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
  {
    version: 3,
    name: 'dataset-studio',
    sql: `
      -- A miner's dataset. Rows below cascade from it; their blobs (audio, peaks) are shared by
      -- content hash and are left for a later garbage collection of unreferenced blobs.
      CREATE TABLE datasets (
        id             TEXT PRIMARY KEY,
        owner          TEXT NOT NULL REFERENCES accounts (address) ON DELETE CASCADE,
        name           TEXT NOT NULL,
        description    TEXT NOT NULL DEFAULT '',
        visibility     TEXT NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'shared')),
        -- Clip positions are reserved when an import is created, so clips keep the import's order
        -- whatever order they finish processing in.
        next_position  INTEGER NOT NULL DEFAULT 1,
        created_at     INTEGER NOT NULL,
        updated_at     INTEGER NOT NULL
      );
      CREATE INDEX datasets_owner ON datasets (owner, updated_at DESC);
      CREATE INDEX datasets_visibility ON datasets (visibility, updated_at DESC);

      CREATE TABLE clips (
        id                  TEXT PRIMARY KEY,
        dataset_id          TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
        position            INTEGER NOT NULL,
        file_name           TEXT NOT NULL,
        source_path         TEXT,
        source_sha256       TEXT NOT NULL CHECK (length(source_sha256) = 64),
        source_media_type   TEXT NOT NULL,
        audio_sha256        TEXT NOT NULL CHECK (length(audio_sha256) = 64),
        audio_media_type    TEXT NOT NULL,
        peaks_sha256        TEXT NOT NULL CHECK (length(peaks_sha256) = 64),
        format              TEXT NOT NULL,
        is_rendered_module  INTEGER NOT NULL DEFAULT 0,
        sample_rate         INTEGER NOT NULL,
        channels            INTEGER NOT NULL,
        duration_seconds    REAL NOT NULL,
        status              TEXT NOT NULL DEFAULT 'new'
                              CHECK (status IN ('new', 'accepted', 'skipped', 'reported')),
        report_reason       TEXT,
        caption             TEXT NOT NULL DEFAULT '',
        caption_sha256      TEXT NOT NULL,
        caption_origin      TEXT NOT NULL DEFAULT 'none'
                              CHECK (caption_origin IN ('none', 'imported', 'machine', 'human')),
        tags_json           TEXT NOT NULL,
        suggestions_json    TEXT NOT NULL,
        licence             TEXT,
        attribution         TEXT,
        trim_start          REAL,
        trim_end            REAL,
        quality_level       TEXT NOT NULL CHECK (quality_level IN ('pass', 'warn', 'fail')),
        quality_json        TEXT NOT NULL,
        -- The browser's CLAP preview; its caption hash and trim decide whether it is stale.
        clap_json           TEXT,
        clap_score          REAL,
        clap_caption_sha256 TEXT,
        clap_trim_start     REAL,
        clap_trim_end       REAL,
        created_at          INTEGER NOT NULL,
        updated_at          INTEGER NOT NULL,
        -- Duplicates are found by content, whatever the file is called.
        UNIQUE (dataset_id, source_sha256)
      );
      CREATE INDEX clips_dataset_position ON clips (dataset_id, position);
      CREATE INDEX clips_dataset_status ON clips (dataset_id, status, position);
      CREATE INDEX clips_dataset_quality ON clips (dataset_id, quality_level, position);
      CREATE INDEX clips_dataset_score ON clips (dataset_id, clap_score);
      CREATE INDEX clips_dataset_duration ON clips (dataset_id, duration_seconds);

      -- The unit audio embedding of the latest CLAP preview (512 little-endian float32s).
      CREATE TABLE clip_embeddings (
        clip_id     TEXT PRIMARY KEY REFERENCES clips (id) ON DELETE CASCADE,
        model       TEXT NOT NULL,
        embedding   BLOB NOT NULL CHECK (length(embedding) = 2048),
        updated_at  INTEGER NOT NULL
      );

      CREATE TABLE imports (
        id          TEXT PRIMARY KEY,
        dataset_id  TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
        kind        TEXT NOT NULL CHECK (kind IN ('files', 'zip', 'hub')),
        label       TEXT NOT NULL,
        state       TEXT NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'done', 'failed')),
        error       TEXT,
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL
      );
      CREATE INDEX imports_dataset ON imports (dataset_id, created_at DESC);

      CREATE TABLE import_items (
        id             TEXT PRIMARY KEY,
        import_id      TEXT NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
        -- Denormalised so the in-flight duplicate check and the dataset-full count need no join.
        dataset_id     TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
        position       INTEGER NOT NULL,
        file_name      TEXT NOT NULL,
        relative_path  TEXT,
        size           INTEGER NOT NULL CHECK (size >= 0),
        sha256         TEXT CHECK (sha256 IS NULL OR length(sha256) = 64),
        caption        TEXT,
        state          TEXT NOT NULL
                         CHECK (state IN ('pending', 'uploaded', 'processing', 'done', 'duplicate', 'failed')),
        error          TEXT,
        clip_id        TEXT REFERENCES clips (id) ON DELETE SET NULL,
        clip_position  INTEGER,
        -- The received bytes (set once the upload's hash checked out), kept so a retry needs no re-upload.
        blob_sha256    TEXT CHECK (blob_sha256 IS NULL OR length(blob_sha256) = 64),
        attempts       INTEGER NOT NULL DEFAULT 0,
        updated_at     INTEGER NOT NULL,
        UNIQUE (import_id, position)
      );
      -- The processing queue and the start-up recovery scan read only the in-flight states.
      CREATE INDEX import_items_queue ON import_items (state, updated_at)
        WHERE state IN ('uploaded', 'processing');
      CREATE INDEX import_items_dataset_sha ON import_items (dataset_id, sha256)
        WHERE state IN ('pending', 'uploaded', 'processing');
      CREATE INDEX import_items_clip ON import_items (clip_id);
    `,
  },
  {
    version: 4,
    name: 'blob-stored-at',
    sql: `
      -- When the blob was last stored (put or adopted), not only first created: garbage collection
      -- spares recently stored blobs, and an import that stores bytes already on disk must count
      -- as recent, or the old blob could be collected before the import's row references it.
      ALTER TABLE blobs ADD COLUMN stored_at INTEGER NOT NULL DEFAULT 0;
      UPDATE blobs SET stored_at = created_at;
      CREATE INDEX blobs_stored_at ON blobs (stored_at);
    `,
  },
  {
    version: 5,
    name: 'blob-collection-indexes',
    sql: `
      -- Garbage collection asks, blob by blob, whether any referencing column (the list in
      -- lib/storage/blob-references.ts) names it: each needs an index, or every question scans the
      -- table while the collector holds the write lock. blob_sha256 is NULL for most items.
      CREATE INDEX clips_source_sha256 ON clips (source_sha256);
      CREATE INDEX clips_audio_sha256 ON clips (audio_sha256);
      CREATE INDEX clips_peaks_sha256 ON clips (peaks_sha256);
      CREATE INDEX import_items_blob_sha256 ON import_items (blob_sha256) WHERE blob_sha256 IS NOT NULL;

      -- When a collection pass first found the blob unreferenced (NULL while referenced): blobs are
      -- deleted only once unreferenced for the grace period, so a download that started just
      -- before a dataset was deleted can finish.
      ALTER TABLE blobs ADD COLUMN unreferenced_since INTEGER;

      -- A finished item's bytes are its clip's source (done) or an existing clip's (duplicate);
      -- nothing reads them from the item again, and keeping them would keep a deleted clip's source.
      UPDATE import_items SET blob_sha256 = NULL WHERE state IN ('done', 'duplicate');

      -- A build from before stored_at (a server still running when this one migrated) inserts
      -- rows without it; 0 would make a blob it just stored look ancient to garbage collection.
      CREATE TRIGGER blobs_stored_at_now AFTER INSERT ON blobs WHEN NEW.stored_at = 0
      BEGIN
        UPDATE blobs SET stored_at = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
        WHERE sha256 = NEW.sha256;
      END;
    `,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.reduce(
  (max, migration) => Math.max(max, migration.version),
  0,
);
