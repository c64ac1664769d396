import { and, asc, eq, isNull } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db/client';
import { guestSessions, memberships, users } from '@/db/schema';
import { endGrantsOfMember } from '@/lib/gateway/access-requests/end-grants';
import { recordRevocations } from '@/lib/gateway/revocations/record';
import { endGuestSessions } from '@/lib/gateway/sharing/end-guest-access';

// An org's members, for its admins. The org id always comes from the admin's session.

export type Role = 'admin' | 'member';
export type OrgMember = { userId: string; name: string; email: string; role: Role; joinedAt: Date };

export async function listOrgMembers(orgId: string): Promise<OrgMember[]> {
  const db = await getDb();
  return db
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), isNull(users.deletedAt)))
    .orderBy(asc(users.name), asc(users.id));
}

export type MemberChange = 'ok' | 'not_found' | 'last_admin';

/**
 * Changes a member's role, or removes them (role null). Refused when it would leave the org with no
 * admin. The org's memberships are locked for the check, so two admins demoting each other at the
 * same moment cannot both succeed. A removal (removeFromOrg) or an actual change of role puts `sub` +
 * `org_id` in the revocation feed, in the same transaction.
 */
export async function changeMembership(orgId: string, userId: string, role: Role | null): Promise<MemberChange> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ userId: memberships.userId, role: memberships.role })
      .from(memberships)
      .where(eq(memberships.orgId, orgId))
      .for('update');
    const target = rows.find((r) => r.userId === userId);
    if (!target) return 'not_found';
    const admins = rows.filter((r) => r.role === 'admin').length;
    if (target.role === 'admin' && role !== 'admin' && admins <= 1) return 'last_admin';
    if (role === null) await removeFromOrg(tx, orgId, userId);
    else if (role !== target.role) {
      await tx.update(memberships).set({ role }).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
      await recordRevocations(tx, [{ sub: userId, orgId }]);
    }
    return 'ok';
  });
}

/**
 * Takes a person out of an org, in the caller's transaction: the membership goes (and with it, by
 * its foreign keys, their places on apps' lists), their app grants and guest sessions in the org
 * end, and `sub` + `org_id` goes into the feed. Returns whether they were a member.
 */
export async function removeFromOrg(tx: Transaction, orgId: string, userId: string): Promise<boolean> {
  const removed = await tx.delete(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId))).returning({ userId: memberships.userId });
  if (removed.length === 0) return false;
  // SPEC §16: removed from the org by any path, their app grants in it end (else they would open those apps as guests), and their link uses.
  await endGrantsOfMember(tx, orgId, userId);
  await endGuestSessions(tx, and(eq(guestSessions.orgId, orgId), eq(guestSessions.userId, userId))!, 'ended_by_admin');
  await recordRevocations(tx, [{ sub: userId, orgId }]);
  return true;
}
