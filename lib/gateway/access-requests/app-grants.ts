import { and, asc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { appGrants, memberships, runs, users } from '@/db/schema';
import { isWellFormedAppId } from '../mint/app-id';

/** A live grant as the app page and the API list it. */
export type GrantRow = {
  id: string;
  appId: string;
  userId: string;
  name: string;
  email: string;
  /** A member of the org opens it with their role; anyone else as a guest. */
  member: boolean;
  createdAt: Date;
  endsAt: Date | null;
};

/** The live grants of an org's app, oldest first; null when the app is not the org's live app. */
export async function listGrants(orgId: string, appId: string): Promise<GrantRow[] | null> {
  if (!isWellFormedAppId(appId)) return null;
  const db = await getDb();
  const [app] = await db.select({ id: runs.id }).from(runs).where(and(eq(runs.id, appId), eq(runs.orgId, orgId), isNull(runs.deletedAt)));
  if (!app) return null;
  return db
    .select({
      id: appGrants.id,
      appId: appGrants.appId,
      userId: appGrants.userId,
      name: users.name,
      email: users.email,
      member: sql<boolean>`${memberships.userId} is not null`,
      createdAt: appGrants.createdAt,
      endsAt: appGrants.endsAt,
    })
    .from(appGrants)
    .innerJoin(users, and(eq(users.id, appGrants.userId), isNull(users.deletedAt)))
    .leftJoin(memberships, and(eq(memberships.userId, appGrants.userId), eq(memberships.orgId, appGrants.orgId)))
    .where(and(eq(appGrants.appId, appId), isNull(appGrants.endedAt), or(isNull(appGrants.endsAt), gt(appGrants.endsAt, sql`now()`))))
    .orderBy(asc(appGrants.createdAt), asc(appGrants.id));
}
