'use client';

import { useEffect, useSyncExternalStore } from 'react';
import { resumeImports } from './import-resume';
import { getServerSnapshot, getSnapshot, type LocalImport, subscribe } from './import-store';

/** This browser's imports (all datasets), live; also resumes stashed imports on first use. */
export function useLocalImports(): readonly LocalImport[] {
  useEffect(() => resumeImports(), []);
  return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
}
