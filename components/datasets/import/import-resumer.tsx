'use client';

import { useEffect } from 'react';
import { resumeImports } from '@/lib/datasets/client/import-resume';

/**
 * Resumes this browser's interrupted imports (files stashed in OPFS) as soon as any page that
 * mounts it loads. The Import panel does the same; mount this in a layout so a reload on any
 * dataset page picks the uploads up again.
 */
export function ImportResumer() {
  useEffect(() => resumeImports(), []);
  return null;
}
