import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db/client';
import { appAccessGroups, groupMembers, orgGroups, type GroupSource } from '@/db/schema';
import type { Actor } from '../audit/actor';
import { recordChange } from '../audit/record-change';
import { refusal, validationFailed, type FieldError, type Refusal, type Result } from '../errors';
import { externalIdProblem, groupNameProblem, managerOf, mayManage } from './group-input';
import { isWellFormedGroupId, newGroupId } from './ids';
import { revokeLeavers } from './leavers';

// An org's groups (SPEC §18): created, renamed, deleted and listed, each only through its source.
// The org id always comes from the caller (an admin's session, a token's org, the CLI's argument).

export type Group = {
  id: string;
  orgId: string;
  displayName: string;
  externalId: string | null;
  source: GroupSource;
  createdAt: Date;
  updatedAt: Date;
};
export type GroupWithCount = Group & { memberCount: number };

/** Who changes a group: `via` is the channel the call came through (admins: `console`, also for the CLI and the API). */
export type GroupCall = {
  orgId: string;
  via: GroupSource;
  actor: Actor;
  client?: { ip: string | null; userAgent: string | null };
};

const columns = {
  id: orgGroups.id,
  orgId: orgGroups.orgId,
  displayName: orgGroups.displayName,
  externalId: orgGroups.externalId,
  source: orgGroups.source,
  createdAt: orgGroups.createdAt,
  updatedAt: orgGroups.updatedAt,
};

const unknownGroup = (): Refusal => refusal('not_found', 'No such group in this organization.');

/** The org's groups by name, each with its number of members. */
export async function listGroups(orgId: string): Promise<GroupWithCount[]> {
  const db = await getDb();
  return db
    .select({ ...columns, memberCount: sql<number>`(select ${count()} from ${groupMembers} where ${groupMembers.groupId} = ${orgGroups.id})`.mapWith(Number) })
    .from(orgGroups)
    .where(eq(orgGroups.orgId, orgId))
    .orderBy(asc(orgGroups.displayName), asc(orgGroups.id));
}

/** One group of the org (of any org for the CLI: null); null for an unknown id or another org's group. */
export async function findGroup(orgId: string | null, groupId: string): Promise<Group | null> {
  if (!isWellFormedGroupId(groupId)) return null;
  const db = await getDb();
  const [group] = await db.select(columns).from(orgGroups).where(and(eq(orgGroups.id, groupId), orgId === null ? undefined : eq(orgGroups.orgId, orgId)));
  return group ?? null;
}

/** Which of these ids are groups of the org (a rule may list only its own org's groups). */
export async function orgGroupIds(orgId: string, ids: readonly string[]): Promise<Set<string>> {
  const wellFormed = ids.filter(isWellFormedGroupId);
  if (wellFormed.length === 0) return new Set();
  const db = await getDb();
  const rows = await db.select({ id: orgGroups.id }).from(orgGroups).where(and(eq(orgGroups.orgId, orgId), inArray(orgGroups.id, wellFormed)));
  return new Set(rows.map((r) => r.id));
}

/** The group locked for a change by `via`, or why not: unknown (404), or managed by another source (409). */
export async function lockGroup(tx: Transaction, c: GroupCall, groupId: string, what: 'definition' | 'members'): Promise<Result<{ group: Group }>> {
  if (!isWellFormedGroupId(groupId)) return unknownGroup();
  const [group] = await tx.select(columns).from(orgGroups).where(and(eq(orgGroups.id, groupId), eq(orgGroups.orgId, c.orgId))).for('update');
  if (!group) return unknownGroup();
  if (!mayManage(c.via, group.source, what)) {
    return refusal('conflict', `This group’s ${what === 'members' ? 'members are' : 'name is'} managed by ${managerOf(group.source, what)} only.`, { extra: { source: group.source } });
  }
  return { ok: true, group };
}

export type NewGroup = GroupCall & {
  displayName: string;
  externalId?: string | null;
  /** The group's source; by default `via`. Admins create `console` groups, and `oidc` groups (with an external id) for sign-ins to fill. */
  source?: GroupSource;
};

function inputProblems(displayName: string | undefined, externalId: string | null | undefined): FieldError[] {
  const errors: FieldError[] = [];
  const name = displayName === undefined ? null : groupNameProblem(displayName);
  if (name) errors.push({ pointer: '#/display_name', detail: name });
  const ext = externalId == null ? null : externalIdProblem(externalId);
  if (ext) errors.push({ pointer: '#/external_id', detail: ext });
  return errors;
}

const externalIdTaken = (): Refusal => refusal('conflict', 'Another group of this organization and source has this external id.');

export async function createGroup(c: NewGroup): Promise<Result<{ group: Group }>> {
  const db = await getDb();
  return db.transaction((tx) => createGroupIn(tx, c));
}

/** createGroup inside the caller's transaction (a SCIM request made of several changes: roll back on a refusal). */
export async function createGroupIn(tx: Transaction, c: NewGroup): Promise<Result<{ group: Group }>> {
  const source = c.source ?? c.via;
  const errors = inputProblems(c.displayName, c.externalId);
  if (source === 'oidc' && !c.externalId) errors.push({ pointer: '#/external_id', detail: 'An oidc group needs the external id its members’ groups claim carries.' });
  if (errors.length) return validationFailed(errors);
  if (!mayManage(c.via, source, 'definition')) return refusal('conflict', `A ${source} group is created by ${managerOf(source, 'definition')} only.`, { extra: { source } });
  const [group] = await tx
    .insert(orgGroups)
    .values({ id: newGroupId(), orgId: c.orgId, displayName: c.displayName.trim(), externalId: c.externalId ?? null, source })
    .onConflictDoNothing()
    .returning(columns);
  if (!group) return externalIdTaken();
  await recordChange(tx, { orgId: c.orgId, code: 'group_created', actor: c.actor, detail: `Group ${describe(group)} created (${source})`, ...c.client });
  return { ok: true, group };
}

export type GroupUpdate = GroupCall & {
  groupId: string;
  displayName?: string;
  /** undefined: unchanged; null: removed. */
  externalId?: string | null;
};

/** Renames a group (and, for SCIM, sets its external id). */
export async function updateGroup(c: GroupUpdate): Promise<Result<{ group: Group; changed: boolean }>> {
  const db = await getDb();
  return db.transaction((tx) => updateGroupIn(tx, c));
}

export async function updateGroupIn(tx: Transaction, c: GroupUpdate): Promise<Result<{ group: Group; changed: boolean }>> {
  const locked = await lockGroup(tx, c, c.groupId, 'definition');
  if (!locked.ok) return locked;
  const before = locked.group;
  const errors = inputProblems(c.displayName, c.externalId);
  if (before.source === 'oidc' && c.externalId === null) errors.push({ pointer: '#/external_id', detail: 'An oidc group needs an external id.' });
  if (errors.length) return validationFailed(errors);
  const displayName = c.displayName === undefined ? before.displayName : c.displayName.trim();
  const externalId = c.externalId === undefined ? before.externalId : c.externalId;
  if (displayName === before.displayName && externalId === before.externalId) return { ok: true, group: before, changed: false };
  if (externalId !== null && externalId !== before.externalId) {
    const [taken] = await tx
      .select({ id: orgGroups.id })
      .from(orgGroups)
      .where(and(eq(orgGroups.orgId, c.orgId), eq(orgGroups.source, before.source), eq(orgGroups.externalId, externalId)));
    if (taken) return externalIdTaken();
  }
  const [group] = await tx.update(orgGroups).set({ displayName, externalId, updatedAt: sql`now()` }).where(eq(orgGroups.id, before.id)).returning(columns);
  const what = [
    displayName !== before.displayName ? `renamed ${JSON.stringify(before.displayName)} → ${JSON.stringify(displayName)}` : null,
    externalId !== before.externalId ? `external id ${externalId === null ? 'removed' : `set to ${JSON.stringify(externalId)}`}` : null,
  ].filter(Boolean);
  await recordChange(tx, { orgId: c.orgId, code: 'group_updated', actor: c.actor, detail: `Group ${before.id}: ${what.join(', ')}`, ...c.client });
  return { ok: true, group: group!, changed: true };
}

/**
 * Deletes a group: it leaves every app's rule, and its members lose the apps it opened to them
 * (feed entries, unless the app still admits them another way).
 */
export async function deleteGroup(c: GroupCall & { groupId: string }): Promise<Result<{ deleted: Group }>> {
  const db = await getDb();
  return db.transaction((tx) => deleteGroupIn(tx, c));
}

export async function deleteGroupIn(tx: Transaction, c: GroupCall & { groupId: string }): Promise<Result<{ deleted: Group }>> {
  const locked = await lockGroup(tx, c, c.groupId, 'definition');
  if (!locked.ok) return locked;
  const { group } = locked;
  const members = (await tx.select({ userId: groupMembers.userId }).from(groupMembers).where(eq(groupMembers.groupId, group.id))).map((r) => r.userId);
  const apps = (await tx.select({ appId: appAccessGroups.appId }).from(appAccessGroups).where(eq(appAccessGroups.groupId, group.id))).map((r) => r.appId);
  await tx.delete(orgGroups).where(eq(orgGroups.id, group.id));
  await revokeLeavers(tx, c.orgId, members, apps);
  await recordChange(tx, {
    orgId: c.orgId,
    code: 'group_deleted',
    actor: c.actor,
    detail: `Group ${describe(group)} deleted (${members.length} member${members.length === 1 ? '' : 's'}, listed by ${apps.length} app${apps.length === 1 ? '' : 's'})`,
    ...c.client,
  });
  return { ok: true, deleted: group };
}

/** A group as the audit log names it. */
export const describe = (g: Pick<Group, 'id' | 'displayName'>) => `${JSON.stringify(g.displayName)} (${g.id})`;
