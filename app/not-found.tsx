import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';

export default function NotFound() {
  return (
    <EmptyState
      title="Page not found"
      actions={
        <Link className="button button-primary" href="/">
          Go to the start page
        </Link>
      }
    >
      <p>There is nothing at this address. It may have moved, or the link may be mistyped.</p>
    </EmptyState>
  );
}
