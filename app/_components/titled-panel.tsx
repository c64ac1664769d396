import type { ReactNode } from 'react';

/** A panel section named by its heading (`titleId` ties the two together for screen readers). */
export function TitledPanel({ titleId, title, children }: { titleId: string; title: ReactNode; children: ReactNode }) {
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 className="panel__title" id={titleId}>
        {title}
      </h2>
      {children}
    </section>
  );
}
