import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db/client';
import { appAccessGroups, groupMembers, memberships, orgGroups, users } from '@/db/schema';
import { recordChange } from '../audit/record-change';
import { validationFailed, type Result } from '../errors';
import { describe, lockGroup, type Group, type GroupCall } from './groups';
import { revokeLeavers } from './leavers';

// A group's members (SPEC §18): members of the group's org only, changed only through its source.

export type GroupMember = { userId: string; name: string; email: string; addedAt: Date };

/** The group's members by name (the caller has found the group in its org). */
export async function listGroupMembers(groupId: string): Promise<GroupMember[]> {
  const db = await getDb();
  return db
    .select({ userId: users.id, name: users.name, email: users.email, addedAt: groupMembers.createdAt })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(eq(groupMembers.groupId, groupId))
    .orderBy(asc(users.name), asc(users.id));
}

export type MembersChange = GroupCall & {
  groupId: string;
  userIds: string[];
  /** Why, for the audit log's detail (e.g. an OIDC sign-in's claim). */
  note?: string;
};
export type MembersChanged = Result<{ group: Group; added: string[]; removed: string[] }>;

/** Adds members of the org to the group; someone already in it is left as is. */
export async function addGroupMembers(c: MembersChange): Promise<MembersChanged> {
  const db = await getDb();
  return db.transaction((tx) => changeMembersIn(tx, c, 'add'));
}

/** Removes people from the group; they lose the apps it opened to them, unless admitted another way. */
export async function removeGroupMembers(c: MembersChange): Promise<MembersChanged> {
  const db = await getDb();
  return db.transaction((tx) => changeMembersIn(tx, c, 'remove'));
}

/** Makes the group's members exactly these (a SCIM replace, an OIDC sign-in's claim). */
export async function setGroupMembers(c: MembersChange): Promise<MembersChanged> {
  const db = await getDb();
  return db.transaction((tx) => changeMembersIn(tx, c, 'set'));
}

/**
 * The three changes inside the caller's transaction (a SCIM request made of several: roll back on a
 * refusal). The group row is locked, so changes to one group run one after the other; the added
 * people's memberships are locked too (`for share`), so nobody leaves the org halfway through.
 */
export async function changeMembersIn(tx: Transaction, c: MembersChange, how: 'add' | 'remove' | 'set'): Promise<MembersChanged> {
  const locked = await lockGroup(tx, c, c.groupId, 'members');
  if (!locked.ok) return locked;
  const { group } = locked;
  const wanted = [...new Set(c.userIds)];
  const current = new Set((await tx.select({ userId: groupMembers.userId }).from(groupMembers).where(eq(groupMembers.groupId, group.id))).map((r) => r.userId));
  const toAdd = how === 'remove' ? [] : wanted.filter((id) => !current.has(id));
  const toRemove = how === 'add' ? [] : how === 'remove' ? wanted.filter((id) => current.has(id)) : [...current].filter((id) => !wanted.includes(id));
  if (toAdd.length) {
    const members = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgId, c.orgId), inArray(memberships.userId, toAdd), isNull(users.deletedAt)))
      .for('share', { of: memberships });
    const found = new Set(members.map((m) => m.userId));
    const strangers = toAdd.filter((id) => !found.has(id));
    if (strangers.length) {
      return validationFailed([{ pointer: '#/members', detail: `${strangers.length === 1 ? 'One person is' : `${strangers.length} people are`} not members of this organization.` }]);
    }
    await tx.insert(groupMembers).values(toAdd.map((userId) => ({ groupId: group.id, orgId: c.orgId, userId }))).onConflictDoNothing();
  }
  if (toRemove.length) {
    await tx.delete(groupMembers).where(and(eq(groupMembers.groupId, group.id), inArray(groupMembers.userId, toRemove)));
    const apps = (await tx.select({ appId: appAccessGroups.appId }).from(appAccessGroups).where(eq(appAccessGroups.groupId, group.id))).map((r) => r.appId);
    await revokeLeavers(tx, c.orgId, toRemove, apps);
  }
  if (toAdd.length || toRemove.length) {
    await tx.update(orgGroups).set({ updatedAt: sql`now()` }).where(eq(orgGroups.id, group.id));
    await recordChange(tx, { orgId: c.orgId, code: 'group_members_changed', actor: c.actor, detail: `${await membersDetail(tx, group, toAdd, toRemove)}${c.note ? ` (${c.note})` : ''}`, ...c.client });
  }
  return { ok: true, group, added: toAdd, removed: toRemove };
}

/** The audit log's words: who joined and who left, by name and id (the detail reaches webhooks: no emails). */
async function membersDetail(tx: Transaction, group: Group, added: string[], removed: string[]): Promise<string> {
  const ids = [...added, ...removed];
  const people = new Map(
    (await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids))).map((u) => [u.id, `${u.name} (${u.id})`]),
  );
  const names = (list: string[]) => list.map((id) => people.get(id) ?? id).join(', ');
  return [`Group ${describe(group)}:`, added.length ? `added ${names(added)}` : null, removed.length ? `${added.length ? '; ' : ''}removed ${names(removed)}` : null]
    .filter(Boolean)
    .join(' ');
}
