/**
 * Every column that names a blob in the content-addressed store (lib/blobs.ts). Garbage collection
 * keeps exactly the blobs these columns name, so a referencing column missing here would have its
 * blobs deleted from under it. blob-references.test.ts therefore classifies every column of the
 * migrated schema whose name or type looks like a hash or a blob: each must be listed either here
 * or in NOT_BLOB_REFERENCES, and a migration that adds one to neither list fails the test. A
 * column listed here also needs an index (see referencedSql).
 */

export interface SchemaColumn {
  table: string;
  column: string;
  /** What the column holds; for NOT_BLOB_REFERENCES, why it is not a blob id. */
  why: string;
}

export const BLOB_REFERENCES = [
  {
    table: 'clips',
    column: 'source_sha256',
    why: 'the file as imported (for a tracker module, the module the audio was rendered from)',
  },
  { table: 'clips', column: 'audio_sha256', why: 'the playable audio (the source, or its WAV render)' },
  { table: 'clips', column: 'peaks_sha256', why: 'the waveform peaks JSON' },
  {
    table: 'import_items',
    column: 'blob_sha256',
    why: 'the received bytes of an import file until it is processed, kept so a retry needs no re-upload',
  },
] as const satisfies readonly SchemaColumn[];

export const NOT_BLOB_REFERENCES = [
  { table: 'blobs', column: 'sha256', why: "the blob's own id" },
  { table: 'clips', column: 'caption_sha256', why: 'hash of the caption text (change detection)' },
  {
    table: 'clips',
    column: 'clap_caption_sha256',
    why: 'hash of the caption the CLAP preview was scored against (staleness check)',
  },
  {
    table: 'import_items',
    column: 'sha256',
    why: 'the hash the browser announced before uploading; the stored bytes are named by blob_sha256',
  },
  { table: 'clip_embeddings', column: 'embedding', why: 'the embedding itself, stored inline' },
  { table: 'sessions', column: 'token_hash', why: 'hash of a session cookie' },
] as const satisfies readonly SchemaColumn[];

/**
 * An SQL condition, true when some column above names the blob `blobId` (an SQL expression: an
 * outer column such as `blobs.sha256`, or a named parameter). One indexed lookup per column
 * (migration 5 indexes each; blob-gc-plan.test.ts fails if one would scan its table), so asking it
 * of one blob costs the same whatever the size of the tables. Identifiers come from the constant
 * above, never from input.
 */
export const referencedSql = (blobId: string) =>
  `(${BLOB_REFERENCES.map(
    ({ table, column }) => `EXISTS (SELECT 1 FROM ${table} WHERE ${table}.${column} = ${blobId})`,
  ).join(' OR ')})`;
