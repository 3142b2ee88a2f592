'use client';

/**
 * A filter box whose value lives in the URL but is typed locally: the URL is updated after a short
 * pause (not on every keystroke), and the box follows the URL when it changes from outside (the
 * back button, "Clear filters").
 */
import { useEffect, useRef, useState } from 'react';

export function useUrlField(urlValue: string, commit: (text: string) => void, delayMs = 400) {
  const [text, setText] = useState(urlValue);
  const [synced, setSynced] = useState(urlValue);
  if (urlValue !== synced) {
    setSynced(urlValue);
    setText(urlValue);
  }
  const commitRef = useRef(commit);
  useEffect(() => {
    commitRef.current = commit;
  }, [commit]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  function change(next: string) {
    setText(next);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => commitRef.current(next), delayMs);
  }
  function flush() {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (text !== urlValue) commitRef.current(text);
  }
  return { text, change, flush };
}
