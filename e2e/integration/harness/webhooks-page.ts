import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { WebhooksTable } from '@/app/admin/webhooks/webhooks-table';
import type { WebhookListing } from '@/lib/gateway/webhooks/endpoints';

/** What the console's webhooks page shows in an endpoint's row, cell by cell (its table, rendered as the page renders it). */
export function webhookRowCells(webhooks: WebhookListing[], id: string): Record<string, string> | null {
  const html = renderToStaticMarkup(createElement(WebhooksTable, { webhooks }));
  const columns = [...html.matchAll(/<th>(.*?)<\/th>/g)].map((m) => m[1]!);
  const row = new RegExp(`<tr [^>]*data-webhook-id="${id}"[^>]*>(.*?)</tr>`).exec(html)?.[1];
  if (!row) return null;
  const cells = [...row.matchAll(/<td>(.*?)<\/td>/g)].map((m) => m[1]!.replace(/<\/span><span/g, '</span> <span').replace(/<[^>]+>/g, '').trim());
  return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
}
