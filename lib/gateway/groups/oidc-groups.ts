import { and, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { groupMembers, memberships, orgGroups, orgOidcGroupIssuers } from '@/db/schema';
import { sessionActor } from '../audit/actor';
import { changeMembersIn } from './group-members';

/**
 * At an OIDC sign-in (SPEC §18): the person's membership in the `oidc` groups of each org they
 * belong to that is bound to this issuer becomes exactly what the claim says, matched by exact
 * external id. Each change is audited with the person as its actor; someone who leaves a group loses
 * the apps it opened (feed entries). Returns how many groups changed. One transaction.
 */
export async function applyOidcGroups(userId: string, issuer: string, claimed: readonly string[]): Promise<number> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const groups = await tx
      .select({ id: orgGroups.id, orgId: orgGroups.orgId, externalId: orgGroups.externalId })
      .from(orgGroups)
      .innerJoin(orgOidcGroupIssuers, and(eq(orgOidcGroupIssuers.orgId, orgGroups.orgId), eq(orgOidcGroupIssuers.issuer, issuer)))
      .innerJoin(memberships, and(eq(memberships.orgId, orgGroups.orgId), eq(memberships.userId, userId)))
      .where(eq(orgGroups.source, 'oidc'));
    if (groups.length === 0) return 0;
    const inGroups = new Set(
      (await tx
        .select({ groupId: groupMembers.groupId })
        .from(groupMembers)
        .where(and(eq(groupMembers.userId, userId), inArray(groupMembers.groupId, groups.map((g) => g.id))))).map((r) => r.groupId),
    );
    const wanted = new Set(claimed);
    let changed = 0;
    for (const g of groups) {
      const should = g.externalId !== null && wanted.has(g.externalId);
      if (should === inGroups.has(g.id)) continue;
      const call = { orgId: g.orgId, via: 'oidc' as const, actor: sessionActor(userId), groupId: g.id, userIds: [userId], note: `sign-in through ${issuer}` };
      const result = await changeMembersIn(tx, call, should ? 'add' : 'remove');
      if (result.ok) changed++;
    }
    return changed;
  });
}
