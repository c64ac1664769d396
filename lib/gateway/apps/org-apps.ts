import { and, asc, count, desc, eq, inArray, isNull, max, ne, sql } from 'drizzle-orm';
import { getDb, preparedRows, type Transaction } from '@/db/client';
import { allOrNothing, oneStatement } from '@/db/all-or-nothing';
import { appAccessGroups, appAccessMembers, auditEvents, runs, workflows, type AccessRule } from '@/db/schema';
import { env } from '@/lib/platform/config/env';
import { applyAccessRule } from '../access/app-access';
import { OPERATOR, type Actor } from '../audit/actor';
import { changeRecordedWith, recordChange } from '../audit/record-change';
import { endAppAccess, endPublicGuests } from './end-app-access';
import { appChangeDetail } from './app-change-detail';
import { appOriginUrl, originOf } from './per-app-origin';
import type { AppHosting, AppInput } from './app-input';
import { isWellFormedAppId } from '../mint/app-id';
import type { AppCursor } from '../management/app-cursor';
import { beyondCursor, createdUsColumn, keysetPage } from './app-keyset';
import { newAppId } from './new-app-id';
import { upstreamNotAllowedMessage, upstreamRegistrable } from './upstream-allowlist';

// An org's apps, for the console, the CLI and the management API. Every function takes the org id
// from the caller (the admin's session, the token's org); an app of another org is simply not found.
// Every write is one transaction with its audit row, naming its actor.

export type OrgApp = {
  id: string;
  title: string;
  workflowId: string;
  workflowName: string;
  access: 'login_required' | 'public';
  /** Who can open it (SPEC §12), and how many members its list names. */
  accessRule: AccessRule;
  listedCount: number;
  artifactUrl: string | null;
  /** Set for apps served by the artifact proxy; the console shows it to the org's admins only. */
  upstreamUrl: string | null;
  createdAt: Date;
  lastMintAt: Date | null;
};

export type OrgWorkflow = { id: string; name: string };

const columns = {
  id: runs.id,
  title: runs.title,
  workflowId: runs.workflowId,
  workflowName: workflows.name,
  access: runs.access,
  accessRule: runs.accessRule,
  artifactUrl: runs.artifactUrl,
  upstreamUrl: runs.upstreamUrl,
  createdAt: runs.createdAt,
};

/** How many apps a page of the console's list shows: its memory and time do not grow with the org. */
const ORG_APPS_PAGE = 100;

/**
 * One page of the org's live apps, newest first (then by id), each with the time of its last successful
 * mint; `older` is where the next page starts, null on the last. Keyset paging by (created, id): a page
 * neither skips nor repeats an app whatever is added or deleted meanwhile.
 */
export async function pageOfOrgApps(orgId: string, before: AppCursor | null, limit = ORG_APPS_PAGE): Promise<{ apps: OrgApp[]; older: AppCursor | null }> {
  const db = await getDb();
  const rows = await db
    .select({ ...columns, createdUs: createdUsColumn() })
    .from(runs)
    .innerJoin(workflows, eq(workflows.id, runs.workflowId))
    .where(
      and(
        eq(runs.orgId, orgId),
        isNull(runs.deletedAt),
        before ? beyondCursor(before, '<') : undefined,
      ),
    )
    .orderBy(desc(runs.createdAt), desc(runs.id))
    .limit(limit + 1);
  const { page, next: older } = keysetPage(rows, limit);
  if (page.length === 0) return { apps: [], older };
  const ids = page.map((r) => r.id);
  // Only the page's apps: the org's whole audit log is not aggregated for one page.
  const [mints, listed] = await Promise.all([
    db
      .select({ appId: auditEvents.appId, at: max(auditEvents.at) })
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.result, 'minted'), inArray(auditEvents.appId, ids)))
      .groupBy(auditEvents.appId),
    db
      .select({ appId: appAccessMembers.appId, n: count() })
      .from(appAccessMembers)
      .where(and(eq(appAccessMembers.orgId, orgId), inArray(appAccessMembers.appId, ids)))
      .groupBy(appAccessMembers.appId),
  ]);
  const lastMint = new Map(mints.map((m) => [m.appId, m.at]));
  const listedCount = new Map(listed.map((l) => [l.appId, Number(l.n)]));
  const apps = page.map(({ createdUs: _createdUs, ...r }) => {
    const at = lastMint.get(r.id);
    return { ...r, listedCount: listedCount.get(r.id) ?? 0, lastMintAt: at ? new Date(at) : null };
  });
  return { apps, older };
}

/** Every live app of the org, newest first, page by page (the CLI's list). */
export async function listOrgApps(orgId: string): Promise<OrgApp[]> {
  const apps: OrgApp[] = [];
  let before: AppCursor | null = null;
  do {
    const page = await pageOfOrgApps(orgId, before);
    apps.push(...page.apps);
    before = page.older;
  } while (before);
  return apps;
}

/** One live app of the org, or null (unknown, deleted, or another org's). */
export async function findOrgApp(orgId: string, appId: string): Promise<Omit<OrgApp, 'lastMintAt' | 'listedCount'> | null> {
  if (!isWellFormedAppId(appId)) return null;
  const db = await getDb();
  const [app] = await db
    .select(columns)
    .from(runs)
    .innerJoin(workflows, eq(workflows.id, runs.workflowId))
    .where(and(eq(runs.id, appId), eq(runs.orgId, orgId), isNull(runs.deletedAt)));
  return app ?? null;
}

export async function listOrgWorkflows(orgId: string): Promise<OrgWorkflow[]> {
  const db = await getDb();
  return db.select({ id: workflows.id, name: workflows.name }).from(workflows).where(eq(workflows.orgId, orgId)).orderBy(asc(workflows.name));
}

export async function isOrgWorkflow(orgId: string, workflowId: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db.select({ id: workflows.id }).from(workflows).where(and(eq(workflows.id, workflowId), eq(workflows.orgId, orgId)));
  return Boolean(row);
}

/** The stored row of an app createOrgApp registered, as its insert returned it. */
export type RegisteredRow = Pick<typeof runs.$inferSelect, 'id' | 'orgId' | 'workflowId' | 'title' | 'access' | 'accessRule' | 'artifactUrl' | 'upstreamUrl' | 'createdAt'>;

export type AppWriteResult =
  | { ok: true; id: string; registered?: RegisteredRow }
  | { ok: false; reason: 'workflow_not_in_org' | 'not_found' | 'origin_taken'; origin?: string }
  | { ok: false; reason: 'upstream_not_allowed'; message: string }
  /** createOrgApp with a given id: an app (of any org, live or deleted) already has it. */
  | { ok: false; reason: 'id_exists' }
  /** updateOrgApp with `expected`: the app changed since the caller read it. */
  | { ok: false; reason: 'changed_meanwhile' }
  /** A listed member is not (or no longer) a member of the org. */
  | { ok: false; reason: 'not_members' | 'not_groups'; ids: string[] };

/** Who can open the app (SPEC §12): the rule, and the members listed for rule `members`. */
/** Who can open an app: the rule, and with `members` the listed people and groups (SPEC §18). */
export type AppAccessSetting = { rule: AccessRule; memberIds: string[]; groupIds?: string[] };

export type AppWriteOptions = {
  /** Who makes the change, for the audit log; the operator (CLI) when not given. */
  actor?: Actor;
  /** Where the change came from (management API calls). */
  client?: { ip: string | null; userAgent: string | null };
};

/** An upstream the operator has not allowed this org (ARTIFACT_PROXY_UPSTREAMS): every writer of an app checks here. */
function upstreamRefusal(orgId: string, input: AppInput): AppWriteResult | null {
  if (input.hosting !== 'proxy' || input.upstreamUrl === null) return null;
  const url = new URL(input.upstreamUrl);
  if (upstreamRegistrable(env().ARTIFACT_PROXY_UPSTREAMS, orgId, url)) return null;
  return { ok: false, reason: 'upstream_not_allowed', message: upstreamNotAllowedMessage(orgId, url) };
}

/** Why the org may not save this app's upstream (ARTIFACT_PROXY_UPSTREAMS), or null. */
export function upstreamProblem(orgId: string, input: AppInput): string | null {
  const refused = upstreamRefusal(orgId, input);
  return refused && 'message' in refused ? refused.message : null;
}

/** The stored columns of an app's hosting: a proxied app's artifact URL is its own proxy origin. */
function hostingColumns(appId: string, input: AppInput) {
  const { hosting, upstreamUrl, ...rest } = input;
  const artifactUrl = hosting === 'proxy' ? (upstreamUrl === null ? null : appOriginUrl(env().ARTIFACT_PROXY_DOMAIN, appId)) : input.artifactUrl;
  return { ...rest, artifactUrl, upstreamUrl: hosting === 'proxy' ? upstreamUrl : null, artifactOrigin: artifactUrl === null ? null : originOf(artifactUrl) };
}

export const hostingOf = (app: { upstreamUrl: string | null }): AppHosting => (app.upstreamUrl === null ? 'artifact_url' : 'proxy');

/** Another live app already on this origin (any org): artifacts on one origin can read each other's tokens. */
async function originTaken(tx: Transaction, origin: string | null, exceptAppId: string): Promise<boolean> {
  if (origin === null) return false;
  const [row] = await tx
    .select({ id: runs.id })
    .from(runs)
    .where(and(eq(runs.artifactOrigin, origin), isNull(runs.deletedAt), ne(runs.id, exceptAppId)))
    .limit(1);
  return Boolean(row);
}

/**
 * What a constraint met by a racing save means. The unique index on the origin is the backstop for
 * two saves racing past the check; the composite key of app_access_members, for a member removed
 * while being listed.
 */
const constraintMet =
  (values: ReturnType<typeof hostingColumns>) =>
  (state: unknown): AppWriteResult | null => {
    if (state === '23505') return { ok: false, reason: 'origin_taken', origin: values.artifactOrigin ?? undefined };
    if (state === '23503') return { ok: false, reason: 'not_members', ids: [] };
    // The trigger that keeps resource and app ids apart (migration 0011), met by a racing resource.
    if (state === '23000') return { ok: false, reason: 'id_exists' };
    return null;
  };

/** An app's save in one transaction: a refusal decided inside it undoes whatever it wrote before. */
const write = (values: ReturnType<typeof hostingColumns>, save: (tx: Transaction) => Promise<AppWriteResult>): Promise<AppWriteResult> =>
  allOrNothing(save, constraintMet(values));

type RegistrationRow = {
  workflow_in_org: boolean;
  origin_taken: boolean;
  resource_held: boolean;
  id: string | null;
  org_id: string;
  workflow_id: string;
  title: string;
  access: RegisteredRow['access'];
  access_rule: RegisteredRow['accessRule'];
  artifact_url: string | null;
  upstream_url: string | null;
  created_at: Date | string;
};

/**
 * Registers an app in the org; its workflow must be one of the org's, its origin no other app's.
 * One prepared statement: the checks, the row, its listed members and groups, the audit row and its
 * webhook outbox rows, all written or none (a refused registration writes nothing; a statement is
 * atomic, so no BEGIN and COMMIT round trips).
 */
export async function createOrgApp(
  orgId: string,
  input: AppInput,
  { id = newAppId(), access = { rule: 'everyone', memberIds: [] }, actor = OPERATOR, client }: AppWriteOptions & { id?: string; access?: AppAccessSetting } = {},
): Promise<AppWriteResult> {
  const refused = upstreamRefusal(orgId, input);
  if (refused) return refused;
  const values = hostingColumns(id, input);
  const memberIds = access.rule === 'members' ? [...new Set(access.memberIds)] : [];
  const groupIds = access.rule === 'members' ? [...new Set(access.groupIds ?? [])] : [];
  const detail = appChangeDetail(null, { ...values, accessRule: access.rule, listedCount: memberIds.length + groupIds.length });
  const change = { orgId, code: 'app_registered', actor, appId: id, workflowId: input.workflowId, detail, ...client };
  return oneStatement(async () => {
    // Another live app on the origin (any org: artifacts on one origin can read each other's tokens);
    // a resource's id is never an app's (SPEC §17: an access token's aud names one or the other); an
    // id once used is never used again (a deleted app keeps its row, the tombstone: the conflict).
    // The composite keys keep another org's member or group out, and one removed meanwhile (23503).
    const [row] = await preparedRows<RegistrationRow>(sql`
        with workflow as (
          select 1 from workflows where id = ${values.workflowId} and org_id = ${orgId}
        ), origin_taken as (
          select 1 from runs where artifact_origin = ${values.artifactOrigin} and deleted_at is null and id <> ${id} limit 1
        ), resource_held as (
          select 1 from resources where id = ${id}
        ), registered as (
          insert into runs (id, org_id, workflow_id, title, access, access_rule, artifact_url, artifact_origin, upstream_url)
          select ${id}, ${orgId}, ${values.workflowId}, ${values.title}, ${values.access}::app_access, ${access.rule}::app_access_rule, ${values.artifactUrl}, ${values.artifactOrigin}, ${values.upstreamUrl}
          where exists (select 1 from workflow) and not exists (select 1 from origin_taken) and not exists (select 1 from resource_held)
          on conflict (id) do nothing
          returning id, org_id, workflow_id, title, access, access_rule, artifact_url, upstream_url, created_at
        ), listed_members as (
          insert into app_access_members (app_id, org_id, user_id)
          select r.id, r.org_id, m from registered r, jsonb_array_elements_text(${JSON.stringify(memberIds)}::jsonb) m
        ), listed_groups as (
          insert into app_access_groups (app_id, org_id, group_id)
          select r.id, r.org_id, g from registered r, jsonb_array_elements_text(${JSON.stringify(groupIds)}::jsonb) g
        ), ${changeRecordedWith(change, 'registered')}
        select exists (select 1 from workflow) as workflow_in_org, exists (select 1 from origin_taken) as origin_taken, exists (select 1 from resource_held) as resource_held, r.*
        from (values (1)) as one (x) left join registered r on true`);
    if (!row?.workflow_in_org) return { ok: false, reason: 'workflow_not_in_org' };
    if (row.origin_taken) return { ok: false, reason: 'origin_taken', origin: values.artifactOrigin ?? undefined };
    if (row.resource_held || row.id === null) return { ok: false, reason: 'id_exists' };
    const registered: RegisteredRow = {
      id: row.id,
      orgId: row.org_id,
      workflowId: row.workflow_id,
      title: row.title,
      access: row.access,
      accessRule: row.access_rule,
      artifactUrl: row.artifact_url,
      upstreamUrl: row.upstream_url,
      createdAt: new Date(row.created_at),
    };
    return { ok: true, id, registered };
  }, constraintMet(values));
}

/** What an app's row holds, as updateOrgApp compares it (`expected`). */
export type StoredApp = ReturnType<typeof hostingColumns> & { accessRule: AccessRule };

export async function updateOrgApp(
  orgId: string,
  appId: string,
  input: AppInput,
  { access, expected, actor = OPERATOR, client }: AppWriteOptions & { access?: AppAccessSetting; expected?: (current: StoredApp, listed: string[]) => boolean } = {},
): Promise<AppWriteResult> {
  if (!isWellFormedAppId(appId)) return { ok: false, reason: 'not_found' };
  const refused = upstreamRefusal(orgId, input);
  if (refused) return refused;
  if (!(await isOrgWorkflow(orgId, input.workflowId))) return { ok: false, reason: 'workflow_not_in_org' };
  const values = hostingColumns(appId, input);
  return write(values, async (tx) => {
    const [current] = await tx
      .select({ title: runs.title, workflowId: runs.workflowId, access: runs.access, accessRule: runs.accessRule, artifactUrl: runs.artifactUrl, upstreamUrl: runs.upstreamUrl, artifactOrigin: runs.artifactOrigin })
      .from(runs)
      .where(and(eq(runs.id, appId), eq(runs.orgId, orgId), isNull(runs.deletedAt)))
      .for('update');
    if (!current) return { ok: false, reason: 'not_found' };
    if (expected) {
      const listed = (await tx.select({ userId: appAccessMembers.userId }).from(appAccessMembers).where(eq(appAccessMembers.appId, appId))).map((r) => r.userId);
      const groups = (await tx.select({ groupId: appAccessGroups.groupId }).from(appAccessGroups).where(eq(appAccessGroups.appId, appId))).map((r) => r.groupId);
      if (!expected(current, [...listed, ...groups])) return { ok: false, reason: 'changed_meanwhile' };
    }
    if (await originTaken(tx, values.artifactOrigin, appId)) return { ok: false, reason: 'origin_taken', origin: values.artifactOrigin ?? undefined };
    await tx.update(runs).set(values).where(eq(runs.id, appId));
    // Private again: its public guest sessions end with it (SPEC §15).
    const guestsEnded = current.access === 'public' && values.access !== 'public' ? await endPublicGuests(tx, appId) : 0;
    const changes = appChangeDetail(current, { ...values, accessRule: current.accessRule, listedCount: null });
    const detail = changes && guestsEnded ? `${changes} (${guestsEnded} public guest session${guestsEnded === 1 ? '' : 's'} ended)` : changes;
    if (detail) await recordChange(tx, { orgId, code: 'app_updated', actor, appId, workflowId: input.workflowId, detail, ...client });
    if (access) {
      const changed = await applyAccessRule(tx, { orgId, appId, rule: access.rule, memberIds: access.memberIds, groupIds: access.groupIds, actor, client });
      if (!changed.ok && (changed.reason === 'not_members' || changed.reason === 'not_groups')) return { ok: false, reason: changed.reason, ids: changed.ids };
      if (!changed.ok) return { ok: false, reason: 'not_found' };
    }
    return { ok: true, id: appId };
  });
}

/** What the console says when an origin is taken. Names no other app: it may be another org's. */
export const originTakenMessage = (origin: string | undefined) =>
  `Another app already uses ${origin ?? 'this origin'}. Each app needs its own origin (its own host name), ` +
  'because artifacts on one origin can read each other’s tokens.';

/**
 * Deletes an app: it leaves every list, the mint answers 404 for it from now on, its share links,
 * guest sessions and client secrets end, and the revocation feed names it (`aud`), so tokens
 * already handed out stop at their verifiers' next poll — all in one transaction. Its row stays as
 * a tombstone: its id is never used again. Its app grants (SPEC §16) end too.
 */
export async function softDeleteOrgApp(orgId: string, appId: string, { actor = OPERATOR, client }: AppWriteOptions = {}): Promise<boolean> {
  if (!isWellFormedAppId(appId)) return false;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(runs)
      .set({ deletedAt: new Date() })
      .where(and(eq(runs.id, appId), eq(runs.orgId, orgId), isNull(runs.deletedAt)))
      .returning({ title: runs.title, workflowId: runs.workflowId });
    if (!row) return false;
    const ended = await endAppAccess(tx, appId);
    const detail = `Deleted “${row.title}”${ended ? `; ended ${ended}` : ''}`;
    await recordChange(tx, { orgId, code: 'app_deleted', actor, appId, workflowId: row.workflowId, detail, ...client });
    return true;
  });
}
