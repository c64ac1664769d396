import { addWebhook, listWebhooks, removeWebhook } from '@/lib/gateway/webhooks/endpoints';
import { WebhookUrlError } from '@/lib/gateway/webhooks/endpoint-url';
import { parseArgs } from './args';

const USAGE = 'Usage: webhook add --org <orgId> --url <url> | webhook list --org <orgId> | webhook remove <id>';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : '-');

export async function runWebhookCommand(argv: string[]): Promise<void> {
  const { flags, positional } = parseArgs(argv);
  const [sub, id] = positional;
  if (sub === 'add' && flags.get('org') && flags.get('url')) {
    const created = await addWebhook({ orgId: flags.get('org')!, url: flags.get('url')! });
    console.log(`Webhook ${created.id} receives every audit event of ${flags.get('org')} at ${created.url}.`);
    console.log('Its signing secret (Standard Webhooks), shown only now:');
    console.log(created.secret);
  } else if (sub === 'list' && flags.get('org')) {
    for (const w of await listWebhooks(flags.get('org')!)) {
      const state = w.lastError && (!w.lastSuccessAt || (w.lastFailureAt && w.lastFailureAt > w.lastSuccessAt)) ? `failing: ${w.lastError}` : 'ok';
      console.log([w.id, w.url, `pending ${w.pending}`, `last success ${iso(w.lastSuccessAt)}`, state].join('  '));
    }
  } else if (sub === 'remove' && id) {
    if (!(await removeWebhook(id))) throw new WebhookUrlError(`No webhook ${id}.`);
    console.log(`Removed ${id}; its undelivered events are dropped.`);
  } else {
    throw new WebhookUrlError(USAGE);
  }
}
