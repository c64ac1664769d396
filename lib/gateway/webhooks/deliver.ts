import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { databaseOpen, getDb, rowsOf } from '@/db/client';
import { env } from '@/lib/config/env';
import { log } from '@/lib/log';
import { webhookPolicy, type WebhookPolicy } from './endpoint-url';
import { auditEventPayload, messageId, type AuditRow } from './payload';
import { openWebhookSecret } from './secret-box';
import { DeliveryError, sendWebhook } from './send';

/** Seconds before retry n (1-based): first retries within a minute, then longer, then daily. */
const BACKOFF_SECONDS = [5, 10, 20, 60, 300, 900, 1800, 3600, 7200, 14400, 28800, 57600, 86400];
export const backoffSeconds = (attempts: number) => BACKOFF_SECONDS[Math.min(attempts, BACKOFF_SECONDS.length) - 1]!;

const LEASE_SECONDS = 60;
const BATCH = 50;
const owner = randomUUID();

type Endpoint = { id: string; url: string; secret_sealed: string };
type Pending = AuditRow & { id: string | number; attempts: number; due: boolean; missing: boolean };

/**
 * Claims one endpoint whose oldest undelivered event is due, for LEASE_SECONDS: while the lease
 * holds, no other instance delivers to it (SKIP LOCKED picks another), so events go out in order.
 */
async function claimEndpoint(): Promise<Endpoint | null> {
  const db = await getDb();
  const [ep] = rowsOf<Endpoint>(
    await db.execute(sql`
      update webhook_endpoints e set lease_owner = ${owner}, lease_until = now() + make_interval(secs => ${LEASE_SECONDS})
      where e.id = (
        select w.id from webhook_endpoints w
        where (w.lease_until is null or w.lease_until < now())
          and (select d.next_attempt_at from webhook_deliveries d
               where d.endpoint_id = w.id and d.delivered_at is null order by d.id limit 1) <= now()
        order by w.id limit 1
        for update skip locked)
      returning e.id, e.url, e.secret_sealed`),
  );
  return ep ?? null;
}

/** Sends the endpoint's due events oldest first, stopping at the first failure (which is rescheduled). */
async function deliverBatch(ep: Endpoint, policy: WebhookPolicy): Promise<number> {
  const db = await getDb();
  const pending = rowsOf<Pending>(
    await db.execute(sql`
      select d.id, d.event_id, d.attempts, d.next_attempt_at <= now() as due, a.id is null as missing,
        a.at, a.result, a.code, a.user_id, a.api_token_id, a.auth_via, a.app_id, a.org_id, a.workflow_id, a.jti, a.ip, a.user_agent
      from webhook_deliveries d left join audit_events a on a.id = d.event_id and a.at = d.event_at
      where d.endpoint_id = ${ep.id} and d.delivered_at is null order by d.id limit ${BATCH}`),
  );
  const secret = openWebhookSecret(ep.secret_sealed, ep.id, env().APP_TOKEN_KEY_SECRET);
  const deadline = Date.now() + (LEASE_SECONDS - 15) * 1000; // each send takes at most 10 s: finish inside the lease
  const sent: (string | number)[] = [];
  let failure: { id: string | number; attempts: number; reason: string } | null = null;
  for (const p of pending) {
    if (!p.due || Date.now() > deadline) break;
    try {
      // An event the retention already dropped has nothing left to send.
      if (!p.missing) await sendWebhook({ url: ep.url, secret }, messageId(p.event_id), auditEventPayload(p), policy);
      sent.push(p.id);
    } catch (error) {
      failure = { id: p.id, attempts: p.attempts + 1, reason: error instanceof DeliveryError ? error.message : 'delivery failed' };
      break;
    }
  }
  // One statement for the batch: if the process dies before it, those events are sent again (at least once).
  if (sent.length > 0) {
    const ids = sql.join(sent.map((id) => sql`${String(id)}::bigint`), sql`, `);
    await db.execute(sql`with done as (
        update webhook_deliveries set delivered_at = now(), attempts = attempts + 1, last_error = null where id in (${ids}) returning 1)
      update webhook_endpoints set last_success_at = now() where id = ${ep.id}`);
  }
  if (failure) {
    await db.execute(sql`update webhook_deliveries set attempts = ${failure.attempts}, last_error = ${failure.reason},
      next_attempt_at = now() + make_interval(secs => ${backoffSeconds(failure.attempts)}) where id = ${failure.id}`);
    await db.execute(sql`update webhook_endpoints set last_failure_at = now(), last_error = ${failure.reason} where id = ${ep.id}`);
  }
  return sent.length;
}

/** Delivers everything due now, endpoint by endpoint; returns how many events went out. */
export async function deliverDueWebhooks(policy: WebhookPolicy = webhookPolicy()): Promise<number> {
  let delivered = 0;
  for (let i = 0; i < 100; i++) {
    const ep = await claimEndpoint();
    if (!ep) break;
    try {
      delivered += await deliverBatch(ep, policy);
    } finally {
      const db = await getDb();
      await db.execute(sql`update webhook_endpoints set lease_owner = null, lease_until = null where id = ${ep.id} and lease_owner = ${owner}`);
    }
  }
  return delivered;
}

const store = globalThis as unknown as { __appGatewayWebhookTimer?: NodeJS.Timeout | null };
const IDLE_MAX_MS = 10_000;

/**
 * Polls the outbox in the background (unref'd timer, one pass at a time per process): every second
 * while there is work, backing off to every 10 s while there is none, so an idle gateway costs the
 * database one small query every 10 s.
 */
export function startWebhookDelivery(busyMs = 1000): void {
  if (store.__appGatewayWebhookTimer) return;
  let wait = busyMs;
  const tick = async () => {
    let worked = false;
    if (databaseOpen()) {
      worked = await deliverDueWebhooks().then(
        (n) => n > 0,
        (error) => (log.warn('webhook_delivery_failed', { error: error instanceof Error ? error.name : 'error' }), false),
      );
    }
    wait = worked ? busyMs : Math.min(wait * 2, IDLE_MAX_MS);
    if (store.__appGatewayWebhookTimer !== null) store.__appGatewayWebhookTimer = setTimeout(tick, wait).unref();
  };
  store.__appGatewayWebhookTimer = setTimeout(tick, busyMs).unref();
}

export function stopWebhookDelivery(): void {
  if (store.__appGatewayWebhookTimer) clearTimeout(store.__appGatewayWebhookTimer);
  store.__appGatewayWebhookTimer = null;
}
