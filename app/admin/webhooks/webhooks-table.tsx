import { DataTable } from '@/app/_components/data-table';
import type { WebhookListing } from '@/lib/gateway/webhooks/endpoints';
import { deleteWebhook } from '../_actions/webhooks';
import { ConfirmRemoval } from '../_components/confirm-form';
import { ActionsCell, BadgeCell, NameCell, TimeCell } from '../_components/cells';
import { Time } from '../_components/time';

/** Failing when the last attempt failed after the last success. */
const failing = (w: WebhookListing) => !!w.lastFailureAt && (!w.lastSuccessAt || w.lastFailureAt > w.lastSuccessAt);
const events = (n: number) => `${n} ${n === 1 ? 'event' : 'events'}`;

export function WebhooksTable({ webhooks }: { webhooks: WebhookListing[] }) {
  return (
    <DataTable testId="webhooks-table" columns={['Endpoint', 'State', 'Waiting', 'Last delivered', 'Last error', null]} empty={webhooks.length === 0 ? <>No endpoints yet.</> : null}>
      {webhooks.map((w) => (
        <tr key={w.id} data-testid="webhook-row" data-webhook-id={w.id} data-state={failing(w) ? 'failing' : 'ok'}>
          <NameCell main={w.url} sub={w.id} />
          <BadgeCell tone={failing(w) ? 'badge--bad' : 'badge--ok'}>{failing(w) ? 'Retrying' : 'Delivering'}</BadgeCell>
          <td>
            <span className="cell-main">{events(w.pending)}</span>
            {w.oldestPendingAt ? (
              <span className="cell-sub">
                oldest <Time at={w.oldestPendingAt} />
              </span>
            ) : null}
          </td>
          <TimeCell at={w.lastSuccessAt} fallback="never" />
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
          <ActionsCell>
            <ConfirmRemoval action={deleteWebhook} fields={{ webhookId: w.id }} verb="Remove" name={w.url} testId="remove-webhook">
              It receives no more events; {w.pending === 0 ? 'none is waiting for it.' : `the ${events(w.pending)} still waiting for it ${w.pending === 1 ? 'is' : 'are'} dropped.`}
            </ConfirmRemoval>
          </ActionsCell>
        </tr>
      ))}
    </DataTable>
  );
}
