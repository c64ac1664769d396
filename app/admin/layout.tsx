import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { currentViewer } from '@/lib/auth/current-viewer';
import { pendingRequestCount } from '@/lib/gateway/access-requests/requests-inbox';
import { AdminNav } from './_components/admin-nav';
import { sectionsFor } from './_components/sections';
import './admin.css';

export const metadata: Metadata = { title: { default: 'Admin', template: '%s · Admin · App Gateway' } };
// Every console page reads the session and the org's data at request time.
export const dynamic = 'force-dynamic';

// The console's frame: which tabs to offer. It decides nothing; every page and action checks the role itself.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const viewer = await currentViewer();
  const active = viewer?.memberships.find((m) => m.orgId === viewer.activeOrgId);
  const orgAdmin = active?.role === 'admin';
  // The inbox's count for the org's admins (SPEC §16); a number only, the page itself checks the role.
  const waiting = orgAdmin ? await pendingRequestCount(active.orgId) : 0;
  const tabs = [
    { href: '/admin', label: 'Overview' },
    ...sectionsFor(orgAdmin, viewer?.isPlatformAdmin === true).map((s) => ({ href: s.href, label: s.title, count: s.href === '/admin/access-requests' ? waiting : undefined })),
  ];
  return (
    <main className="container">
      {tabs.length > 1 ? (
        <>
          <div className="admin-head">
            <div>
              <p className="eyebrow">Admin console</p>
              <h1>{orgAdmin ? active.orgName : 'Platform'}</h1>
            </div>
          </div>
          <AdminNav tabs={tabs} />
        </>
      ) : null}
      {children}
    </main>
  );
}
