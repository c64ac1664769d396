import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { appGrants, memberships, orgs, runs, workflows } from '@/db/schema';
import { ruleAdmits } from '../access/rule-sql';
import { isWellFormedAppId } from '../mint/app-id';

/** An app (a run's artifact) as a member of its org sees it. */
export type ViewerApp = {
  id: string;
  title: string;
  orgId: string;
  orgName: string;
  workflowId: string;
  workflowName: string;
  access: 'login_required' | 'public';
  /** Null while the artifact is still being built. */
  artifactUrl: string | null;
  /** Not a member of the app's org: opened as a guest, by an app grant (SPEC §16). */
  guest: boolean;
};

const columns = {
  id: runs.id,
  title: runs.title,
  orgId: runs.orgId,
  orgName: orgs.name,
  workflowId: runs.workflowId,
  workflowName: workflows.name,
  access: runs.access,
  artifactUrl: runs.artifactUrl,
  guest: sql<boolean>`${memberships.userId} is null`,
};

/** The user's live app grant for the row's app (SPEC §16): it admits them whatever the rule says. */
const granted = (userId: string) => sql`exists (select 1 from app_grants g where g.app_id = ${runs.id} and g.user_id = ${userId}
  and g.ended_at is null and (g.ends_at is null or g.ends_at > now()))`;

/** A member the rule admits, or anyone with a live grant. */
const opens = (userId: string) => or(and(sql`${memberships.userId} is not null`, ruleAdmits(userId)), granted(userId));

/** How many apps a viewer's lists show at most: a page's memory and time do not grow with an org's apps. */
export const VIEWER_APPS_SHOWN = 500;

/**
 * Apps the user can open: every live run of their orgs whose access rule lets them in, and apps granted
 * to them, by org name, title and id; the first `limit`, and whether there are more.
 */
export async function listAppsForUser(userId: string, limit = VIEWER_APPS_SHOWN): Promise<{ apps: ViewerApp[]; more: boolean }> {
  const db = await getDb();
  // Two reads, each by its own index (the user's orgs; the user's live grants), rather than one that
  // would weigh every app of the gateway against an OR.
  const [ofOrgs, ofGrants] = await Promise.all([
    db
      .select(columns)
      .from(runs)
      .innerJoin(memberships, and(eq(memberships.orgId, runs.orgId), eq(memberships.userId, userId)))
      .innerJoin(orgs, eq(orgs.id, runs.orgId))
      .innerJoin(workflows, eq(workflows.id, runs.workflowId))
      .where(and(isNull(runs.deletedAt), opens(userId)))
      .orderBy(asc(orgs.name), asc(runs.title), asc(runs.id))
      .limit(limit + 1),
    db
      .select(columns)
      .from(appGrants)
      .innerJoin(runs, eq(runs.id, appGrants.appId))
      .leftJoin(memberships, and(eq(memberships.orgId, runs.orgId), eq(memberships.userId, userId)))
      .innerJoin(orgs, eq(orgs.id, runs.orgId))
      .innerJoin(workflows, eq(workflows.id, runs.workflowId))
      .where(and(eq(appGrants.userId, userId), isNull(appGrants.endedAt), or(isNull(appGrants.endsAt), sql`${appGrants.endsAt} > now()`), isNull(runs.deletedAt)))
      .orderBy(asc(orgs.name), asc(runs.title), asc(runs.id))
      .limit(limit + 1),
  ]);
  const more = ofOrgs.length > limit || ofGrants.length > limit;
  if (ofGrants.length === 0) return { apps: ofOrgs.slice(0, limit), more };
  const byId = new Map([...ofOrgs, ...ofGrants].map((a) => [a.id, a]));
  const merged = [...byId.values()].sort((a, b) => cmp(a.orgName, b.orgName) || cmp(a.title, b.title) || cmp(a.id, b.id));
  return { apps: merged.slice(0, limit), more: more || merged.length > limit };
}

/** Org name, title, id: the database's order, for two lists merged. */
const cmp = (a: string, b: string) => a.localeCompare(b);

/** One app for a viewer; null alike for unknown, deleted, another org's without a grant, or closed to them by its rule (nothing to probe). */
export async function findAppForViewer(appId: string, userId: string): Promise<ViewerApp | null> {
  if (!isWellFormedAppId(appId)) return null;
  const db = await getDb();
  const [app] = await db
    .select(columns)
    .from(runs)
    .leftJoin(memberships, and(eq(memberships.orgId, runs.orgId), eq(memberships.userId, userId)))
    .innerJoin(orgs, eq(orgs.id, runs.orgId))
    .innerJoin(workflows, eq(workflows.id, runs.workflowId))
    .where(and(eq(runs.id, appId), isNull(runs.deletedAt), opens(userId)))
    .limit(1);
  return app ?? null;
}
