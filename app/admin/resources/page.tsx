import type { Metadata } from 'next';
import { DataTable } from '@/app/_components/data-table';
import { TitledPanel } from '@/app/_components/titled-panel';
import { listResources } from '@/lib/gateway/exchange/resources';
import { removeResourceAction } from '../_actions/resources';
import { ConfirmForm } from '../_components/confirm-form';
import { platformAdminPage } from '../_components/page-guard';
import { Time } from '../_components/time';
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
              <td data-testid="resource-scopes">
                {r.scopes.map((s) => (
                  <span key={s} className="cell-sub mono">
                    {s}
                  </span>
                ))}
              </td>
              <td>{r.allowedApps}</td>
              <td>
                <Time at={r.createdAt} />
              </td>
              <td>
                <ConfirmForm
                  action={removeResourceAction}
                  fields={{ resourceId: r.id }}
                  trigger="Remove"
                  title={`Remove ${r.id}?`}
                  confirmLabel="Remove resource"
                  testId="remove-resource"
                >
                  Every app’s allowance on it goes, and every access token for it is refused at the next poll of the revocation feed.
                </ConfirmForm>
              </td>
            </tr>
          ))}
        </DataTable>
      </TitledPanel>
    </div>
  );
}
