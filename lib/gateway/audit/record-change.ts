import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { actorColumns, type Actor } from './actor';

/** A change to an org, as its audit log, CSV export and webhooks show it. */
export type ChangeRecord = {
  orgId: string;
  /** What happened, e.g. `app_created`, `access_rule_changed`. */
  code: string;
  actor: Actor;
  appId?: string | null;
  workflowId?: string | null;
  /** The share link it concerns (SPEC §15). */
  shareId?: string | null;
  /** The session it concerns: a guest session opened or ended. */
  sessionId?: string | null;
  /** What changed, in words an admin reads. */
  detail?: string | null;
  ip?: string | null;
  userAgent?: string | null;
};

/** The database, or a transaction of it: a change is recorded in the transaction that makes it. */
export type Executor = Pick<Database, 'execute'>;

/**
 * Writes the org's audit row (result `changed`) naming its actor, and the webhook outbox rows for
 * the org's endpoints, in one statement (as the mint statement does for a mint). Call it inside the
 * transaction that makes the change, so a change is never without its record, nor a record without it.
 */
export async function recordChange(exec: Executor, c: ChangeRecord): Promise<void> {
  const a = actorColumns(c.actor);
  await exec.execute(sql`
    with audit as (
      insert into audit_events (result, code, user_id, api_token_id, service_account_id, auth_via, app_id, org_id, workflow_id, share_id, session_id, ip, user_agent, detail)
      values ('changed', ${c.code}, ${a.userId}, ${a.apiTokenId}, ${a.serviceAccountId}, ${a.authVia}::auth_via, ${c.appId ?? null}, ${c.orgId},
        ${c.workflowId ?? null}, ${c.shareId ?? null}, ${c.sessionId ?? null}, ${c.ip ?? null}, ${c.userAgent ?? null}, ${c.detail ?? null})
      returning id, at, org_id
    )
    insert into webhook_deliveries (endpoint_id, event_id, event_at)
    select w.id, a.id, a.at from audit a join webhook_endpoints w on w.org_id = a.org_id`);
}
