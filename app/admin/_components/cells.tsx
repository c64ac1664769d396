import type { ReactNode } from 'react';
import { Time } from './time';

// The cells the console's tables (and the settings' ones) repeat: a name over its id, a time, scopes, a badge, the row's actions.

type Moment = Date | string | number;

/** A name (or prefix) over a second line (its id, an email); `mono` sets either or both in the code font. `children` follow. */
export function NameCell({ main, sub, mono, children }: { main: ReactNode; sub?: ReactNode; mono?: 'main' | 'sub' | 'both'; children?: ReactNode }) {
  return (
    <td>
      <span className={mono === 'main' || mono === 'both' ? 'cell-main mono' : 'cell-main'}>{main}</span>
      {sub === undefined ? null : <span className={mono === 'sub' || mono === 'both' ? 'cell-sub mono' : 'cell-sub'}>{sub}</span>}
      {children}
    </td>
  );
}

/** One time (`fallback` when there is none). */
export function TimeCell({ at, fallback, testId }: { at: Moment | null; fallback?: string; testId?: string }) {
  return (
    <td data-testid={testId}>
      <Time at={at} fallback={fallback} />
    </td>
  );
}

/** A session's times as three cells: when it started, was last used, ends (a user's sessions, a guest's). */
export function SessionTimeCells({ session }: { session: { createdAt: Moment; lastUsedAt: Moment; expiresAt: Moment } }) {
  return (
    <>
      <TimeCell at={session.createdAt} />
      <TimeCell at={session.lastUsedAt} />
      <TimeCell at={session.expiresAt} />
    </>
  );
}

/** The scopes of a token, an account or an allowance, one a line. */
export function ScopesCell({ scopes, testId }: { scopes: readonly string[]; testId: string }) {
  return (
    <td data-testid={testId}>
      {scopes.map((s) => (
        <span key={s} className="cell-sub mono">
          {s}
        </span>
      ))}
    </td>
  );
}

/** A state as a badge, with a line under it (`sub`: what it means, since when); `tone` is its modifier class (`badge--ok`, …) or ''. */
export function BadgeCell({ tone, sub, children }: { tone: string; sub?: ReactNode; children: ReactNode }) {
  return (
    <td>
      <span className={`badge ${tone}`}>{children}</span>
      {sub ? <span className="cell-sub">{sub}</span> : null}
    </td>
  );
}

/** The row's buttons; an empty cell when there are none. */
export function ActionsCell({ children }: { children: ReactNode }) {
  return <td>{children ? <div className="cell-actions">{children}</div> : null}</td>;
}
