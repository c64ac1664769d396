import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { readSentRequests, SENT_REQUESTS_COOKIE } from '@/lib/gateway/access-requests/sent-requests';
import { currentViewer } from '@/lib/auth/current-viewer';
import { listOpenInvitationsFor } from '@/lib/gateway/orgs/invitation-responses';
import { listAppsForUser, VIEWER_APPS_SHOWN, type ViewerApp } from '@/lib/gateway/apps/viewer-apps';
import { AppCard } from './_components/app-card';
import { SentRequests } from './_components/sent-requests';
import { PendingInvitations } from './_components/pending-invitations';
import { StateCard } from './_components/states';
import { SwitchOrgButton } from './_components/switch-org-button';

export const dynamic = 'force-dynamic';

// GET / — the apps the signed-in viewer can open (their access rules or a grant let them in), by organization, invitations waiting for an answer, and access requests sent
export default async function HomePage() {
  const viewer = await currentViewer();
  if (!viewer) redirect('/signin');
  const { apps, more } = await listAppsForUser(viewer.id);
  const invitations = await listOpenInvitationsFor(viewer.id);

  // The active org first, then the others in membership order.
  const orgs = [...viewer.memberships].sort(
    (a, b) => Number(b.orgId === viewer.activeOrgId) - Number(a.orgId === viewer.activeOrgId),
  );
  const byOrg = new Map<string, ViewerApp[]>(orgs.map((m) => [m.orgId, []]));
  for (const app of apps) byOrg.get(app.orgId)?.push(app);
  // Apps of orgs the viewer is not in, granted to them (SPEC §16): opened as a guest.
  const granted = apps.filter((a) => a.guest);
  // Requests sent and not (yet) in the list: "sent", whatever became of them.
  const openIds = new Set(apps.map((a) => a.id));
  const sent = readSentRequests((await cookies()).get(SENT_REQUESTS_COOKIE)?.value, viewer.id).filter((r) => !openIds.has(r.appId));

  return (
    <main className="container">
      <div className="page-head">
        <div>
          <h1>Your apps</h1>
          <p>Apps built by your workflows. Each opens with your verified identity.</p>
        </div>
      </div>

      <PendingInvitations invitations={invitations} />

      {granted.length > 0 ? (
        <section className="org-section" data-testid="granted-section">
          <div className="org-section__head">
            <h2 className="org-section__title">
              Shared with you
              <span className="badge">Guest</span>
            </h2>
            <div className="org-section__note">Apps of other organizations whose admins granted you access. You open them as a guest.</div>
          </div>
          <ul className="app-grid">
            {granted.map((app) => (
              <AppCard key={app.id} app={app} />
            ))}
          </ul>
        </section>
      ) : null}

      <SentRequests requests={sent} />

      {orgs.length === 0 && granted.length === 0 ? (
        <StateCard testId="no-apps" tone="info" icon="∅" title="No apps yet">
          <p>You are not a member of any organization, so there are no apps for you to open.</p>
          <p>Ask an admin of your team’s organization to invite you, then accept the invitation here.</p>
        </StateCard>
      ) : (
        orgs.map((org) => {
          const active = org.orgId === viewer.activeOrgId;
          const orgApps = byOrg.get(org.orgId) ?? [];
          return (
            <section key={org.orgId} className="org-section" data-testid="org-section" data-org-id={org.orgId}>
              <div className="org-section__head">
                <h2 className="org-section__title">
                  {org.orgName}
                  <span className="badge">{org.role === 'admin' ? 'Admin' : 'Member'}</span>
                  {active ? <span className="badge badge--brand">Active</span> : null}
                </h2>
                {active ? null : (
                  <div className="org-section__note">
                    Opening these apps asks you to switch to {org.orgName}.{' '}
                    <SwitchOrgButton orgId={org.orgId} orgName={org.orgName} />
                  </div>
                )}
              </div>
              {orgApps.length === 0 ? (
                <p className="muted">{more ? `${org.orgName}’s apps come after the first ${VIEWER_APPS_SHOWN} listed here.` : `No apps in ${org.orgName} that you can open yet.`}</p>
              ) : (
                <ul className="app-grid">
                  {orgApps.map((app) => (
                    <AppCard key={app.id} app={app} />
                  ))}
                </ul>
              )}
            </section>
          );
        })
      )}

      {more ? (
        <p className="muted" data-testid="apps-more">
          Only the first {VIEWER_APPS_SHOWN} apps you can open are listed here, by organization and title. Open the others from their links.
        </p>
      ) : null}
    </main>
  );
}
