import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { currentViewer } from '@/lib/auth/current-viewer';
import { AdminNav, type AdminTab } from './_components/admin-nav';
import './admin.css';

export const metadata: Metadata = { title: { default: 'Admin', template: '%s · Admin · App Gateway' } };

const ORG_TABS: AdminTab[] = [
  { href: '/admin', label: 'Overview' },
  { href: '/admin/apps', label: 'Apps' },
  { href: '/admin/test-mint', label: 'Test mint' },
  { href: '/admin/inspect', label: 'Token inspector' },
  { href: '/admin/audit', label: 'Audit log' },
  { href: '/admin/members', label: 'Members' },
  { href: '/admin/invitations', label: 'Invitations' },
  { href: '/admin/webhooks', label: 'Webhooks' },
  { href: '/admin/settings', label: 'Settings' },
];
const PLATFORM_TABS: AdminTab[] = [
  { href: '/admin/keys', label: 'Signing keys' },
  { href: '/admin/platform-log', label: 'Platform log' },
];

// The console's frame: which tabs to offer. It decides nothing; every page and action checks the role itself.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const viewer = await currentViewer();
  const active = viewer?.memberships.find((m) => m.orgId === viewer.activeOrgId);
  const orgAdmin = active?.role === 'admin';
  const tabs = [...(orgAdmin ? ORG_TABS : []), ...(viewer?.isPlatformAdmin ? PLATFORM_TABS : [])];
  return (
    <main className="container">
      {tabs.length > 0 ? (
        <>
          <div className="admin-head">
            <div>
              <p className="eyebrow">Admin console</p>
              <h1>{orgAdmin ? active.orgName : 'Platform'}</h1>
            </div>
          </div>
          <AdminNav tabs={orgAdmin ? tabs : [{ href: '/admin', label: 'Overview' }, ...tabs]} />
        </>
      ) : null}
      {children}
    </main>
  );
}
