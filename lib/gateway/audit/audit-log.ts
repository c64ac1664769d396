import { and, asc, desc, eq, gte, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditEvents, memberships, runs, serviceAccounts, users, workflows } from '@/db/schema';
import { formatCursor, parseCursor, type FeedCursor } from '../revocations/cursor';
import type { AuditFilters } from './audit-filters';

// The org's audit trail for its admins: only rows whose org_id is the admin's active org. Denials
// of callers who are not authenticated members of the app's org carry no org_id: they form the
// platform's log, for platform admins only (orgId null below).

/** An org id, or null for the platform's events that no org is shown. */
export type AuditScope = string | null;

export type AuditRow = {
  id: number;
  at: Date;
  result: 'minted' | 'denied' | 'changed';
  code: string;
  userId: string | null;
  userName: string | null;
  userEmail: string | null;
  appId: string | null;
  appTitle: string | null;
  workflowId: string | null;
  workflowName: string | null;
  authVia: 'session' | 'api_token' | 'service_account' | 'share_link' | 'public' | null;
  /** The API token, or the service account's token, the change or mint was made with. */
  apiTokenId: string | null;
  /** The actor when a service account made the change (then no user). */
  serviceAccountId: string | null;
  serviceAccountName: string | null;
  ip: string | null;
  userAgent: string | null;
  jti: string | null;
  /** Which access rule refused a mint (code not_allowed), or what an admin changed. */
  detail: string | null;
};

export const AUDIT_PAGE_SIZE = 50;

/** A position in the log, newest first: the (transaction id, row id) of the last row shown. */
export type AuditPosition = FeedCursor;
export const parseAuditPosition = parseCursor;
export const formatAuditPosition = formatCursor;

function conditions(orgId: AuditScope, f: AuditFilters, before: AuditPosition | null): SQL | undefined {
  return and(
    orgId === null ? isNull(auditEvents.orgId) : eq(auditEvents.orgId, orgId),
    f.appId ? eq(auditEvents.appId, f.appId) : undefined,
    f.userId ? eq(auditEvents.userId, f.userId) : undefined,
    f.result ? eq(auditEvents.result, f.result) : undefined,
    f.from ? gte(auditEvents.at, f.from) : undefined,
    f.until ? lt(auditEvents.at, f.until) : undefined,
    before ? sql`(${auditEvents.txId}, ${auditEvents.id}) < (${before.txId.toString()}::xid8, ${before.id.toString()}::bigint)` : undefined,
  );
}

/**
 * One page of the org's (or the platform's) events, newest first by (transaction, id) — the order of
 * the one index besides the key; `nextBefore` is the cursor of the next (older) page.
 */
export async function listAuditEvents(
  orgId: AuditScope,
  filters: AuditFilters,
  before: AuditPosition | null,
  limit = AUDIT_PAGE_SIZE,
): Promise<{ rows: AuditRow[]; nextBefore: AuditPosition | null }> {
  const db = await getDb();
  const rows = await db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      result: auditEvents.result,
      code: auditEvents.code,
      userId: auditEvents.userId,
      userName: users.name,
      userEmail: users.email,
      appId: auditEvents.appId,
      appTitle: runs.title,
      workflowId: auditEvents.workflowId,
      workflowName: workflows.name,
      authVia: auditEvents.authVia,
      apiTokenId: auditEvents.apiTokenId,
      serviceAccountId: auditEvents.serviceAccountId,
      serviceAccountName: serviceAccounts.name,
      txId: auditEvents.txId,
      ip: auditEvents.ip,
      userAgent: auditEvents.userAgent,
      jti: auditEvents.jti,
      detail: auditEvents.detail,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.userId))
    .leftJoin(runs, and(eq(runs.id, auditEvents.appId), orgId === null ? undefined : eq(runs.orgId, orgId)))
    .leftJoin(workflows, and(eq(workflows.id, auditEvents.workflowId), orgId === null ? undefined : eq(workflows.orgId, orgId)))
    .leftJoin(serviceAccounts, eq(serviceAccounts.id, auditEvents.serviceAccountId))
    .where(conditions(orgId, filters, before))
    .orderBy(desc(auditEvents.txId), desc(auditEvents.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextBefore = rows.length > limit && last ? { txId: BigInt(last.txId), id: BigInt(last.id) } : null;
  return { rows: page.map(({ txId: _tx, ...row }) => row), nextBefore };
}

export type AuditFilterOptions = {
  apps: { id: string; title: string; deleted: boolean }[];
  users: { id: string; name: string; email: string }[];
};

/** What the filters offer: every app of the org (deleted ones too), and its members plus anyone else in its log. */
export async function auditFilterOptions(orgId: string): Promise<AuditFilterOptions> {
  const db = await getDb();
  const apps = await db
    .select({ id: runs.id, title: runs.title, deletedAt: runs.deletedAt })
    .from(runs)
    .where(eq(runs.orgId, orgId))
    .orderBy(asc(runs.title), asc(runs.id));
  const members = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId));
  const seen = await db
    .selectDistinct({ id: users.id, name: users.name, email: users.email })
    .from(auditEvents)
    .innerJoin(users, eq(users.id, auditEvents.userId))
    .where(eq(auditEvents.orgId, orgId));
  const byId = new Map([...members, ...seen].map((u) => [u.id, u]));
  return {
    apps: apps.map((a) => ({ id: a.id, title: a.title, deleted: a.deletedAt !== null })),
    users: [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
  };
}
