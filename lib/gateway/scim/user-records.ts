import { and, asc, eq, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db/client';
import { memberships, scimUsers, users } from '@/db/schema';
import type { Filter } from './filter';
import type { Page } from './paging';
import type { UserRecord } from './user-document';

// Reading an org's SCIM users: only the org's own people — members it provisioned or claimed, and
// those it suspended. A person another path removed from the org is no longer one of them.

type Reader = Pick<Transaction, 'select'>;

const columns = {
  id: scimUsers.id,
  orgId: scimUsers.orgId,
  userId: scimUsers.userId,
  userName: scimUsers.userName,
  externalId: scimUsers.externalId,
  givenName: scimUsers.givenName,
  familyName: scimUsers.familyName,
  displayName: scimUsers.displayName,
  createdAccount: scimUsers.createdAccount,
  suspendedAt: scimUsers.suspendedAt,
  createdAt: scimUsers.createdAt,
  updatedAt: scimUsers.updatedAt,
  email: users.email,
  accountName: users.name,
};

function selectUsers(reader: Reader, orgId: string, where: SQL | undefined) {
  return reader
    .select(columns)
    .from(scimUsers)
    .innerJoin(users, and(eq(users.id, scimUsers.userId), isNull(users.deletedAt)))
    .leftJoin(memberships, and(eq(memberships.userId, scimUsers.userId), eq(memberships.orgId, scimUsers.orgId)))
    .where(and(eq(scimUsers.orgId, orgId), or(isNotNull(scimUsers.suspendedAt), isNotNull(memberships.userId)), where));
}

const record = (row: Omit<UserRecord, 'active'>): UserRecord => ({ ...row, active: row.suspendedAt === null });

/** One of the org's SCIM users by its SCIM id (locked for update inside a transaction when asked). */
export async function findScimUser(orgId: string, id: string, tx?: Transaction): Promise<UserRecord | null> {
  const query = selectUsers(tx ?? (await getDb()), orgId, eq(scimUsers.id, id));
  const [row] = tx ? await query.for('update', { of: scimUsers }) : await query;
  return row ? record(row) : null;
}

/** What each filter compares; the value is always a bound parameter. */
const FILTERS: Record<string, (value: string) => SQL> = {
  userName: (v) => sql`lower(${scimUsers.userName}) = ${v.toLowerCase()}`,
  externalId: (v) => sql`${scimUsers.externalId} = ${v}`,
  displayName: (v) => sql`lower(coalesce(${scimUsers.displayName}, ${users.name})) = lower(${v})`,
};

/** A page of the org's SCIM users matching the filter (userName case-insensitively, as RFC 7643 defines it), and how many match in all. */
export async function listScimUsers(orgId: string, filter: Filter | null, page: Page): Promise<{ records: UserRecord[]; total: number }> {
  const db = await getDb();
  const where = filter ? FILTERS[filter.attribute]!(filter.value) : undefined;
  const all = selectUsers(db, orgId, where).as('matching');
  const [{ total }] = (await db.select({ total: sql<number>`count(*)::int` }).from(all)) as [{ total: number }];
  const rows = page.count === 0 ? [] : await selectUsers(db, orgId, where).orderBy(asc(scimUsers.createdAt), asc(scimUsers.id)).limit(page.count).offset(page.startIndex - 1);
  return { records: rows.map(record), total };
}
