import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';

export default function DatasetNotFound() {
  return (
    <EmptyState
      title="Dataset not found"
      actions={
        <Link className="button button-primary" href="/datasets">
          Go to your datasets
        </Link>
      }
    >
      <p>
        There is no dataset at this address, or it is private to another account. Private datasets are visible
        only to the account that created them.
      </p>
    </EmptyState>
  );
}
