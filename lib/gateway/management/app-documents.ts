import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { getDb, preparedRows } from '@/db/client';
import { appAccessGroups, appAccessMembers, runs, users, workflows } from '@/db/schema';
import { isWellFormedAppId } from '../mint/app-id';
import type { AppCursor } from './app-cursor';
import { beyondCursor, createdUsColumn, keysetPage } from '../apps/app-keyset';
import type { AppDocument } from './app-document';

const columns = {
  id: runs.id,
  orgId: runs.orgId,
  workflowId: runs.workflowId,
  title: runs.title,
  access: runs.access,
  accessRule: runs.accessRule,
  artifactUrl: runs.artifactUrl,
  upstreamUrl: runs.upstreamUrl,
  createdAt: runs.createdAt,
  createdUs: createdUsColumn(),
};

type Row = { [K in keyof typeof columns]: K extends 'createdUs' ? string : (typeof runs.$inferSelect)[K extends keyof typeof runs.$inferSelect ? K : never] };

type Listed = { userId: string; email: string };

/** The listed members of each app, in one query. */
async function listedMembers(appIds: string[]): Promise<Map<string, Listed[]>> {
  const byApp = new Map<string, Listed[]>();
  if (appIds.length === 0) return byApp;
  const db = await getDb();
  const rows = await db
    .select({ appId: appAccessMembers.appId, userId: users.id, email: users.email })
    .from(appAccessMembers)
    .innerJoin(users, eq(users.id, appAccessMembers.userId))
    .where(inArray(appAccessMembers.appId, appIds))
    .orderBy(asc(sql`lower(${users.email})`));
  for (const { appId, ...m } of rows) byApp.set(appId, [...(byApp.get(appId) ?? []), m]);
  return byApp;
}

/** The listed groups of each app, in one query. */
async function listedGroups(appIds: string[]): Promise<Map<string, string[]>> {
  const byApp = new Map<string, string[]>();
  if (appIds.length === 0) return byApp;
  const db = await getDb();
  const rows = await db.select({ appId: appAccessGroups.appId, groupId: appAccessGroups.groupId }).from(appAccessGroups).where(inArray(appAccessGroups.appId, appIds)).orderBy(asc(appAccessGroups.groupId));
  for (const { appId, groupId } of rows) byApp.set(appId, [...(byApp.get(appId) ?? []), groupId]);
  return byApp;
}

function documentOf(r: Omit<Row, 'createdUs'>, listed: Listed[], groups: string[]): AppDocument {
  const proxied = r.upstreamUrl !== null;
  return {
    id: r.id,
    org_id: r.orgId,
    workflow_id: r.workflowId,
    title: r.title,
    artifact_url: proxied ? null : r.artifactUrl,
    upstream_url: r.upstreamUrl,
    access: { rule: r.accessRule, members: r.accessRule === 'members' ? listed.map((m) => m.email) : [], groups: r.accessRule === 'members' ? groups : [] },
    visibility: r.access,
    proxy_url: proxied ? r.artifactUrl : null,
    created_at: r.createdAt.toISOString(),
  };
}

/** The document of an app just registered with nobody and no group listed, from its inserted row: no read back. */
export const unlistedAppDocument = (row: Omit<Row, 'createdUs'>): AppDocument => documentOf(row, [], []);

async function documentsOf(rows: Row[]): Promise<AppDocument[]> {
  const ids = rows.map((r) => r.id);
  const [listed, groups] = await Promise.all([listedMembers(ids), listedGroups(ids)]);
  return rows.map((r) => documentOf(r, listed.get(r.id) ?? [], groups.get(r.id) ?? []));
}

/**
 * What an app's row and list hold, as one comparable string: updateOrgApp's `expected` compares the
 * row it locked with the state a PATCH was computed from, so no concurrent change is overwritten.
 */
export const appState = (r: Pick<Row, 'title' | 'workflowId' | 'access' | 'accessRule' | 'artifactUrl' | 'upstreamUrl'>, listedIds: readonly string[]) =>
  JSON.stringify([r.title, r.workflowId, r.access, r.accessRule, r.artifactUrl, r.upstreamUrl, [...listedIds].sort()]);

/** One live app of the org with its state (appState), or null (unknown, deleted, another org's). */
export async function findAppWithState(orgId: string, appId: string): Promise<{ app: AppDocument; state: string } | null> {
  if (!isWellFormedAppId(appId)) return null;
  const db = await getDb();
  const [row] = (await db.select(columns).from(runs).where(and(eq(runs.id, appId), eq(runs.orgId, orgId), isNull(runs.deletedAt)))) as Row[];
  if (!row) return null;
  const listed = (await listedMembers([row.id])).get(row.id) ?? [];
  const groups = (await listedGroups([row.id])).get(row.id) ?? [];
  return { app: documentOf(row, listed, groups), state: appState(row, [...listed.map((m) => m.userId), ...groups]) };
}

/** One live app of the org, or null (unknown, deleted, another org's). */
export async function findAppDocument(orgId: string, appId: string): Promise<AppDocument | null> {
  return (await findAppWithState(orgId, appId))?.app ?? null;
}

/** The org's live apps after `after`, oldest first by (creation, id); `next` is set when more may follow. */
export async function pageOfAppDocuments(orgId: string, after: AppCursor | null, limit: number): Promise<{ apps: AppDocument[]; next: AppCursor | null }> {
  const db = await getDb();
  const rows = (await db
    .select(columns)
    .from(runs)
    .where(
      and(
        eq(runs.orgId, orgId),
        isNull(runs.deletedAt),
        after ? beyondCursor(after, '>') : undefined,
      ),
    )
    .orderBy(asc(runs.createdAt), asc(runs.id))
    .limit(limit + 1)) as Row[];
  const { page, next } = keysetPage(rows, limit);
  return { apps: await documentsOf(page), next };
}

/** Who holds an id, if anyone ever did: live in this org, or taken (another org's, or deleted). */
type IdHolder = 'free' | 'taken' | { live: AppDocument };

/**
 * What a registration reads before it writes, in one prepared statement: who holds the id (IdHolder; a live
 * app of this org is then read whole, for the retry's comparison) and whether the workflow is one of the org's.
 */
export async function registrationState(orgId: string, appId: string, workflowId: string): Promise<{ holder: IdHolder; workflowInOrg: boolean }> {
  const [row] = await preparedRows<{ org_id: string | null; deleted: boolean | null; workflow_in_org: boolean }>(sql`
    select r.org_id, r.deleted_at is not null as deleted, exists (select 1 from ${workflows} where ${workflows.id} = ${workflowId} and ${workflows.orgId} = ${orgId}) as workflow_in_org
    from (values (1)) as one (x) left join ${runs} r on r.id = ${appId}`);
  const workflowInOrg = Boolean(row?.workflow_in_org);
  if (!row || row.org_id === null) return { holder: 'free', workflowInOrg };
  if (row.org_id !== orgId || row.deleted) return { holder: 'taken', workflowInOrg };
  const live = await findAppDocument(orgId, appId);
  return { holder: live ? { live } : 'taken', workflowInOrg };
}
