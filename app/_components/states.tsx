import type { ReactNode } from 'react';

/** A centered card for empty, missing and waiting states. */
export function StateCard({
  tone = 'neutral',
  icon,
  title,
  children,
  actions,
  testId,
}: {
  tone?: 'neutral' | 'warn' | 'bad' | 'info';
  icon: ReactNode;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
  testId?: string;
}) {
  return (
    <section className={`state-card state-card--${tone}`} data-testid={testId} aria-live="polite">
      <div className="state-card__icon" aria-hidden="true">
        {icon}
      </div>
      {/* Focusable by script only: a view that replaces the page's content moves focus here. */}
      <h2 className="state-card__title" tabIndex={-1}>
        {title}
      </h2>
      {children ? <div className="state-card__body">{children}</div> : null}
      {actions ? <div className="state-card__actions">{actions}</div> : null}
    </section>
  );
}

/** The way out of a state card that ends here: home, to the viewer's list of apps. */
export function BackToApps() {
  return (
    <a className="btn btn--primary" href="/">
      Back to your apps
    </a>
  );
}

/** `requestAccess`: the signed-in viewer's way to ask for it (SPEC §16), under the same words whether or not the app exists. */
export function AppNotFound({ requestAccess }: { requestAccess?: ReactNode } = {}) {
  return (
    <StateCard
      testId="not-found"
      tone="neutral"
      icon="?"
      title="App not found"
      actions={<BackToApps />}
    >
      <p>
        There is no app at this address that you can open. It may have been deleted, or it belongs to an organization
        you are not a member of.
      </p>
      {requestAccess}
    </StateCard>
  );
}

export type StatusState = 'minting' | 'live' | 'switch' | 'not_found' | 'building' | 'signed_out' | 'error';

/** The viewer's one-line status, also what the browser tests read. */
export function StatusPill({ state, children }: { state: StatusState; children: ReactNode }) {
  return (
    <span className={`status-pill status-pill--${state}`} data-testid="viewer-status" data-state={state} role="status">
      <span className="status-pill__dot" aria-hidden="true" />
      {children}
    </span>
  );
}
