/**
 * File-system helpers shared by the blob collector and the export cache evictor. Both run while
 * the server writes into the same folders, so every step tolerates a file that vanished since it
 * was listed (another writer renamed or removed it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';

/** How long an unreferenced or unfinished file is left alone: longer than any write or import step takes. */
export const GRACE_MS = 60 * 60_000;

/** Writers name unfinished files `<target>.<random>.partial` and rename them into place when done. */
export const PARTIAL_SUFFIX = '.partial';

export interface FreedFiles {
  count: number;
  bytes: number;
}

export const nothingFreed = (): FreedFiles => ({ count: 0, bytes: 0 });

export function addFreed(total: FreedFiles, bytes: number): void {
  total.count++;
  total.bytes += bytes;
}

export interface ListedFile {
  file: string;
  name: string;
  size: number;
  mtimeMs: number;
}

/** A folder's entries; a missing folder (nothing written there yet) has none. */
function readDir(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** The regular files directly in a folder, with size and mtime. */
export function listFiles(dir: string): ListedFile[] {
  const out: ListedFile[] = [];
  for (const entry of readDir(dir)) {
    if (!entry.isFile()) continue;
    const file = path.join(dir, entry.name);
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat) out.push({ file, name: entry.name, size: stat.size, mtimeMs: stat.mtimeMs });
  }
  return out;
}

const SHARD_NAME = /^[0-9a-f]{2}$/;

/**
 * The files of both stores' layout, `<root>/<aa>/<name>` with `aa` two hex digits, each with the
 * shard it sits in. Other folders (the blob store's `incoming/`) are not included.
 */
export function listShardedFiles(root: string): (ListedFile & { shard: string })[] {
  return readDir(root)
    .filter((entry) => entry.isDirectory() && SHARD_NAME.test(entry.name))
    .flatMap(({ name: shard }) => listFiles(path.join(root, shard)).map((file) => ({ ...file, shard })));
}

/** Files a run could not delete (permissions, a read-only mount): how many, and the first for the log. */
export interface RemovalFailures {
  count: number;
  first?: string;
}

export const noFailures = (): RemovalFailures => ({ count: 0 });

/**
 * Unlinks a file and says whether it is gone; one already gone counts as removed (a crash or
 * another run got there first). Any other error is noted in `failures` rather than thrown: one file
 * the process may not delete must not stop the rest of a run, every run, for good.
 */
export function tryRemoveFile(file: string, failures: RemovalFailures): boolean {
  try {
    fs.unlinkSync(file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return true;
    failures.count++;
    failures.first ??= `${file} (${code ?? (error as Error).message})`;
    return false;
  }
}

/** An unfinished write nobody has touched for the grace period: its writer is gone. */
export const isStalePartial = (file: ListedFile, cutoff: number) =>
  file.name.endsWith(PARTIAL_SUFFIX) && file.mtimeMs < cutoff;

/** Removes the files (or, in a dry run, only counts them); what could not be removed is not counted. */
export function removeFiles(
  files: readonly ListedFile[],
  dryRun: boolean,
  failures: RemovalFailures,
): FreedFiles {
  const freed = nothingFreed();
  for (const file of files) {
    if (dryRun || tryRemoveFile(file.file, failures)) addFreed(freed, file.size);
  }
  return freed;
}

/** Lets requests run between batches: a large collection must not stall the server. */
export const yieldToRequests = () => nextTurn();

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}
