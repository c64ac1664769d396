import type { Metadata } from 'next';
import { DataTable } from '@/app/_components/data-table';
import { TitledPanel } from '@/app/_components/titled-panel';
import { listResources } from '@/lib/gateway/exchange/resources';
import { removeResourceAction } from '../_actions/resources';
import { ConfirmRemoval } from '../_components/confirm-form';
import { platformAdminPage } from '../_components/page-guard';
import { ScopesCell, TimeCell } from '../_components/cells';
import { AddResourceForm } from './add-resource-form';

export const metadata: Metadata = { title: 'Resources' };
const ADD_HINT = (
  <>
    A platform API an app may call as its viewer, with an access token whose <span className="mono">aud</span> is the resource id. Org admins
    then allow their apps some of its scopes on each app’s page.
  </>
);

// GET /admin/resources — the platform APIs the gateway issues access tokens for, with their scopes (platform admins only)
export default async function ResourcesPage() {
  await platformAdminPage('/admin/resources');
  const resources = await listResources();
  return (
    <div className="admin-stack">
      <TitledPanel titleId="add-resource-title" title="Add a resource" hint={ADD_HINT}>
        <AddResourceForm />
      </TitledPanel>
      <TitledPanel titleId="resources-title" title="Resources">
        <DataTable testId="resources-table" columns={['Resource', 'Scopes', 'Apps allowed', 'Added', null]} empty={resources.length === 0 ? <>No resources yet.</> : null}>
          {resources.map((r) => (
            <tr key={r.id} data-testid="resource-row" data-resource-id={r.id}>
              <td className="mono">{r.id}</td>
              <ScopesCell scopes={r.scopes} testId="resource-scopes" />
              <td>{r.allowedApps}</td>
              <TimeCell at={r.createdAt} />
              <td>
                <ConfirmRemoval action={removeResourceAction} fields={{ resourceId: r.id }} verb="Remove" name={r.id} thing="resource" testId="remove-resource">
                  Every app’s allowance on it goes, and every access token for it is refused at the next poll of the revocation feed.
                </ConfirmRemoval>
              </td>
            </tr>
          ))}
        </DataTable>
      </TitledPanel>
    </div>
  );
}
