import type { Metadata } from 'next';
import { DataTable } from '@/app/_components/data-table';
import { listPendingRequests } from '@/lib/gateway/access-requests/requests-inbox';
import { ConsolePage } from '../_components/console-page';
import { orgAdminPageWith } from '../_components/page-guard';
import { TimeCell } from '../_components/cells';
import { AnswerRequest } from './answer-request';

export const metadata: Metadata = { title: 'Access requests' };

// GET /admin/access-requests — the org's pending access requests: approve for a time or until taken away, or deny
export default async function AccessRequestsPage() {
  const [admin, requests] = await orgAdminPageWith('/admin/access-requests', listPendingRequests);
  const note = (
    <>
      Approving lets that person open that one app whatever its access rule says: a member with their own role, anyone else as a guest.
      Access ends on time or when you remove it on the app’s page. Requests expire after 30 days.
    </>
  );
  return (
    <ConsolePage lead={<>People who were refused one of {admin.orgName}’s apps and asked to open it.</>} note={note}>
      <DataTable
        testId="access-requests-table"
        columns={['Who', 'App', 'Note', 'Asked', null]}
        empty={requests.length === 0 ? <>No requests waiting.</> : null}
      >
        {requests.map((r) => (
          <tr key={r.id} data-testid="access-request-row" data-request-id={r.id} data-user-email={r.userEmail}>
            <td>
              <span className="cell-main">{r.userName}</span>
              <span className="cell-sub">
                {r.userEmail} · {r.member ? 'member' : 'outside the organization (guest)'}
              </span>
            </td>
            <td>
              <a className="cell-main" href={`/admin/apps/${encodeURIComponent(r.appId)}`}>
                {r.appTitle}
              </a>
              <span className="cell-sub mono">{r.appId}</span>
            </td>
            <td className="cell-note">{r.note ?? <span className="muted">—</span>}</td>
            <TimeCell at={r.createdAt} />
            <td>
              <AnswerRequest requestId={r.id} who={r.userName} />
            </td>
          </tr>
        ))}
      </DataTable>
    </ConsolePage>
  );
}
