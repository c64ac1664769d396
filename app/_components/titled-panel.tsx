import type { ReactNode } from 'react';

type Props = { titleId: string; title: ReactNode; hint?: ReactNode; testId?: string; children: ReactNode };

/** A panel section named by its heading (`titleId` ties the two together for screen readers), with an optional hint under the heading. */
export function TitledPanel({ titleId, title, hint, testId, children }: Props) {
  const heading = (
    <h2 className="panel__title" id={titleId}>
      {title}
    </h2>
  );
  return (
    <section className="panel" aria-labelledby={titleId} data-testid={testId}>
      {hint ? (
        <div>
          {heading}
          <p className="panel__hint">{hint}</p>
        </div>
      ) : (
        heading
      )}
      {children}
    </section>
  );
}
