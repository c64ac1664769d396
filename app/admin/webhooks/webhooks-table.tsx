import { DataTable } from '@/app/_components/data-table';
import type { WebhookListing } from '@/lib/gateway/webhooks/endpoints';
import { deleteWebhook } from '../_actions/webhooks';
import { ConfirmForm } from '../_components/confirm-form';
import { Time } from '../_components/time';

/** Failing when the last attempt failed after the last success. */
const failing = (w: WebhookListing) => !!w.lastFailureAt && (!w.lastSuccessAt || w.lastFailureAt > w.lastSuccessAt);
const events = (n: number) => `${n} ${n === 1 ? 'event' : 'events'}`;

export function WebhooksTable({ webhooks }: { webhooks: WebhookListing[] }) {
  return (
    <DataTable testId="webhooks-table" columns={['Endpoint', 'State', 'Waiting', 'Last delivered', 'Last error', null]} empty={webhooks.length === 0 ? <>No endpoints yet.</> : null}>
      {webhooks.map((w) => (
        <tr key={w.id} data-testid="webhook-row" data-webhook-id={w.id} data-state={failing(w) ? 'failing' : 'ok'}>
          <td>
            <span className="cell-main">{w.url}</span>
            <span className="cell-sub">{w.id}</span>
          </td>
          <td>
            <span className={`badge ${failing(w) ? 'badge--bad' : 'badge--ok'}`}>{failing(w) ? 'Retrying' : 'Delivering'}</span>
          </td>
          <td>
            <span className="cell-main">{events(w.pending)}</span>
            {w.oldestPendingAt ? (
              <span className="cell-sub">
                oldest <Time at={w.oldestPendingAt} />
              </span>
            ) : null}
          </td>
          <td>
            <Time at={w.lastSuccessAt} fallback="never" />
          </td>
          <td>
            {w.lastError ? (
              <>
                <span className="cell-main">{w.lastError}</span>
                <span className="cell-sub">
                  <Time at={w.lastFailureAt} />
                </span>
              </>
            ) : (
              <span className="muted">—</span>
            )}
          </td>
          <td>
            <div className="cell-actions">
              <ConfirmForm action={deleteWebhook} fields={{ webhookId: w.id }} trigger="Remove" title={`Remove ${w.url}?`} confirmLabel="Remove" testId="remove-webhook">
                It receives no more events; {w.pending === 0 ? 'none is waiting for it.' : `the ${events(w.pending)} still waiting for it ${w.pending === 1 ? 'is' : 'are'} dropped.`}
              </ConfirmForm>
            </div>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
