import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db/client';
import { accessRequests, appGrants, memberships, runs, users } from '@/db/schema';
import type { Actor } from '../audit/actor';
import { recordChange } from '../audit/record-change';
import { refusal, type Result } from '../errors';
import { endLiveGrant } from './end-grants';
import { grantEndWords } from './grant-duration';
import { isWellFormedAccessRequestId, newGrantId } from './ids';

// The admins' inbox (SPEC §16): an org's pending requests, approved (an app grant) or denied.

type Client = { ip?: string | null; userAgent?: string | null };

export type PendingRequest = {
  id: string;
  appId: string;
  appTitle: string;
  userId: string;
  userName: string;
  userEmail: string;
  /** Whether the requester is a member of the org (approved, they open it with their role; otherwise as a guest). */
  member: boolean;
  note: string | null;
  createdAt: Date;
  expiresAt: Date;
};

export type Grant = { id: string; appId: string; userId: string; endsAt: Date | null; createdAt: Date };

/** Pending: undecided, not expired, for a live app. */
const pending = (orgId: string) => and(eq(accessRequests.orgId, orgId), isNull(accessRequests.decidedAt), gt(accessRequests.expiresAt, sql`now()`), isNull(runs.deletedAt));

/** The org's pending requests, oldest first. */
export async function listPendingRequests(orgId: string): Promise<PendingRequest[]> {
  const db = await getDb();
  return db
    .select({
      id: accessRequests.id,
      appId: accessRequests.appId,
      appTitle: runs.title,
      userId: accessRequests.userId,
      userName: users.name,
      userEmail: users.email,
      member: sql<boolean>`${memberships.userId} is not null`,
      note: accessRequests.note,
      createdAt: accessRequests.createdAt,
      expiresAt: accessRequests.expiresAt,
    })
    .from(accessRequests)
    .innerJoin(runs, eq(runs.id, accessRequests.appId))
    .innerJoin(users, and(eq(users.id, accessRequests.userId), isNull(users.deletedAt)))
    .leftJoin(memberships, and(eq(memberships.userId, accessRequests.userId), eq(memberships.orgId, accessRequests.orgId)))
    .where(pending(orgId))
    .orderBy(asc(accessRequests.createdAt), asc(accessRequests.id));
}

/** How many requests wait for the org's admins (the console nav's count). */
export async function pendingRequestCount(orgId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(accessRequests)
    .innerJoin(runs, eq(runs.id, accessRequests.appId))
    .innerJoin(users, and(eq(users.id, accessRequests.userId), isNull(users.deletedAt)))
    .where(pending(orgId));
  return Number(row?.n ?? 0);
}

type Decision = { orgId: string; requestId: string; actor: Actor } & Client;

const noSuchRequest = () => refusal('not_found', 'No such access request.');
const alreadyDecided = () => refusal('conflict', 'This access request is no longer pending: it was answered, or it expired.');

/** The request, locked, if it is the org's; whether it is still pending. */
async function lockedRequest(tx: Transaction, d: Decision) {
  const [req] = await tx
    .select({
      appId: accessRequests.appId,
      userId: accessRequests.userId,
      email: users.email,
      pending: sql<boolean>`${accessRequests.decidedAt} is null and ${accessRequests.expiresAt} > now() and ${runs.deletedAt} is null`,
    })
    .from(accessRequests)
    .innerJoin(runs, eq(runs.id, accessRequests.appId))
    .innerJoin(users, eq(users.id, accessRequests.userId))
    .where(and(eq(accessRequests.id, d.requestId), eq(accessRequests.orgId, d.orgId)))
    .for('update', { of: accessRequests });
  return req ?? null;
}

type LockedRequest = NonNullable<Awaited<ReturnType<typeof lockedRequest>>>;

/** In one transaction: the org's request, locked and still pending, decided by `decide` (who records the decision and its audit row). */
async function decidePending<T extends object>(d: Decision, decide: (tx: Transaction, req: LockedRequest) => Promise<Result<T>>): Promise<Result<T>> {
  if (!isWellFormedAccessRequestId(d.requestId)) return noSuchRequest();
  const db = await getDb();
  return db.transaction(async (tx) => {
    const req = await lockedRequest(tx, d);
    if (!req) return noSuchRequest();
    if (!req.pending) return alreadyDecided();
    return decide(tx, req);
  });
}

/** Who decided, for the request's `decided_by` (null: a service account, named in the audit log). */
const decidedBy = (d: Decision) => (d.actor.kind === 'user' ? d.actor.userId : null);

/** The decision written on the request (with the grant it made) and its audit row (`access_request_approved` / `_denied`). */
async function recordDecision(tx: Transaction, d: Decision, req: LockedRequest, decision: 'approved' | 'denied', grant: { id: string; words: string } | null): Promise<void> {
  await tx
    .update(accessRequests)
    .set({ decidedAt: sql`now()`, decision, decidedBy: decidedBy(d), ...(grant ? { grantId: grant.id } : {}) })
    .where(eq(accessRequests.id, d.requestId));
  await recordChange(tx, {
    orgId: d.orgId,
    code: `access_request_${decision}`,
    actor: d.actor,
    appId: req.appId,
    detail: `Access request ${d.requestId} of ${req.email} ${decision}${grant ? `: grant ${grant.id} ${grant.words}` : ''}`,
    ip: d.ip,
    userAgent: d.userAgent,
  });
}

/**
 * Approves a pending request: an app grant for its person and app, ending after `seconds` (null:
 * until taken away), replacing a live grant they had; audited (`access_request_approved`).
 */
export async function approveAccessRequest(d: Decision & { seconds: number | null }): Promise<Result<{ grant: Grant }>> {
  return decidePending(d, async (tx, req) => {
    await endLiveGrant(tx, { appId: req.appId, userId: req.userId, reason: 'replaced' });
    const [grant] = await tx
      .insert(appGrants)
      .values({
        id: newGrantId(),
        appId: req.appId,
        orgId: d.orgId,
        userId: req.userId,
        requestId: d.requestId,
        createdBy: decidedBy(d),
        endsAt: d.seconds === null ? null : sql`now() + make_interval(secs => ${d.seconds})`,
      })
      .returning({ id: appGrants.id, appId: appGrants.appId, userId: appGrants.userId, endsAt: appGrants.endsAt, createdAt: appGrants.createdAt });
    await recordDecision(tx, d, req, 'approved', { id: grant!.id, words: grantEndWords(grant!.endsAt) });
    return { ok: true, grant: grant! };
  });
}

/** Denies a pending request; audited (`access_request_denied`). The requester's page still says "sent". */
export async function denyAccessRequest(d: Decision): Promise<Result> {
  return decidePending(d, async (tx, req) => {
    await recordDecision(tx, d, req, 'denied', null);
    return { ok: true as const };
  });
}
