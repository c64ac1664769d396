import type { OrgApp } from '@/lib/gateway/apps/org-apps';
import { ArtifactBadge } from '@/app/_components/artifact-badge';
import { DataTable } from '@/app/_components/data-table';
import { deleteApp } from '../_actions/apps';
import { ConfirmRemoval } from '../_components/confirm-form';
import { ActionsCell, NameCell, TimeCell } from '../_components/cells';

export function AppsTable({ apps, orgName }: { apps: OrgApp[]; orgName: string }) {
  return (
    <DataTable testId="apps-table" columns={['App', 'Workflow', 'Access', 'Who can open', 'Artifact', 'Last mint', null]} empty={apps.length === 0 ? <>No apps in {orgName} yet. Register one below.</> : null}>
      {apps.map((app) => (
        <tr key={app.id} data-testid="app-row" data-app-id={app.id} data-access-rule={app.accessRule}>
          <NameCell main={app.title} sub={app.id} mono="sub" />
          <td>{app.workflowName}</td>
          <td>
            <span className="badge">{app.access === 'public' ? 'Public' : 'Login required'}</span>
          </td>
          <td data-testid="who-can-open">
            <WhoCanOpen rule={app.accessRule} listedCount={app.listedCount} />
          </td>
          <td>
            <ArtifactBadge ready={app.artifactUrl !== null} title={app.artifactUrl ?? undefined} />
          </td>
          <TimeCell at={app.lastMintAt} fallback="Never" testId="last-mint" />
          <ActionsCell>
            {/* A full page load: the viewer gets its own frame-src policy. */}
            <a className="btn btn--secondary btn--small" href={`/apps/${encodeURIComponent(app.id)}`}>
              Open
            </a>
            <a className="btn btn--secondary btn--small" href={`/admin/apps/${encodeURIComponent(app.id)}`}>
              Edit
            </a>
            <ConfirmRemoval action={deleteApp} fields={{ appId: app.id }} verb="Delete" name={`“${app.title}”`} thing="app" testId="delete-app">
              It disappears from every list, and the gateway refuses new tokens for it at once (404). Tokens already
              handed out keep working until they expire. Its audit history is kept.
            </ConfirmRemoval>
          </ActionsCell>
        </tr>
      ))}
    </DataTable>
  );
}

/** The access rule at a glance; a restricted app is marked, since only admins see it in every list. */
function WhoCanOpen({ rule, listedCount }: { rule: OrgApp['accessRule']; listedCount: number }) {
  if (rule === 'everyone') return <span className="muted">Everyone</span>;
  return (
    <span className="badge badge--warn" title="Restricted: members it leaves out get not found">
      {rule === 'admins' ? 'Restricted · admins only' : `Restricted · admins + ${listedCount} ${listedCount === 1 ? 'member' : 'members'}`}
    </span>
  );
}
