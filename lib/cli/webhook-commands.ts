import { addWebhook, listWebhooks, removeWebhook } from '@/lib/gateway/webhooks/endpoints';
import { refusal } from '@/lib/gateway/errors';
import { required, type Subcommand } from './args';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : '-');

const add: Subcommand = {
  usage: 'webhook add --org <orgId> --url <url>   prints the signing secret as its last line',
  options: { org: { type: 'string' }, url: { type: 'string' } },
  async run(values) {
    const org = required(values, 'org', add.usage);
    const created = await addWebhook({ orgId: org, url: required(values, 'url', add.usage) });
    if (!created.ok) return created;
    console.log(`Webhook ${created.id} receives every audit event of ${org} at ${created.url}.`);
    console.log('Its signing secret (Standard Webhooks), shown only now:');
    console.log(created.secret);
  },
};

const list: Subcommand = {
  usage: 'webhook list --org <orgId>',
  options: { org: { type: 'string' } },
  async run(values) {
    for (const w of await listWebhooks(required(values, 'org', list.usage))) {
      const state = w.lastError && (!w.lastSuccessAt || (w.lastFailureAt && w.lastFailureAt > w.lastSuccessAt)) ? `failing: ${w.lastError}` : 'ok';
      console.log([w.id, w.url, `pending ${w.pending}`, `last success ${iso(w.lastSuccessAt)}`, state].join('  '));
    }
  },
};

const remove: Subcommand = {
  usage: 'webhook remove <id>',
  positionals: ['id'],
  async run(_values, [id]) {
    if (!(await removeWebhook(id!))) return refusal('not_found', `No webhook ${id}.`);
    console.log(`Removed ${id}; its undelivered events are dropped.`);
  },
};

export const webhookCommands = { add, list, remove };
