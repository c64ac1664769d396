import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { listOrgMembers } from '@/lib/gateway/orgs/org-members';
import { findAppAccess } from '@/lib/gateway/access/app-access';
import { listGroups } from '@/lib/gateway/groups/groups';
import { findOrgApp, hostingOf, listOrgWorkflows } from '@/lib/gateway/apps/org-apps';
import { updateApp } from '../../_actions/apps';
import { TitledPanel } from '@/app/_components/titled-panel';
import { orgAdminPage } from '../../_components/page-guard';
import { AppForm } from '../app-form';
import { AccessForm } from './access-form';
import { ShareLinkForm } from './share-link-form';
import { GuestSessionsTable, ShareLinksTable } from './share-links-table';
import { listGuestSessions, listShareLinks } from '@/lib/gateway/sharing/share-links';
import { orgSharing } from '@/lib/gateway/sharing/sharing-switch';
import { allowsLinks } from '@/lib/gateway/sharing/sharing-levels';
import { listGrants } from '@/lib/gateway/access-requests/app-grants';
import { GrantsTable } from './grants-table';
import { ActingAsViewer } from './acting-as-viewer';
import { listAppAllowances } from '@/lib/gateway/exchange/allowances';
import { listAppCredentials } from '@/lib/gateway/exchange/credentials';
import { listResources } from '@/lib/gateway/exchange/resources';
import { proxyActingOf } from '@/lib/gateway/exchange/proxy-credential';

export const metadata: Metadata = { title: 'Edit app' };
const GRANTS_HINT = (
  <>
    People an approved <a href="/admin/access-requests">access request</a> lets open this app whatever the rule above says.
  </>
);

type Props = { params: Promise<{ appId: string }> };

// GET /admin/apps/{appId} — edit one app of the org and who can open it (another org's app is not found)
export default async function EditAppPage({ params }: Props) {
  const { appId } = await params;
  const admin = await orgAdminPage(`/admin/apps/${encodeURIComponent(appId)}`);
  const app = await findOrgApp(admin.orgId, appId);
  if (!app) notFound();
  const proxied = hostingOf(app) === 'proxy';
  const [workflows, access, members, links, guests, sharing, grants, allowances, resources, credentials, groups, proxyActing] = await Promise.all([
    listOrgWorkflows(admin.orgId),
    findAppAccess(app.id, admin.orgId),
    listOrgMembers(admin.orgId),
    listShareLinks(admin.orgId, app.id),
    listGuestSessions(admin.orgId, app.id),
    orgSharing(admin.orgId),
    listGrants(admin.orgId, app.id),
    listAppAllowances(app.id),
    listResources(),
    listAppCredentials(app.id, admin.orgId),
    listGroups(admin.orgId),
    proxied ? proxyActingOf(app.id) : null,
  ]);
  if (!access) notFound();
  return (
    <div className="admin-stack">
      <TitledPanel titleId="edit-title" title={<>Edit “{app.title}”</>} hint={<span className="mono">{app.id}</span>}>
        <AppForm
          action={updateApp}
          workflows={workflows}
          appId={app.id}
          initial={{
            title: app.title,
            workflowId: app.workflowId,
            hosting: hostingOf(app),
            artifactUrl: hostingOf(app) === 'proxy' ? '' : (app.artifactUrl ?? ''),
            upstreamUrl: app.upstreamUrl ?? '',
            access: app.access,
          }}
          submitLabel="Save changes"
          testId="edit-app"
        />
      </TitledPanel>
      <TitledPanel
        titleId="access-title"
        title="Who can open this app"
        hint="Checked at every mint. Anyone it leaves out gets the same “not found” as a stranger; the audit log says why."
      >
        <AccessForm
          appId={app.id}
          orgName={admin.orgName}
          rule={access.rule}
          listedIds={access.listed.map((m) => m.userId)}
          members={members}
          listedGroupIds={access.groups.map((g) => g.groupId)}
          groups={groups.map((g) => ({ id: g.id, displayName: g.displayName, memberCount: g.memberCount, source: g.source }))}
        />
      </TitledPanel>
      <TitledPanel titleId="grants-title" title="Granted access" hint={GRANTS_HINT} testId="grants">
        <GrantsTable appId={app.id} grants={grants ?? []} />
      </TitledPanel>
      <TitledPanel
        titleId="share-title"
        title="Share links"
        hint={<>A link lets people outside {admin.orgName} open this app as guests, until it expires or you revoke it. Its address is shown once, when you create it.</>}
        testId="share-links"
      >
        {sharing && allowsLinks(sharing) ? (
          <ShareLinkForm appId={app.id} />
        ) : (
          <p className="note" data-testid="sharing-off">
            External sharing is off for {admin.orgName}: turn it on in <a href="/admin/settings">Settings</a> to create links.
          </p>
        )}
        <ShareLinksTable links={links ?? []} />
      </TitledPanel>
      <TitledPanel titleId="guests-title" title="Guests with this app open">
        <GuestSessionsTable appId={app.id} sessions={guests} />
      </TitledPanel>
      <ActingAsViewer appId={app.id} allowances={allowances} resources={resources} credentials={credentials} proxy={proxied ? { acting: proxyActing } : null} />
    </div>
  );
}
