'use client';

/** One clip plays at a time on every dataset page: any <audio>/<video> that starts pauses the rest. */
import { useEffect } from 'react';
import { guardDocumentMedia } from '@/lib/datasets/review/playback-controller';

export function PlaybackGuard() {
  useEffect(() => guardDocumentMedia(document), []);
  return null;
}
