import type { Metadata } from 'next';
import { TitledPanel } from '@/app/_components/titled-panel';
import { orgSharing } from '@/lib/gateway/sharing/sharing-switch';
import { orgAdminPage } from '../_components/page-guard';
import { SharingForm } from './sharing-form';

export const metadata: Metadata = { title: 'Settings' };
// GET /admin/settings — the org's settings: who outside the org may open its apps
export default async function OrgSettingsPage() {
  const admin = await orgAdminPage('/admin/settings');
  const level = (await orgSharing(admin.orgId)) ?? 'off';
  return (
    <div className="admin-stack">
      <TitledPanel titleId="sharing-title" title="Sharing beyond the organization">
        <p className="panel__hint">
          Share links let people outside {admin.orgName} open one app; public apps open for anyone. Turning sharing down
          ends at once what it no longer allows: links are revoked and guests’ sessions end.
        </p>
        <SharingForm level={level} />
      </TitledPanel>
    </div>
  );
}
