import type { AuditRow } from '@/lib/gateway/audit/audit-log';
import { DataTable } from '@/app/_components/data-table';
import { NameCell, TimeCell } from '../_components/cells';

const RESULT_WORD = { minted: 'Minted', denied: 'Denied', changed: 'Admin change' } as const;
const RESULT_BADGE = { minted: 'badge--ok', denied: 'badge--bad', changed: 'badge--info' } as const;
const AUTH_WORD = { api_token: 'API token', session: 'Session', service_account: 'Service account', share_link: 'Guest (share link)', public: 'Guest (public app)', none: '—' } as const;

/** A refusal by an access rule is answered "not found"; the log tells admins the real reason. */
function explainDetail(code: string, detail: string): string {
  if (code !== 'not_allowed') return detail;
  return detail === 'admins' ? 'Answered not found: the app is open to admins only.' : 'Answered not found: not on the app’s list of members.';
}

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  return (
    <DataTable testId="audit-table" columns={['Time (UTC)', 'User', 'App', 'Workflow', 'Result', 'Auth', 'API token', 'IP']} empty={rows.length === 0 ? <>No events match.</> : null}>
      {rows.map((r) => (
        <tr key={r.id} data-testid="audit-row" data-event-id={r.id} data-result={r.result} data-code={r.code} data-app-id={r.appId ?? ''} data-user-id={r.userId ?? ''} data-service-account-id={r.serviceAccountId ?? ''}>
          <TimeCell at={r.at} />
          <td>
            {r.userId ? (
              <>
                <span className="cell-main">{r.userName ?? r.userId}</span>
                <span className="cell-sub">{r.userEmail ?? r.userId}</span>
              </>
            ) : r.serviceAccountId ? (
              <>
                <span className="cell-main">{r.serviceAccountName ?? r.serviceAccountId}</span>
                <span className="cell-sub mono">Service account {r.serviceAccountId}</span>
              </>
            ) : r.result === 'changed' ? (
              <span className="muted">Operator (CLI)</span>
            ) : (
              <span className="muted">Unknown</span>
            )}
          </td>
          <NameCell main={r.appTitle ?? '—'} sub={r.appId} mono="sub" />
          <td>
            {r.workflowName ?? '—'}
            <span className="cell-sub mono">{r.workflowId}</span>
          </td>
          <td>
            <span className={`badge ${RESULT_BADGE[r.result]}`}>{RESULT_WORD[r.result]}</span>
            <span className="cell-sub mono">{r.code}</span>
            {r.detail ? (
              <span className="cell-sub" data-testid="audit-detail">
                {explainDetail(r.code, r.detail)}
              </span>
            ) : null}
          </td>
          <td className="nowrap">{AUTH_WORD[r.authVia ?? 'none']}</td>
          <td className="mono">{r.apiTokenId ?? '—'}</td>
          <td className="mono" title={r.userAgent ?? undefined}>
            {r.ip ?? '—'}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
