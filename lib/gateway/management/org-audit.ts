import { sql } from 'drizzle-orm';
import type { ManagementCaller } from '@/lib/auth/management-caller';
import { refusal, type Result } from '../errors';
import { committedPage } from '../revocations/committed-page';
import { parseCursor, START, type FeedCursor } from '../revocations/cursor';
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

const AUDIT_COLUMNS = sql`id::text as event_id, tx_id::text as tx_id, at, result::text as result, code, user_id, api_token_id, auth_via::text as auth_via,
        app_id, org_id, workflow_id, jti, ip, user_agent, service_account_id, share_id, detail`;

async function readOrgAudit(orgId: string, after: FeedCursor, limit: number): Promise<OrgAuditPage> {
  const page = await committedPage<Row>({ columns: AUDIT_COLUMNS, from: sql`audit_events`, scope: sql`org_id = ${orgId}`, rowId: (r) => r.event_id }, after, limit);
  return { events: page.rows.map(auditEventData), cursor: page.cursor };
}
