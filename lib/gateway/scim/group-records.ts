import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db/client';
import { groupMembers, memberships, orgGroups, scimUsers, users } from '@/db/schema';
import type { Filter } from './filter';
import type { Page } from './paging';
import { GROUP_SCHEMA } from './scim-values';

// Reading an org's SCIM groups: only groups whose source is `scim` (the console's and the OIDC
// sign-ins' groups are not the SCIM client's to see or change); members named by SCIM user id.

type Reader = Pick<Transaction, 'select'>;

type GroupMemberRef = { value: string; display: string };
export type GroupRecord = { id: string; displayName: string; externalId: string | null; createdAt: Date; updatedAt: Date; members: GroupMemberRef[] };

const columns = { id: orgGroups.id, displayName: orgGroups.displayName, externalId: orgGroups.externalId, createdAt: orgGroups.createdAt, updatedAt: orgGroups.updatedAt };
const scimSource = (orgId: string) => and(eq(orgGroups.orgId, orgId), eq(orgGroups.source, 'scim'));

async function membersOf(reader: Reader, groupIds: string[]): Promise<Map<string, GroupMemberRef[]>> {
  const byGroup = new Map<string, GroupMemberRef[]>(groupIds.map((id) => [id, []]));
  if (groupIds.length === 0) return byGroup;
  const rows = await reader
    .select({ groupId: groupMembers.groupId, value: scimUsers.id, display: users.name })
    .from(groupMembers)
    .innerJoin(scimUsers, and(eq(scimUsers.orgId, groupMembers.orgId), eq(scimUsers.userId, groupMembers.userId)))
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(inArray(groupMembers.groupId, groupIds))
    .orderBy(asc(users.name), asc(scimUsers.id));
  for (const r of rows) byGroup.get(r.groupId)?.push({ value: r.value, display: r.display });
  return byGroup;
}

/** One of the org's SCIM groups (locked for update inside a transaction), with its members. */
export async function findScimGroup(orgId: string, id: string, tx?: Transaction): Promise<GroupRecord | null> {
  const reader = tx ?? (await getDb());
  const query = reader.select(columns).from(orgGroups).where(and(scimSource(orgId), eq(orgGroups.id, id)));
  const [group] = tx ? await query.for('update') : await query;
  if (!group) return null;
  return { ...group, members: (await membersOf(reader, [group.id])).get(group.id)! };
}

/** Another of the org's SCIM groups with this display name (any case): SCIM clients match groups by it. */
export async function groupNameTaken(tx: Transaction, orgId: string, displayName: string, except: string | null): Promise<boolean> {
  const [row] = await tx
    .select({ id: orgGroups.id })
    .from(orgGroups)
    .where(and(scimSource(orgId), sql`lower(${orgGroups.displayName}) = lower(${displayName})`, except ? sql`${orgGroups.id} <> ${except}` : undefined))
    .limit(1);
  return Boolean(row);
}

/** The people behind SCIM user ids, where each is a member of the org now; null when one is not. */
export async function membersByScimId(tx: Transaction, orgId: string, scimIds: string[]): Promise<string[] | null> {
  if (scimIds.length === 0) return [];
  const rows = await tx
    .select({ id: scimUsers.id, userId: scimUsers.userId })
    .from(scimUsers)
    .innerJoin(memberships, and(eq(memberships.userId, scimUsers.userId), eq(memberships.orgId, scimUsers.orgId)))
    .where(and(eq(scimUsers.orgId, orgId), inArray(scimUsers.id, scimIds)));
  const byId = new Map(rows.map((r) => [r.id, r.userId]));
  return scimIds.every((id) => byId.has(id)) ? scimIds.map((id) => byId.get(id)!) : null;
}

const FILTERS: Record<string, (value: string) => SQL> = {
  displayName: (v) => sql`lower(${orgGroups.displayName}) = lower(${v})`,
  externalId: (v) => sql`${orgGroups.externalId} = ${v}`,
};

/** A page of the org's SCIM groups matching the filter, and how many match in all; members left out when the client asks. */
export async function listScimGroups(orgId: string, filter: Filter | null, page: Page, withMembers: boolean): Promise<{ records: GroupRecord[]; total: number }> {
  const db = await getDb();
  const where = and(scimSource(orgId), filter ? FILTERS[filter.attribute]!(filter.value) : undefined);
  const [{ total }] = (await db.select({ total: sql<number>`count(*)::int` }).from(orgGroups).where(where)) as [{ total: number }];
  const groups = page.count === 0 ? [] : await db.select(columns).from(orgGroups).where(where).orderBy(asc(orgGroups.createdAt), asc(orgGroups.id)).limit(page.count).offset(page.startIndex - 1);
  const members = withMembers ? await membersOf(db, groups.map((g) => g.id)) : new Map<string, GroupMemberRef[]>();
  return { records: groups.map((g) => ({ ...g, members: members.get(g.id) ?? [] })), total };
}

/** The resource a client reads (RFC 7643 §4.2); `base` is the org's SCIM base URL. */
export function groupDocument(g: GroupRecord, base: string, { withMembers = true } = {}) {
  return {
    schemas: [GROUP_SCHEMA],
    id: g.id,
    ...(g.externalId === null ? {} : { externalId: g.externalId }),
    displayName: g.displayName,
    ...(withMembers ? { members: g.members.map((m) => ({ value: m.value, display: m.display, $ref: `${base}/Users/${m.value}` })) } : {}),
    meta: { resourceType: 'Group', created: g.createdAt.toISOString(), lastModified: g.updatedAt.toISOString(), location: `${base}/Groups/${g.id}`, version: `W/"${g.updatedAt.getTime()}"` },
  };
}

export type GroupDocument = ReturnType<typeof groupDocument>;
