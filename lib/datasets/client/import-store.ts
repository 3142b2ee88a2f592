/**
 * The import client's own state, at module level so an import keeps running (and keeps its
 * progress) while the person navigates around the app. Server truth (item states, counts) comes from
 * react-query; this store holds only what the server cannot know: preparation progress, bytes sent,
 * upload errors, and files refused before anything was sent. React reads it with useSyncExternalStore.
 */
export type LocalItemState = 'waiting' | 'uploading' | 'sent' | 'error';

export interface LocalItem {
  itemId: string;
  fileName: string;
  size: number;
  loaded: number;
  state: LocalItemState;
  error: string | null;
}

export type LocalPhase = 'reading' | 'hashing' | 'creating' | 'uploading' | 'finished' | 'failed';

export interface LocalImport {
  /** A local key until the server has created the import, then the import id. */
  key: string;
  importId: string | null;
  datasetId: string;
  label: string;
  phase: LocalPhase;
  /** Reading a zip or hashing files: how far it has got. */
  prepared: { done: number; total: number } | null;
  /** Why the whole import stopped (too many files, unreadable zip, server refused it). */
  error: string | null;
  /** Files refused or left out before upload (too large, unsafe path, same bytes as another). */
  refused: { path: string; reason: string }[];
  warnings: string[];
  skipped: number;
  items: Map<string, LocalItem>;
  /** Whether the pending files are kept in OPFS (the import survives a reload). */
  resumable: boolean;
  /** Still copying files into OPFS: until that ends, a reload would lose the rest. */
  stashing: boolean;
  /** Picked up again after a page reload. */
  resumed: boolean;
}

const imports = new Map<string, LocalImport>();
const listeners = new Set<() => void>();
let snapshot: readonly LocalImport[] = [];
let scheduled: ReturnType<typeof setTimeout> | undefined;

function publish() {
  scheduled = undefined;
  snapshot = [...imports.values()].map((entry) => ({ ...entry, items: new Map(entry.items) }));
  for (const listener of listeners) listener();
}

/** Structural changes publish at once; byte progress is coalesced to a few updates a second. */
export function emit(kind: 'now' | 'progress' = 'now') {
  if (kind === 'now') {
    if (scheduled) clearTimeout(scheduled);
    publish();
  } else {
    scheduled ??= setTimeout(publish, 150);
  }
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getSnapshot(): readonly LocalImport[] {
  return snapshot;
}

const EMPTY: readonly LocalImport[] = [];
export function getServerSnapshot(): readonly LocalImport[] {
  return EMPTY;
}

export function getImport(key: string): LocalImport | undefined {
  return imports.get(key);
}

export function putImport(entry: LocalImport) {
  imports.set(entry.key, entry);
  emit();
}

/** Re-keys a draft under the id the server gave it. */
export function rekeyImport(from: string, importId: string) {
  const entry = imports.get(from);
  if (!entry) return;
  imports.delete(from);
  entry.key = importId;
  entry.importId = importId;
  imports.set(importId, entry);
  emit();
}

export function updateImport(key: string, patch: Partial<LocalImport>) {
  const entry = imports.get(key);
  if (!entry) return;
  Object.assign(entry, patch);
  emit();
}

export function updateItem(
  importId: string,
  itemId: string,
  patch: Partial<LocalItem>,
  kind: 'now' | 'progress' = 'now',
) {
  const item = imports.get(importId)?.items.get(itemId);
  if (!item) return;
  Object.assign(item, patch);
  emit(kind);
}

export function removeImport(key: string) {
  if (imports.delete(key)) emit();
}

/** Whether leaving the page now would lose work (preparing, or uploading files not kept in OPFS). */
export function hasUnsavedWork(): boolean {
  for (const entry of imports.values()) {
    if (entry.phase === 'reading' || entry.phase === 'hashing' || entry.phase === 'creating') return true;
    if (entry.phase === 'uploading' && (entry.stashing || !entry.resumable)) return true;
  }
  return false;
}
