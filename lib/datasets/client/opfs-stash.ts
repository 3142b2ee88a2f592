/**
 * Files waiting to be uploaded, kept in the Origin Private File System so an import survives a page
 * reload: genki-imports/<importId>/<itemId> holds the bytes of one pending import item. A file is
 * deleted as soon as the server has it. Where OPFS is missing (or full), imports still run from
 * memory; they just cannot resume after a reload, and the UI says so.
 */
const ROOT = 'genki-imports';

type Directory = FileSystemDirectoryHandle & { keys(): AsyncIterable<string> };

async function root(create: boolean): Promise<Directory | null> {
  try {
    const storage = globalThis.navigator?.storage;
    if (!storage?.getDirectory) return null;
    const top = await storage.getDirectory();
    return (await top.getDirectoryHandle(ROOT, { create })) as Directory;
  } catch {
    return null;
  }
}

let available: Promise<boolean> | undefined;

/** Whether this browser can stash files (OPFS with writable streams on the main thread). */
export function stashAvailable(): Promise<boolean> {
  available ??= (async () => {
    const dir = await root(true);
    if (!dir) return false;
    try {
      const probe = await dir.getFileHandle('.probe', { create: true });
      const ok = typeof probe.createWritable === 'function';
      await dir.removeEntry('.probe');
      return ok;
    } catch {
      return false;
    }
  })();
  return available;
}

async function importDir(importId: string, create: boolean): Promise<Directory | null> {
  const dir = await root(create);
  try {
    return dir ? ((await dir.getDirectoryHandle(importId, { create })) as Directory) : null;
  } catch {
    return null;
  }
}

const PARTIAL = '.partial';

type MovableHandle = FileSystemFileHandle & { move?: (name: string) => Promise<void> };

/**
 * Writes the bytes of one item; returns false when they could not be kept (no OPFS, quota). The
 * bytes go to `<itemId>.partial` and are renamed when complete, so a reload in the middle of a
 * write never leaves a truncated file that looks stashed.
 */
export async function stashFile(importId: string, itemId: string, data: Blob): Promise<boolean> {
  if (!(await stashAvailable())) return false;
  const dir = await importDir(importId, true);
  if (!dir) return false;
  const partialName = `${itemId}${PARTIAL}`;
  try {
    const handle = (await dir.getFileHandle(partialName, { create: true })) as MovableHandle;
    const writable = await handle.createWritable();
    try {
      await writable.write(data);
      await writable.close();
    } catch (error) {
      await writable.abort().catch(() => undefined);
      throw error;
    }
    if (typeof handle.move !== 'function') {
      // No atomic rename (older browsers): the size check on resume still rejects a torn write.
      await dir.removeEntry(itemId).catch(() => undefined);
      const final = await dir.getFileHandle(itemId, { create: true });
      const copy = await final.createWritable();
      await copy.write(await handle.getFile());
      await copy.close();
      await dir.removeEntry(partialName).catch(() => undefined);
    } else {
      await handle.move(itemId);
    }
    return true;
  } catch {
    await dir.removeEntry(partialName).catch(() => undefined);
    await dir.removeEntry(itemId).catch(() => undefined);
    return false;
  }
}

export async function readStashed(importId: string, itemId: string): Promise<File | null> {
  const dir = await importDir(importId, false);
  try {
    return dir ? await (await dir.getFileHandle(itemId)).getFile() : null;
  } catch {
    return null;
  }
}

export async function dropStashed(importId: string, itemId: string): Promise<void> {
  const dir = await importDir(importId, false);
  if (!dir) return;
  await dir.removeEntry(itemId).catch(() => undefined);
  // The last file gone: drop the import's folder too (non-recursive removal fails if it is not empty).
  await (await root(false))?.removeEntry(importId).catch(() => undefined);
}

export async function dropImport(importId: string): Promise<void> {
  const dir = await root(false);
  await dir?.removeEntry(importId, { recursive: true }).catch(() => undefined);
}

/** Every stashed item, grouped by import id. */
export async function listStashed(): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const dir = await root(false);
  if (!dir) return out;
  try {
    for await (const importId of dir.keys()) {
      if (importId.startsWith('.')) continue;
      const sub = await importDir(importId, false);
      const items: string[] = [];
      if (sub) {
        for await (const name of sub.keys()) {
          // A write the reload interrupted: its bytes are incomplete, so they are not a stash.
          if (name.endsWith(PARTIAL)) await sub.removeEntry(name).catch(() => undefined);
          else items.push(name);
        }
      }
      out.set(importId, items);
    }
  } catch {
    // A listing that fails part-way resumes what it found; the rest waits for the next load.
  }
  return out;
}
