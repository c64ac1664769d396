import type { ReactNode } from 'react';

/** A section of the home page named by its heading (`titleId`), with an optional note beside it. */
export function HomeSection({ testId, titleId, title, note, children }: { testId: string; titleId: string; title: ReactNode; note?: ReactNode; children: ReactNode }) {
  return (
    <section className="org-section" data-testid={testId} aria-labelledby={titleId}>
      <div className="org-section__head">
        <h2 className="org-section__title" id={titleId}>
          {title}
        </h2>
        {note ? <div className="org-section__note">{note}</div> : null}
      </div>
      {children}
    </section>
  );
}
