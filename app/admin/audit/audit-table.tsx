import type { AuditRow } from '@/lib/gateway/audit-log';
import { Time } from '../_components/time';

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="audit-table">
        <thead>
          <tr>
            <th>Time (UTC)</th>
            <th>User</th>
            <th>App</th>
            <th>Workflow</th>
            <th>Result</th>
            <th>Auth</th>
            <th>API token</th>
            <th>IP</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={8} className="empty-row">
                No events match.
              </td>
            </tr>
          ) : null}
          {rows.map((r) => (
            <tr key={r.id} data-testid="audit-row" data-event-id={r.id} data-result={r.result} data-code={r.code} data-app-id={r.appId ?? ''} data-user-id={r.userId ?? ''}>
              <td>
                <Time at={r.at} />
              </td>
              <td>
                {r.userId ? (
                  <>
                    <span className="cell-main">{r.userName ?? r.userId}</span>
                    <span className="cell-sub">{r.userEmail ?? r.userId}</span>
                  </>
                ) : (
                  <span className="muted">Unknown</span>
                )}
              </td>
              <td>
                <span className="cell-main">{r.appTitle ?? '—'}</span>
                <span className="cell-sub mono">{r.appId}</span>
              </td>
              <td>
                {r.workflowName ?? '—'}
                <span className="cell-sub mono">{r.workflowId}</span>
              </td>
              <td className="nowrap">
                <span className={`badge ${r.result === 'minted' ? 'badge--ok' : 'badge--bad'}`}>{r.result === 'minted' ? 'Minted' : 'Denied'}</span>
                <span className="cell-sub mono">{r.code}</span>
              </td>
              <td className="nowrap">{r.authVia === 'api_token' ? 'API token' : r.authVia === 'session' ? 'Session' : '—'}</td>
              <td className="mono">{r.apiTokenId ?? '—'}</td>
              <td className="mono" title={r.userAgent ?? undefined}>
                {r.ip ?? '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
