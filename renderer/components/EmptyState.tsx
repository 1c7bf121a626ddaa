import type { ReactNode } from 'react';

export function EmptyState({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <section className="empty-state" aria-label={title}>
      <h2>{title}</h2>
      <div className="empty-state__text">{children}</div>
      {action ? <div className="empty-state__action">{action}</div> : null}
    </section>
  );
}
