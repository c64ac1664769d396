import { and, eq, isNull, sql } from 'drizzle-orm';
import { databaseOpen, getDb, rowsOf, type Transaction } from '@/db/client';
import { appGrants, users } from '@/db/schema';
import type { PeriodicJob } from '@/lib/platform/jobs/background-jobs';
import { OPERATOR, type Actor } from '../audit/actor';
import { recordChange } from '../audit/record-change';
import { recordRevocations } from '../revocations/record';

// How app grants end (SPEC §16 and part three's revocation rule): on time (a job writes the end
// within 60 s of it), removed by an admin, replaced by a new approval, or with the app or the
// person's membership. The mint stops admitting at `ends_at` on its own; the feed entry
// `{ sub, aud }` tells verifiers.

type EndReason = 'expired' | 'removed' | 'replaced' | 'app_deleted' | 'member_removed';

/** Ends a person's live grant for an app, in the caller's transaction; no feed entry (the caller's change writes its own). */
export async function endLiveGrant(tx: Transaction, g: { appId: string; userId: string; reason: EndReason }): Promise<number> {
  const ended = await tx
    .update(appGrants)
    .set({ endedAt: sql`now()`, endReason: g.reason })
    .where(and(eq(appGrants.appId, g.appId), eq(appGrants.userId, g.userId), isNull(appGrants.endedAt)))
    .returning({ id: appGrants.id });
  return ended.length;
}

/** A deleted app's grants end (its `{ aud }` entry, written by the deletion, revokes their tokens). */
export async function endGrantsOfApp(tx: Transaction, appId: string): Promise<number> {
  const ended = await tx
    .update(appGrants)
    .set({ endedAt: sql`now()`, endReason: 'app_deleted' })
    .where(and(eq(appGrants.appId, appId), isNull(appGrants.endedAt)))
    .returning({ id: appGrants.id });
  return ended.length;
}

/** A person removed from an org: their grants in that org end (the removal's `{ sub, org_id }` entry revokes their tokens). */
export async function endGrantsOfMember(tx: Transaction, orgId: string, userId: string): Promise<number> {
  const ended = await tx
    .update(appGrants)
    .set({ endedAt: sql`now()`, endReason: 'member_removed' })
    .where(and(eq(appGrants.orgId, orgId), eq(appGrants.userId, userId), isNull(appGrants.endedAt)))
    .returning({ id: appGrants.id });
  return ended.length;
}

type Ended = { id: string; appId: string; orgId: string; userId: string; email: string | null };

/** Records grants' ends: the feed entry `{ sub, aud }` and the audit row `app_grant_ended`, in the transaction that ended them. */
async function recordEnds(tx: Transaction, ended: Ended[], actor: Actor, why: string, client: { ip?: string | null; userAgent?: string | null } = {}) {
  await recordRevocations(tx, ended.map((g) => ({ sub: g.userId, aud: g.appId })));
  for (const g of ended) {
    await recordChange(tx, {
      orgId: g.orgId,
      code: 'app_grant_ended',
      actor,
      appId: g.appId,
      detail: `Grant ${g.id} of ${g.email ?? g.userId} ${why}`,
      ...client,
    });
  }
}

/** At most this many ends recorded per run (the rest on the next one, a few seconds later). */
const BATCH = 200;

/**
 * Grants past their end that are not yet recorded as ended: each is marked ended (`expired`) with
 * its feed entry and audit row, in one transaction per batch. Instances share the work with SKIP
 * LOCKED. Returns how many ended.
 */
export async function endDueGrants(): Promise<number> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const rows = rowsOf<{ id: string; app_id: string; org_id: string; user_id: string; email: string | null }>(await tx.execute(sql`
      with due as (
        select id from app_grants where ended_at is null and ends_at <= now()
        order by ends_at limit ${BATCH} for update skip locked
      )
      update app_grants g set ended_at = g.ends_at, end_reason = 'expired'
      from due where g.id = due.id
      returning g.id, g.app_id, g.org_id, g.user_id, (select email from users u where u.id = g.user_id) as email`));
    await recordEnds(tx, rows.map((r) => ({ id: r.id, appId: r.app_id, orgId: r.org_id, userId: r.user_id, email: r.email })), OPERATOR, 'ended on time');
    return rows.length;
  });
}

/**
 * An admin removes a live grant: it ends now, with its feed entry and audit row. False when the
 * org's app has no such live grant.
 */
export async function removeGrant(c: { orgId: string; appId: string; grantId: string; actor: Actor; ip?: string | null; userAgent?: string | null }): Promise<boolean> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const ended = await tx
      .update(appGrants)
      .set({ endedAt: sql`now()`, endReason: 'removed' })
      .where(and(eq(appGrants.id, c.grantId), eq(appGrants.orgId, c.orgId), eq(appGrants.appId, c.appId), isNull(appGrants.endedAt)))
      .returning({ id: appGrants.id, appId: appGrants.appId, orgId: appGrants.orgId, userId: appGrants.userId });
    if (ended.length === 0) return false;
    const [person] = await tx.select({ email: users.email }).from(users).where(eq(users.id, ended[0]!.userId));
    await recordEnds(tx, ended.map((g) => ({ ...g, email: person?.email ?? null })), c.actor, 'removed', c);
    return true;
  });
}

/** Writes the ends of grants that ended on time within seconds (SPEC: within 60 s), every instance sharing the work. */
export const grantEndsJob: PeriodicJob = {
  name: 'app_grant_ends',
  firstMs: 5_000,
  everyMs: 10_000,
  run: async () => {
    if (!databaseOpen()) return false;
    return (await endDueGrants()) > 0;
  },
};
