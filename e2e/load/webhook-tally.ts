import type postgres from 'postgres';
import { Webhook } from 'standardwebhooks';
import { cli } from '../integration/harness/cli';
import { startWebhookReceiver, type WebhookReceiver } from '../integration/harness/webhook-receiver';

export type WebhookTally = { orgAuditRows: number; delivered: number; lost: number; duplicates: number; drainSeconds: number };

/** The env a production gateway needs to deliver to a loopback receiver (refused in production otherwise). */
export const LOOPBACK_WEBHOOKS = { WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' };

/** A local receiver registered (through the CLI) for every audit event of `orgId`, before the load starts. */
export async function registerLoadWebhook(env: Record<string, string>, orgId: string) {
  const receiver = await startWebhookReceiver();
  const added = await cli(['webhook', 'add', '--org', orgId, '--url', receiver.url()], env);
  if (added.code !== 0) throw new Error(`webhook add failed: ${added.stderr}`);
  return { receiver, secret: added.stdout.trim().split('\n').pop()! };
}

/**
 * Waits for the outbox to drain (bounded: it gives up after `stallSeconds` without a new delivery),
 * then compares the org's audit rows with the events the receiver accepted, signature verified.
 */
export async function tallyWebhooks(
  sql: postgres.Sql,
  hook: { receiver: WebhookReceiver; secret: string },
  orgId: string,
  log: (line: string) => void,
  stallSeconds = 30,
): Promise<WebhookTally> {
  const auditIds = async () => (await sql<{ id: string }[]>`select id::text as id from audit_events where org_id = ${orgId}`).map((r) => r.id);
  const started = performance.now();
  let ids = await auditIds();
  let seen = -1;
  let lastProgress = Date.now();
  let logged = 0;
  while (hook.receiver.eventIds().length < ids.length && Date.now() - lastProgress < stallSeconds * 1000) {
    const n = hook.receiver.eventIds().length;
    if (n !== seen) [seen, lastProgress] = [n, Date.now()];
    if (n >= logged + 2000) log(`  webhooks: ${(logged = n)}/${ids.length} delivered`);
    await new Promise((r) => setTimeout(r, 250));
    ids = await auditIds();
  }
  const verifier = new Webhook(hook.secret);
  const verified = new Set<string>();
  for (const r of hook.receiver.state.received) {
    try {
      verifier.verify(r.body, r.headers);
      verified.add(r.eventId);
    } catch {
      /* an unsigned or altered request delivers nothing */
    }
  }
  const delivered = ids.filter((id) => verified.has(id)).length;
  return {
    orgAuditRows: ids.length,
    delivered,
    lost: ids.length - delivered,
    duplicates: hook.receiver.state.received.length - new Set(hook.receiver.state.received.map((r) => r.webhookId)).size,
    drainSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
}
