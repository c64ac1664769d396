import { and, asc, eq, isNull } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { memberships, orgs, runs, workflows } from '@/db/schema';
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
};

/** Apps the user can open: every live run of their orgs whose access rule lets them in, grouped by org. */
export async function listAppsForUser(userId: string): Promise<ViewerApp[]> {
  const db = await getDb();
  return db
    .select(columns)
    .from(runs)
    .innerJoin(memberships, and(eq(memberships.orgId, runs.orgId), eq(memberships.userId, userId)))
    .innerJoin(orgs, eq(orgs.id, runs.orgId))
    .innerJoin(workflows, eq(workflows.id, runs.workflowId))
    .where(and(isNull(runs.deletedAt), ruleAdmits(userId)))
    .orderBy(asc(orgs.name), asc(runs.title), asc(runs.id));
}

/** One app for a viewer; null alike for unknown, deleted, another org's, or closed to them by its rule (nothing to probe). */
export async function findAppForViewer(appId: string, userId: string): Promise<ViewerApp | null> {
  if (!isWellFormedAppId(appId)) return null;
  const db = await getDb();
  const [app] = await db
    .select(columns)
    .from(runs)
    .innerJoin(memberships, and(eq(memberships.orgId, runs.orgId), eq(memberships.userId, userId)))
    .innerJoin(orgs, eq(orgs.id, runs.orgId))
    .innerJoin(workflows, eq(workflows.id, runs.workflowId))
    .where(and(eq(runs.id, appId), isNull(runs.deletedAt), ruleAdmits(userId)))
    .limit(1);
  return app ?? null;
}
