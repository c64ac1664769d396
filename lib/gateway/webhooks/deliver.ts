import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { databaseOpen, getDb, rowsOf } from '@/db/client';
import { env } from '@/lib/platform/config/env';
import type { PeriodicJob } from '@/lib/platform/jobs/background-jobs';
import { webhookPolicy, type WebhookPolicy } from './endpoint-url';
import { deliveryFailureLog, type DeliveryFailure, type DeliveryFailureLog } from './failure-log';
import { auditEventPayload, messageId, type AuditRow } from './payload';
import { openWebhookSecret } from './secret-box';
import { DeliveryError, webhookSender } from './send';

/** Seconds before retry n (1-based): first retries within a minute, then longer, then daily. */
const BACKOFF_SECONDS = [5, 10, 20, 60, 300, 900, 1800, 3600, 7200, 14400, 28800, 57600, 86400];
const backoffSeconds = (attempts: number) => BACKOFF_SECONDS[Math.min(attempts, BACKOFF_SECONDS.length) - 1]!;

const LEASE_SECONDS = 60;
/** Events per endpoint per claim, and endpoints claimed (and delivered to side by side) at once. */
const BATCH = 50;
const ENDPOINTS_AT_ONCE = 16;
const owner = randomUUID();

type Endpoint = { id: string; org_id: string; url: string; secret_sealed: string };
type Pending = AuditRow & { endpoint_id: string; id: string | number; attempts: number; due: boolean; missing: boolean };
/** `message` is what the console shows; `reason` and `detail` what the log says. */
type Failure = { id: string | number; attempts: number; message: string; reason: DeliveryFailure['reason']; detail?: string | number };
type Outcome = { endpoint: Endpoint; sent: (string | number)[]; failure: Failure | null };

/**
 * Claims up to ENDPOINTS_AT_ONCE endpoints whose oldest undelivered event is due, for LEASE_SECONDS:
 * while the lease holds, no other instance delivers to them (SKIP LOCKED picks others), so each
 * endpoint's events go out in order.
 */
async function claimEndpoints(): Promise<Endpoint[]> {
  const db = await getDb();
  return rowsOf<Endpoint>(
    await db.execute(sql`
      update webhook_endpoints e set lease_owner = ${owner}, lease_until = now() + make_interval(secs => ${LEASE_SECONDS})
      where e.id in (
        select w.id from webhook_endpoints w
        where (w.lease_until is null or w.lease_until < now())
          and (select d.next_attempt_at from webhook_deliveries d where d.endpoint_id = w.id order by d.id limit 1) <= now()
        order by w.id limit ${ENDPOINTS_AT_ONCE}
        for update skip locked)
      returning e.id, e.org_id, e.url, e.secret_sealed`),
  );
}

/** The claimed endpoints' oldest undelivered events (BATCH each), with their audit rows, in one query. */
async function pendingEvents(endpoints: Endpoint[]): Promise<Map<string, Pending[]>> {
  const db = await getDb();
  const rows = rowsOf<Pending>(
    await db.execute(sql`
      select d.endpoint_id, d.id, d.event_id, d.attempts, d.next_attempt_at <= now() as due, a.id is null as missing,
        a.at, a.result, a.code, a.user_id, a.api_token_id, a.auth_via, a.app_id, a.org_id, a.workflow_id, a.jti, a.ip, a.user_agent,
        a.service_account_id, a.share_id, a.detail
      from jsonb_array_elements_text(${JSON.stringify(endpoints.map((e) => e.id))}::jsonb) as ep(id)
      cross join lateral (select * from webhook_deliveries d where d.endpoint_id = ep.id order by d.id limit ${BATCH}) d
      -- One index probe per event (a lateral subquery with a limit stays a nested loop): joined plainly,
      -- the planner hashed the whole audit table for a batch of events.
      left join lateral (select * from audit_events a where a.id = d.event_id and a.at = d.event_at limit 1) a on true
      order by d.endpoint_id, d.id`),
  );
  const byEndpoint = new Map<string, Pending[]>();
  for (const r of rows) {
    const list = byEndpoint.get(r.endpoint_id);
    if (list) list.push(r);
    else byEndpoint.set(r.endpoint_id, [r]);
  }
  return byEndpoint;
}

/** Sends one endpoint's due events oldest first, stopping at the first failure (or when the gateway stops). */
async function deliverInOrder(ep: Endpoint, pending: Pending[], policy: WebhookPolicy, stop?: AbortSignal): Promise<Outcome> {
  const out: Outcome = { endpoint: ep, sent: [], failure: null };
  let send: ReturnType<typeof webhookSender>;
  try {
    send = webhookSender({ url: ep.url, secret: openWebhookSecret(ep.secret_sealed, ep.id, env().APP_TOKEN_KEY_SECRET) }, policy);
  } catch {
    // This endpoint's failure alone: thrown, it would fail the whole claim, and the other endpoints'
    // events, already sent, would go unrecorded and be sent again at every pass.
    if (pending[0]) {
      const message = 'its secret cannot be opened (was APP_TOKEN_KEY_SECRET changed?)';
      out.failure = { id: pending[0].id, attempts: pending[0].attempts + 1, message, reason: 'secret_unusable' };
    }
    return out;
  }
  const deadline = Date.now() + (LEASE_SECONDS - 15) * 1000; // each send takes at most 10 s: finish inside the lease
  for (const p of pending) {
    if (!p.due || Date.now() > deadline || stop?.aborted) break;
    try {
      // An event the retention already dropped has nothing left to send.
      if (!p.missing) await send(messageId(p.event_id), auditEventPayload(p));
      out.sent.push(p.id);
    } catch (error) {
      const attempts = p.attempts + 1;
      out.failure =
        error instanceof DeliveryError
          ? { id: p.id, attempts, message: error.message, reason: error.reason, detail: error.detail }
          : { id: p.id, attempts, message: 'delivery failed', reason: 'failed' };
      break;
    }
  }
  return out;
}

/**
 * Records what went out and what failed, and releases the leases, in one statement: delivered rows
 * are deleted, a failed one is rescheduled with backoff. If the process dies before it, those events
 * are sent again (at least once) when the lease expires.
 */
async function settle(outcomes: Outcome[]): Promise<void> {
  const db = await getDb();
  const sent = outcomes.flatMap((o) => o.sent.map(String));
  const failed = outcomes.flatMap((o) =>
    o.failure ? [{ id: String(o.failure.id), attempts: o.failure.attempts, reason: o.failure.message, backoff: backoffSeconds(o.failure.attempts) }] : [],
  );
  const endpoints = outcomes.map((o) => ({ id: o.endpoint.id, ok: o.sent.length > 0, reason: o.failure?.message ?? null }));
  await db.execute(sql`
    with done as (
      delete from webhook_deliveries where id in (select jsonb_array_elements_text(${JSON.stringify(sent)}::jsonb)::bigint)
    ), retry as (
      update webhook_deliveries d set attempts = f.attempts, last_error = f.reason, next_attempt_at = now() + make_interval(secs => f.backoff)
      from jsonb_to_recordset(${JSON.stringify(failed)}::jsonb) as f(id bigint, attempts int, reason text, backoff int)
      where d.id = f.id
    )
    update webhook_endpoints e set lease_owner = null, lease_until = null,
      last_success_at = case when r.ok then now() else e.last_success_at end,
      last_failure_at = case when r.reason is null then e.last_failure_at else now() end,
      last_error = coalesce(r.reason, e.last_error)
    from jsonb_to_recordset(${JSON.stringify(endpoints)}::jsonb) as r(id text, ok boolean, reason text)
    where e.id = r.id and e.lease_owner = ${owner}`);
}

/**
 * Delivers everything due now, endpoints side by side, each in order; returns how many events went out.
 * `stop` ends the pass early: the sends in flight finish, then what went out is recorded. Each
 * failed or refused delivery is reported to `failures` (a rate-limited warning).
 */
export async function deliverDueWebhooks(
  policy: WebhookPolicy = webhookPolicy(),
  stop?: AbortSignal,
  failures: DeliveryFailureLog = deliveryFailureLog,
): Promise<number> {
  let delivered = 0;
  for (let i = 0; i < 100 && !stop?.aborted; i++) {
    const endpoints = await claimEndpoints();
    if (endpoints.length === 0) break;
    let outcomes: Outcome[] = endpoints.map((ep) => ({ endpoint: ep, sent: [], failure: null }));
    try {
      const pending = await pendingEvents(endpoints);
      outcomes = await Promise.all(endpoints.map((ep) => deliverInOrder(ep, pending.get(ep.id) ?? [], policy, stop)));
    } finally {
      await settle(outcomes);
    }
    for (const { endpoint, failure } of outcomes) {
      if (failure) failures.report({ endpointId: endpoint.id, orgId: endpoint.org_id, reason: failure.reason, detail: failure.detail, attempt: failure.attempts });
    }
    delivered += outcomes.reduce((n, o) => n + o.sent.length, 0);
  }
  return delivered;
}

/**
 * Polls the outbox (one pass at a time per process): every second while there is work, backing off
 * to every 10 s while there is none, so an idle gateway costs the database one small query every
 * 10 s. Stopping it ends a pass after its sends in flight, what went out recorded and its leases
 * released (so another instance need not wait for them to expire).
 */
export const webhookDeliveryJob: PeriodicJob = {
  name: 'webhook_delivery',
  firstMs: 1000,
  everyMs: 1000,
  idleMaxMs: 10_000,
  run: async (stopping) => databaseOpen() && (await deliverDueWebhooks(webhookPolicy(), stopping)) > 0,
};
