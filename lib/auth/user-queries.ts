import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { memberships, orgs, users, type User } from '@/db/schema';

export async function findUserByEmail(email: string): Promise<User | null> {
  const db = await getDb();
  const [u] = await db.select().from(users).where(and(sql`lower(${users.email}) = lower(${email})`, isNull(users.deletedAt)));
  return u ?? null;
}

export async function findUserById(id: string): Promise<User | null> {
  const db = await getDb();
  const [u] = await db.select().from(users).where(and(eq(users.id, id), isNull(users.deletedAt)));
  return u ?? null;
}

export type OrgMembership = { orgId: string; orgName: string; role: 'admin' | 'member' };

export async function listMemberships(userId: string): Promise<OrgMembership[]> {
  const db = await getDb();
  return db
    .select({ orgId: orgs.id, orgName: orgs.name, role: memberships.role })
    .from(memberships)
    .innerJoin(orgs, eq(orgs.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(orgs.id));
}

export async function rememberActiveOrg(userId: string, orgId: string): Promise<void> {
  const db = await getDb();
  await db.update(users).set({ lastActiveOrgId: orgId }).where(eq(users.id, userId));
}
