'use client';

/** Overview · Review · Insights · Publish, with the current one marked for assistive technology. */
import Link from 'next/link';
import { usePathname } from 'next/navigation';

export function DatasetTabs({ datasetId, isOwner }: { datasetId: string; isOwner: boolean }) {
  const pathname = usePathname();
  const base = `/datasets/${encodeURIComponent(datasetId)}`;
  const tabs = [
    { href: base, label: 'Overview' },
    { href: `${base}/review`, label: 'Review' },
    { href: `${base}/insights`, label: 'Insights' },
    ...(isOwner ? [{ href: `${base}/publish`, label: 'Publish' }] : []),
  ];
  return (
    <nav className="dataset-tabs" aria-label="Dataset sections">
      <ul>
        {tabs.map((tab) => {
          const current = tab.href === base ? pathname === base : pathname.startsWith(tab.href);
          return (
            <li key={tab.href}>
              <Link href={tab.href} aria-current={current ? 'page' : undefined}>
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
