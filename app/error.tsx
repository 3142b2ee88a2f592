'use client';

import { EmptyState } from '@/components/ui/empty-state';

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <EmptyState
      title="Something went wrong"
      actions={
        <button type="button" className="button button-primary" onClick={reset}>
          Try again
        </button>
      }
    >
      <p>
        This page failed to load. Your data is safe; try again, and if it keeps failing check the server log.
      </p>
    </EmptyState>
  );
}
