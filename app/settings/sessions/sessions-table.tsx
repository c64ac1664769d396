import { ConfirmRemoval } from '@/app/admin/_components/confirm-form';
import { ActionsCell, SessionTimeCells } from '@/app/admin/_components/cells';
import { DataTable } from '@/app/_components/data-table';
import type { Session } from '@/lib/auth/sessions/session-store';
import { describeUserAgent } from '@/lib/auth/user-agent';
import { endOneSession } from './actions';

export function SessionsTable({ sessions, currentId }: { sessions: Session[]; currentId: string }) {
  return (
    <DataTable testId="sessions-table" columns={['Browser', 'IP address', 'Signed in', 'Last used', 'Expires', null]}>
      {sessions.map((s) => {
        const current = s.id === currentId;
        const browser = describeUserAgent(s.userAgent);
        return (
          <tr key={s.id} data-testid="session-row" data-session-id={s.id} data-current={current ? 'true' : 'false'}>
            <td>
              <span className="cell-main">
                {browser}
                {current ? (
                  <>
                    {' '}
                    <span className="badge badge--brand" data-testid="this-session">
                      This session
                    </span>
                  </>
                ) : null}
              </span>
              <span className="cell-sub" title={s.userAgent ?? ''}>
                {s.userAgent ? s.userAgent.slice(0, 80) : 'No user agent sent'}
              </span>
            </td>
            <td className="mono">{s.ip ?? '—'}</td>
            <SessionTimeCells session={s} />
            {current ? (
              <td>
                <span className="muted">Use Sign out above</span>
              </td>
            ) : (
              <ActionsCell>
                <ConfirmRemoval action={endOneSession} fields={{ id: s.id }} verb="Sign out" name={browser} testId="end-session">
                  That browser is signed out at its next request, and artifacts it opened are told within seconds.
                </ConfirmRemoval>
              </ActionsCell>
            )}
          </tr>
        );
      })}
    </DataTable>
  );
}
