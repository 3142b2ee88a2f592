import type { ReactNode } from 'react';

/** What a page shows before there is anything to show: what goes here, and the next step to take. */
export function EmptyState({
  title,
  children,
  actions,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section className="empty-state" aria-label={title}>
      <h2>{title}</h2>
      {children}
      {actions && <div className="actions">{actions}</div>}
    </section>
  );
}
