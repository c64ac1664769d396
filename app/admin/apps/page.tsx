import type { Metadata } from 'next';
import { listOrgWorkflows, pageOfOrgApps } from '@/lib/gateway/apps/org-apps';
import { formatAppCursor, parseAppCursor } from '@/lib/gateway/management/app-cursor';
import { registerApp } from '../_actions/apps';
import { TitledPanel } from '@/app/_components/titled-panel';
import { orgAdminPage } from '../_components/page-guard';
import { Pager } from '../_components/pager';
import { AppForm } from './app-form';
import { AppsTable } from './apps-table';

export const metadata: Metadata = { title: 'Apps' };

type Props = { searchParams: Promise<{ before?: string | string[] }> };

// GET /admin/apps — the org's apps, newest first, a page at a time (?before=<cursor>), their readiness and last mint; register a new one
export default async function AdminAppsPage({ searchParams }: Props) {
  const admin = await orgAdminPage('/admin/apps');
  const raw = (await searchParams).before;
  // A cursor this gateway did not write shows the newest apps.
  const before = parseAppCursor((Array.isArray(raw) ? raw[0] : raw) ?? '');
  const [{ apps, older }, workflows] = await Promise.all([pageOfOrgApps(admin.orgId, before), listOrgWorkflows(admin.orgId)]);
  return (
    <div className="admin-stack">
      <AppsTable apps={apps} orgName={admin.orgName} />
      {before || older ? (
        <Pager noun="apps" testIdPrefix="apps" before={before} newestHref="/admin/apps" olderHref={older ? `/admin/apps?before=${formatAppCursor(older)}` : null} />
      ) : null}
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
