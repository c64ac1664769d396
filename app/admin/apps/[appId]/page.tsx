import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireOrgAdmin } from '@/lib/auth/require-role';
import { findOrgApp, hostingOf, listOrgWorkflows } from '@/lib/gateway/org-apps';
import { updateApp } from '../../_actions/apps';
import { refuse } from '../../_components/forbidden';
import { AppForm } from '../app-form';

export const metadata: Metadata = { title: 'Edit app' };
export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ appId: string }> };

// GET /admin/apps/{appId} — edit one app of the org (another org's app is not found)
export default async function EditAppPage({ params }: Props) {
  const { appId } = await params;
  const admin = await requireOrgAdmin();
  if (!admin.ok) refuse(admin, `/admin/apps/${encodeURIComponent(appId)}`);
  const app = await findOrgApp(admin.orgId, appId);
  if (!app) notFound();
  const workflows = await listOrgWorkflows(admin.orgId);
  return (
    <section className="panel" aria-labelledby="edit-title">
      <div>
        <h2 className="panel__title" id="edit-title">
          Edit “{app.title}”
        </h2>
        <p className="panel__hint mono">{app.id}</p>
      </div>
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
    </section>
  );
}
