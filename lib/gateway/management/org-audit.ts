import { sql } from 'drizzle-orm';
import type { ManagementCaller } from '@/lib/auth/management-caller';
import { getDb, rowsOf } from '@/db/client';
import { refusal, type Result } from '../errors';
import { formatCursor, parseCursor, START, type FeedCursor } from '../revocations/cursor';
import { auditEventData, type AuditRow } from '../webhooks/payload';
import { pageQuery } from './query-params';

export const AUDIT_PAGE_MAX = 1000;

export type OrgAuditPage = { events: ReturnType<typeof auditEventData>[]; cursor: string };

/**
 * GET /v1/orgs/{orgId}/audit?after=&limit=: the org's audit events after the cursor, oldest first,
 * paged like the revocation feed (SPEC §9): ordered by (transaction id, row id), and only rows of
 * transactions older than every one still running, so a late commit never lands behind a cursor.
 * Without `after`, from the oldest event kept. An empty page keeps the cursor.
 */
export async function orgAuditEvents(caller: ManagementCaller, query: URLSearchParams): Promise<Result<OrgAuditPage>> {
  const page = pageQuery(query, 'after', AUDIT_PAGE_MAX, AUDIT_PAGE_MAX);
  if (!page.ok) return page;
  const after = page.cursor === null ? START : parseCursor(page.cursor);
  if (!after) return refusal('invalid_request', 'The `after` cursor is malformed: send back a `cursor` this endpoint returned.');
  return { ok: true, ...(await readOrgAudit(caller.orgId, after, page.limit)) };
}

type Row = AuditRow & { tx_id: string };

async function readOrgAudit(orgId: string, after: FeedCursor, limit: number): Promise<OrgAuditPage> {
  const db = await getDb();
  const rows = rowsOf<Row>(
    await db.execute(sql`
      select id::text as event_id, tx_id::text as tx_id, at, result::text as result, code, user_id, api_token_id, auth_via::text as auth_via,
        app_id, org_id, workflow_id, jti, ip, user_agent, service_account_id, share_id, detail
      from audit_events
      where org_id = ${orgId}
        and tx_id < pg_snapshot_xmin(pg_current_snapshot())
        and (tx_id, id) > (${after.txId.toString()}::xid8, ${after.id.toString()}::bigint)
      order by tx_id, id
      limit ${limit}
    `),
  );
  const last = rows.at(-1);
  return { events: rows.map(auditEventData), cursor: formatCursor(last ? { txId: BigInt(last.tx_id), id: BigInt(last.event_id) } : after) };
}
