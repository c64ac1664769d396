import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { recordRevocations } from '@/lib/gateway/revocations/record';
import { getDb, type Transaction } from '@/db/client';
import { appAccessGroups, appAccessMembers, groupMembers, memberships, orgGroups, runs, users, type AccessRule, type GroupSource } from '@/db/schema';
import type { Actor } from '../audit/actor';
import { recordChange } from '../audit/record-change';
import { isWellFormedAppId } from '../mint/app-id';
import { ruleChangeDetail } from './rule-words';

// Who can open an app (SPEC §12). The org id always comes from the caller: an admin's session, or
// for the CLI the app's own org.

type ListedMember = { userId: string; name: string; email: string };
type ListedGroup = { groupId: string; displayName: string; source: GroupSource };
export type AppAccess = { appId: string; orgId: string; title: string; rule: AccessRule; listed: ListedMember[]; groups: ListedGroup[] };

/** The groups an app's rule lists, by name. */
async function listedGroups(exec: Pick<Transaction, 'select'>, appId: string): Promise<ListedGroup[]> {
  return exec
    .select({ groupId: orgGroups.id, displayName: orgGroups.displayName, source: orgGroups.source })
    .from(appAccessGroups)
    .innerJoin(orgGroups, eq(orgGroups.id, appAccessGroups.groupId))
    .where(eq(appAccessGroups.appId, appId))
    .orderBy(asc(orgGroups.displayName), asc(orgGroups.id));
}

/** The app's rule and listed members; null for an unknown, deleted, or (with orgId) another org's app. */
export async function findAppAccess(appId: string, orgId: string | null): Promise<AppAccess | null> {
  if (!isWellFormedAppId(appId)) return null;
  const db = await getDb();
  const [app] = await db
    .select({ appId: runs.id, orgId: runs.orgId, title: runs.title, rule: runs.accessRule })
    .from(runs)
    .where(and(eq(runs.id, appId), isNull(runs.deletedAt), orgId ? eq(runs.orgId, orgId) : undefined));
  if (!app) return null;
  const listed = await db
    .select({ userId: users.id, name: users.name, email: users.email })
    .from(appAccessMembers)
    .innerJoin(users, eq(users.id, appAccessMembers.userId))
    .where(eq(appAccessMembers.appId, appId))
    .orderBy(asc(users.name), asc(users.id));
  return { ...app, listed, groups: await listedGroups(db, appId) };
}

export type RuleChange = {
  orgId: string;
  appId: string;
  rule: AccessRule;
  /** User ids to list; only with rule `members`, each a member of the org. */
  memberIds: string[];
  /** Group ids to list (SPEC §18); only with rule `members`, each a group of the org. */
  groupIds?: string[];
  /** Who changes it, for the audit log: an admin (console or API), a service account, or the operator (CLI). */
  actor: Actor;
  /** Where the change came from, for the audit log (management API calls). */
  client?: { ip: string | null; userAgent: string | null };
};

export type RuleChangeResult =
  | { ok: true; changed: boolean; access: AppAccess; dropped: ListedMember[] }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'not_members'; ids: string[] }
  | { ok: false; reason: 'not_groups'; ids: string[] }
  | { ok: false; reason: 'empty_list' };

/**
 * Sets who can open an app, and audits it (result `changed`, code `access_rule_changed`). Returns
 * the members the change shuts out — could open before, cannot now — so their live tokens can be
 * revoked. The app row, the org's memberships and the listed groups are locked meanwhile: nobody
 * joins, leaves or changes role halfway through the comparison, a member removed at that moment
 * cannot be listed, nor a group deleted at that moment.
 */
export async function setAppAccessRule(c: RuleChange): Promise<RuleChangeResult> {
  if (c.rule === 'members' && c.memberIds.length === 0 && !c.groupIds?.length) return { ok: false, reason: 'empty_list' };
  const db = await getDb();
  return db.transaction((tx) => applyAccessRule(tx, c));
}

/** setAppAccessRule inside the caller's transaction (an app saved through the management API: one transaction for all of it). */
export async function applyAccessRule(tx: Transaction, c: RuleChange): Promise<RuleChangeResult> {
  const ids = c.rule === 'members' ? [...new Set(c.memberIds)] : [];
  const groupIds = c.rule === 'members' ? [...new Set(c.groupIds ?? [])] : [];
  if (c.rule === 'members' && ids.length === 0 && groupIds.length === 0) return { ok: false, reason: 'empty_list' };
  const [app] = await tx
    .select({ title: runs.title, rule: runs.accessRule, workflowId: runs.workflowId })
    .from(runs)
    .where(and(eq(runs.id, c.appId), eq(runs.orgId, c.orgId), isNull(runs.deletedAt)))
    .for('update');
  if (!app) return { ok: false, reason: 'not_found' } as const;
  const members = await tx
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, c.orgId), isNull(users.deletedAt)))
    .orderBy(asc(users.name), asc(users.id))
    .for('share', { of: memberships });
  const byId = new Map(members.map((m) => [m.userId, m]));
  const strangers = ids.filter((id) => !byId.has(id));
  if (strangers.length) return { ok: false, reason: 'not_members', ids: strangers } as const;

  const beforeGroups = await listedGroups(tx, c.appId);
  const wantedGroups = groupIds.length
    ? await tx
        .select({ groupId: orgGroups.id, displayName: orgGroups.displayName, source: orgGroups.source })
        .from(orgGroups)
        .where(and(eq(orgGroups.orgId, c.orgId), inArray(orgGroups.id, groupIds)))
        .orderBy(asc(orgGroups.displayName), asc(orgGroups.id))
        .for('share')
    : [];
  const foreign = groupIds.filter((id) => !wantedGroups.some((g) => g.groupId === id));
  if (foreign.length) return { ok: false, reason: 'not_groups', ids: foreign } as const;
  // Who is in the groups listed before or after: the comparison admits them by group.
  const groupsOf = new Map<string, Set<string>>();
  const involved = [...new Set([...beforeGroups.map((g) => g.groupId), ...groupIds])];
  if (involved.length) {
    for (const r of await tx.select({ userId: groupMembers.userId, groupId: groupMembers.groupId }).from(groupMembers).where(inArray(groupMembers.groupId, involved))) {
      groupsOf.set(r.userId, (groupsOf.get(r.userId) ?? new Set()).add(r.groupId));
    }
  }

  const before = new Set(
    (await tx.select({ userId: appAccessMembers.userId }).from(appAccessMembers).where(eq(appAccessMembers.appId, c.appId))).map((r) => r.userId),
  );
  const after = new Set(ids);
  const [gBefore, gAfter] = [new Set(beforeGroups.map((g) => g.groupId)), new Set(groupIds)];
  const admits = (rule: AccessRule, listed: Set<string>, groups: Set<string>, m: (typeof members)[number]) =>
    rule === 'everyone' || m.role === 'admin' || (rule === 'members' && (listed.has(m.userId) || [...(groupsOf.get(m.userId) ?? [])].some((g) => groups.has(g))));
  const names = (set: Set<string>) => members.filter((m) => set.has(m.userId)).map((m) => m.name);
  const groupNames = (list: ListedGroup[]) => list.map((g) => `group ${g.displayName}`);
  const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && [...b].every((id) => a.has(id));
  const changed = app.rule !== c.rule || !sameSet(before, after) || !sameSet(gBefore, gAfter);
  const dropped = members
    .filter((m) => admits(app.rule, before, gBefore, m) && !admits(c.rule, after, gAfter, m))
    .map(({ userId, name, email }) => ({ userId, name, email }));
  if (changed) {
    await tx.update(runs).set({ accessRule: c.rule }).where(eq(runs.id, c.appId));
    // Whoever the change shuts out loses their live tokens for this app too (the feed's sub + aud).
    await recordRevocations(tx, dropped.map((m) => ({ sub: m.userId, aud: c.appId })));
    await tx.delete(appAccessMembers).where(eq(appAccessMembers.appId, c.appId));
    if (ids.length) await tx.insert(appAccessMembers).values(ids.map((userId) => ({ appId: c.appId, orgId: c.orgId, userId })));
    await tx.delete(appAccessGroups).where(eq(appAccessGroups.appId, c.appId));
    if (groupIds.length) await tx.insert(appAccessGroups).values(groupIds.map((groupId) => ({ appId: c.appId, orgId: c.orgId, groupId })));
    await recordChange(tx, {
      orgId: c.orgId,
      code: 'access_rule_changed',
      actor: c.actor,
      appId: c.appId,
      workflowId: app.workflowId,
      detail: ruleChangeDetail(
        { rule: app.rule, listed: [...names(before), ...groupNames(beforeGroups)] },
        { rule: c.rule, listed: [...names(after), ...groupNames(wantedGroups)] },
      ),
      ...c.client,
    });
  }
  const listed = members.filter((m) => after.has(m.userId)).map(({ userId, name, email }) => ({ userId, name, email }));
  return { ok: true, changed, dropped, access: { appId: c.appId, orgId: c.orgId, title: app.title, rule: c.rule, listed, groups: wantedGroups } } as const;
}

/** User ids of the org's members with these emails (any letter case); `unknown` lists the emails that name no member. */
export async function orgMembersByEmail(orgId: string, emails: string[]): Promise<{ ids: string[]; unknown: string[] }> {
  if (emails.length === 0) return { ids: [], unknown: [] };
  const db = await getDb();
  const lower = [...new Set(emails.map((e) => e.trim().toLowerCase()))];
  const rows = await db
    .select({ id: users.id, email: sql<string>`lower(${users.email})` })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), isNull(users.deletedAt), inArray(sql`lower(${users.email})`, lower)));
  const found = new Map(rows.map((r) => [r.email, r.id]));
  return { ids: [...found.values()], unknown: lower.filter((e) => !found.has(e)) };
}
