/**
 * Turning what the person dropped or picked into files with relative paths. Folder drops are walked
 * with the File and Directory Entries API (webkitGetAsEntry, in every current browser); entries must
 * be taken synchronously inside the drop event, so `collectDropped` does that before awaiting.
 */
import type { PickedFile } from './import-manager';

type Entry = FileSystemEntry;

function isFile(entry: Entry): entry is FileSystemFileEntry {
  return entry.isFile;
}
function isDirectory(entry: Entry): entry is FileSystemDirectoryEntry {
  return entry.isDirectory;
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** readEntries returns at most ~100 entries per call; keep calling until it returns none. */
async function childrenOf(entry: FileSystemDirectoryEntry): Promise<Entry[]> {
  const reader = entry.createReader();
  const out: Entry[] = [];
  for (;;) {
    const batch = await new Promise<Entry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return out;
    out.push(...batch);
  }
}

async function walk(entry: Entry, out: PickedFile[], unreadable: string[]): Promise<void> {
  // fullPath starts with "/" (the drop root); paths here are relative to it.
  const path = entry.fullPath.replace(/^\/+/, '');
  try {
    if (isFile(entry)) out.push({ file: await fileOf(entry), path });
    else if (isDirectory(entry)) {
      for (const child of await childrenOf(entry)) await walk(child, out, unreadable);
    }
  } catch {
    unreadable.push(path);
  }
}

/**
 * Call from the drop handler *before* any await: it grabs the entries synchronously, then walks
 * them. Items without entry support fall back to plain files (no folders).
 */
export function collectDropped(data: DataTransfer): Promise<{ files: PickedFile[]; unreadable: string[] }> {
  const entries: Entry[] = [];
  const plain: File[] = [];
  for (const item of Array.from(data.items)) {
    if (item.kind !== 'file') continue;
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (entry) entries.push(entry);
    else {
      const file = item.getAsFile();
      if (file) plain.push(file);
    }
  }
  if (entries.length === 0 && plain.length === 0) plain.push(...Array.from(data.files));
  return (async () => {
    const files: PickedFile[] = plain.map((file) => ({ file, path: file.name }));
    const unreadable: string[] = [];
    for (const entry of entries) await walk(entry, files, unreadable);
    return { files, unreadable };
  })();
}

/** Files from an <input type="file"> (with `webkitdirectory`, each carries its relative path). */
export function pickedFromInput(list: FileList | null): PickedFile[] {
  return Array.from(list ?? []).map((file) => ({ file, path: file.webkitRelativePath || file.name }));
}
