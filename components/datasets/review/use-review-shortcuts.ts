'use client';

/** One keydown listener for the review page; typing in fields and modal dialogs are left alone. */
import { useEffect, useRef } from 'react';
import { actionForKey, type ReviewAction } from '@/lib/datasets/review/shortcuts';

export function useReviewShortcuts(canEdit: boolean, onAction: (action: ReviewAction) => void) {
  const handler = useRef(onAction);
  useEffect(() => {
    handler.current = onAction;
  }, [onAction]);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented) return;
      // While a dialog (report reason, shortcut sheet, sign-in) is open, its own keys win.
      if (document.querySelector('dialog[open]')) return;
      const action = actionForKey(
        {
          key: event.key,
          ctrlKey: event.ctrlKey,
          metaKey: event.metaKey,
          altKey: event.altKey,
          repeat: event.repeat,
          target: event.target instanceof HTMLElement ? event.target : null,
        },
        { canEdit },
      );
      if (!action) return;
      // Stop the key's default too: no page scroll on Space/arrows, no "e" typed into the caption.
      event.preventDefault();
      handler.current(action);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [canEdit]);
}
