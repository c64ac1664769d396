import type { Metadata } from 'next';
import { listOrgApps, listOrgWorkflows } from '@/lib/gateway/apps/org-apps';
import { registerApp } from '../_actions/apps';
import { TitledPanel } from '@/app/_components/titled-panel';
import { orgAdminPage } from '../_components/page-guard';
import { AppForm } from './app-form';
import { AppsTable } from './apps-table';

export const metadata: Metadata = { title: 'Apps' };
// GET /admin/apps — the org's apps, their readiness and last mint; register a new one
export default async function AdminAppsPage() {
  const admin = await orgAdminPage('/admin/apps');
  const [apps, workflows] = await Promise.all([listOrgApps(admin.orgId), listOrgWorkflows(admin.orgId)]);
  return (
    <div className="admin-stack">
      <AppsTable apps={apps} orgName={admin.orgName} />
      <TitledPanel
        titleId="register-title"
        title="Register an app for testing"
        hint={
          <>
            It gets a new id (<span className="mono">run_…</span>) in {admin.orgName}, under one of its workflows.
          </>
        }
      >
        <AppForm
          action={registerApp}
          workflows={workflows}
          initial={{ title: '', workflowId: '', hosting: 'artifact_url', artifactUrl: '', upstreamUrl: '', access: 'login_required' }}
          submitLabel="Register app"
          testId="register-app"
        />
      </TitledPanel>
    </div>
  );
}
