import { sql, type SQL } from 'drizzle-orm';
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

const AUDIT_COLUMNS = sql.raw('result, code, user_id, api_token_id, service_account_id, auth_via, app_id, org_id, workflow_id, share_id, session_id, ip, user_agent, detail');

/** The audit row's values, in AUDIT_COLUMNS' order. */
function auditValues(c: ChangeRecord): SQL {
  const a = actorColumns(c.actor);
  return sql`'changed'::audit_result, ${c.code}, ${a.userId}, ${a.apiTokenId}, ${a.serviceAccountId}, ${a.authVia}::auth_via, ${c.appId ?? null}, ${c.orgId},
        ${c.workflowId ?? null}, ${c.shareId ?? null}, ${c.sessionId ?? null}, ${c.ip ?? null}, ${c.userAgent ?? null}, ${c.detail ?? null}`;
}

/** The org's endpoints' outbox rows for the audit rows of a CTE named `audit`. */
const OUTBOX = sql`insert into webhook_deliveries (endpoint_id, event_id, event_at)
    select w.id, a.id, a.at from audit a join webhook_endpoints w on w.org_id = a.org_id`;

/**
 * Writes the org's audit row (result `changed`) naming its actor, and the webhook outbox rows for
 * the org's endpoints, in one statement (as the mint statement does for a mint). Call it inside the
 * transaction that makes the change, so a change is never without its record, nor a record without it.
 */
export async function recordChange(exec: Executor, c: ChangeRecord): Promise<void> {
  await exec.execute(sql`
    with audit as (
      insert into audit_events (${AUDIT_COLUMNS}) values (${auditValues(c)})
      returning id, at, org_id
    )
    ${OUTBOX}`);
}

/**
 * The same rows as recordChange, as two CTEs (`audit`, `outbox`) of the statement that makes the
 * change, written only when the CTE named `made` returned a row: a change made by one statement
 * (createOrgApp's) is recorded in it, with no transaction around it.
 */
export function changeRecordedWith(c: ChangeRecord, made: string): SQL {
  return sql`audit as (
      insert into audit_events (${AUDIT_COLUMNS}) select ${auditValues(c)} where exists (select 1 from ${sql.identifier(made)})
      returning id, at, org_id
    ), outbox as (${OUTBOX})`;
}
