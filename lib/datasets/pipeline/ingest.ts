/**
 * Handing received bytes to the import pipeline: store them as a blob, queue the item (or settle it
 * as a duplicate of a clip that appeared meanwhile) and wake the workers. The upload route uses
 * acceptItemFile; a server-side importer (e.g. the Hub import) that holds the bytes in memory uses
 * acceptItemBytes on an item it created with createImportJob.
 */
import 'server-only';
import type { BlobStore } from '../../blobs';
import type { Db } from '../../db';
import { failItem, markReceived } from '../import-items';
import { findItem, type ItemDbRow, toImportItem } from '../import-rows';
import type { ImportItem } from '../model';
import { kickPipeline } from './clip-pipeline';

const UPLOAD_MEDIA_TYPE = 'application/octet-stream';

function accept(db: Db, item: ItemDbRow, sha256: string): ImportItem {
  markReceived(db, item, sha256);
  kickPipeline();
  const updated = findItem(db, item.id);
  if (!updated) throw new Error(`Import item ${item.id} vanished after its upload.`);
  return toImportItem(updated);
}

/** For a file already written under blobs.incomingPath() and hashed by its writer. */
export function acceptItemFile(
  db: Db,
  blobs: BlobStore,
  item: ItemDbRow,
  file: string,
  sha256: string,
): ImportItem {
  blobs.adopt(file, sha256, UPLOAD_MEDIA_TYPE);
  return accept(db, item, sha256);
}

/** For bytes in memory. An item created with a declared SHA-256 fails if the bytes do not match it. */
export function acceptItemBytes(db: Db, blobs: BlobStore, item: ItemDbRow, bytes: Uint8Array): ImportItem {
  const info = blobs.put(bytes, UPLOAD_MEDIA_TYPE);
  if (item.sha256 && item.sha256 !== info.sha256) {
    failItem(db, item.id, 'The downloaded bytes do not match the SHA-256 announced for this file.');
    const failed = findItem(db, item.id);
    if (!failed) throw new Error(`Import item ${item.id} vanished.`);
    return toImportItem(failed);
  }
  return accept(db, item, info.sha256);
}
