import type { Metadata } from 'next';
import { listWebhooks } from '@/lib/gateway/webhooks/endpoints';
import { TitledPanel } from '@/app/_components/titled-panel';
import { orgAdminPage } from '../_components/page-guard';
import { WebhookForm } from './webhook-form';
import { WebhooksTable } from './webhooks-table';

export const metadata: Metadata = { title: 'Webhooks' };
export const dynamic = 'force-dynamic';

// GET /admin/webhooks — the org's audit webhook endpoints and their delivery state; add one, remove one
export default async function WebhooksPage() {
  const admin = await orgAdminPage('/admin/webhooks');
  const webhooks = await listWebhooks(admin.orgId);
  return (
    <div className="admin-stack">
      <p className="note" data-testid="webhooks-note">
        <strong>Every audit event of {admin.orgName}, streamed to your endpoints.</strong>
        <span>
          Each event is sent at least once, in order, as a signed Standard Webhooks request (headers webhook-id,
          webhook-timestamp, webhook-signature). An endpoint that fails is retried: within a minute at first, then less
          often, up to once a day, until it answers 2xx.
        </span>
      </p>
      <TitledPanel titleId="webhook-title" title="Add an endpoint">
        <WebhookForm />
      </TitledPanel>
      <WebhooksTable webhooks={webhooks} />
    </div>
  );
}
