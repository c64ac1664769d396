import type { Metadata } from 'next';
import { listWebhooks } from '@/lib/gateway/webhooks/endpoints';
import { TitledPanel } from '@/app/_components/titled-panel';
import { ConsolePage } from '../_components/console-page';
import { orgAdminPageWith } from '../_components/page-guard';
import { WebhookForm } from './webhook-form';
import { WebhooksTable } from './webhooks-table';

export const metadata: Metadata = { title: 'Webhooks' };

// GET /admin/webhooks — the org's audit webhook endpoints and their delivery state; add one, remove one
export default async function WebhooksPage() {
  const [admin, webhooks] = await orgAdminPageWith('/admin/webhooks', listWebhooks);
  const note = (
    <>
      Each event is sent at least once, in order, as a signed Standard Webhooks request (headers webhook-id, webhook-timestamp,
      webhook-signature). An endpoint that fails is retried: within a minute at first, then less often, up to once a day, until it answers 2xx.
    </>
  );
  return (
    <ConsolePage noteTestId="webhooks-note" lead={<>Every audit event of {admin.orgName}, streamed to your endpoints.</>} note={note}>
      <TitledPanel titleId="webhook-title" title="Add an endpoint">
        <WebhookForm />
      </TitledPanel>
      <WebhooksTable webhooks={webhooks} />
    </ConsolePage>
  );
}
