import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { appAccessMembers, groupMembers, memberships, orgGroups, runs } from '@/db/schema';
import { removeFromOrg } from '../orgs/org-members';

// SPEC §18: `active: false` suspends a membership. A suspended person holds no membership at all,
// so every check of membership (the mint's one statement, the token exchange, the console, the
// management API) refuses them as it refuses anyone outside the org, with no check to forget; the
// removal writes `{ sub, org_id }` and ends their grants and guest sessions in the org. What the
// membership carried (role, `members`-rule apps, groups) is kept on the SCIM user and restored
// with `active: true`, where it still exists.

export type Suspended = { role: 'admin' | 'member'; apps: string[]; groups: string[] };

/** Suspends the person's membership, in the caller's transaction; null when they held none. */
export async function suspendMembership(tx: Transaction, orgId: string, userId: string): Promise<Suspended | null> {
  const [member] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
    .for('update');
  if (!member) return null;
  const apps = await tx
    .select({ appId: appAccessMembers.appId })
    .from(appAccessMembers)
    .where(and(eq(appAccessMembers.orgId, orgId), eq(appAccessMembers.userId, userId)));
  const groups = await tx
    .select({ groupId: groupMembers.groupId })
    .from(groupMembers)
    .where(and(eq(groupMembers.orgId, orgId), eq(groupMembers.userId, userId)));
  await removeFromOrg(tx, orgId, userId);
  return { role: member.role, apps: apps.map((a) => a.appId), groups: groups.map((g) => g.groupId) };
}

/**
 * Gives the person their membership back with what it carried, where the apps and groups still
 * exist (whatever the groups' source: the suspension took them out, not their managers).
 */
export async function restoreMembership(tx: Transaction, orgId: string, userId: string, kept: Suspended): Promise<void> {
  await tx.insert(memberships).values({ orgId, userId, role: kept.role }).onConflictDoNothing();
  if (kept.apps.length) {
    const live = await tx
      .select({ id: runs.id })
      .from(runs)
      .where(and(eq(runs.orgId, orgId), inArray(runs.id, kept.apps), isNull(runs.deletedAt)));
    if (live.length) await tx.insert(appAccessMembers).values(live.map((r) => ({ appId: r.id, orgId, userId }))).onConflictDoNothing();
  }
  if (kept.groups.length) {
    const groups = await tx.select({ id: orgGroups.id }).from(orgGroups).where(and(eq(orgGroups.orgId, orgId), inArray(orgGroups.id, kept.groups)));
    if (groups.length) await tx.insert(groupMembers).values(groups.map((g) => ({ groupId: g.id, orgId, userId }))).onConflictDoNothing();
  }
}
