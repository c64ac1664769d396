import { and, asc, count, desc, eq, isNull, max, ne } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { appAccessMembers, auditEvents, runs, workflows, type AccessRule } from '@/db/schema';
import { env } from '@/lib/platform/config/env';
import { appOriginUrl, originOf } from './per-app-origin';
import type { AppHosting, AppInput } from './app-input';
import { isWellFormedAppId } from '../mint/app-id';
import { newAppId } from './new-app-id';
import { upstreamNotAllowedMessage, upstreamRegistrable } from './upstream-allowlist';

// The console's view of an org's apps. Every function takes the org id from the caller's session;
// an app of another org is simply not found.

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

/** The org's live apps, newest first, each with the time of its last successful mint. */
export async function listOrgApps(orgId: string): Promise<OrgApp[]> {
  const db = await getDb();
  const lastMint = db
    .select({ appId: auditEvents.appId, at: max(auditEvents.at).as('last_mint_at') })
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.result, 'minted')))
    .groupBy(auditEvents.appId)
    .as('last_mint');
  const listed = db
    .select({ appId: appAccessMembers.appId, n: count().as('listed_count') })
    .from(appAccessMembers)
    .where(eq(appAccessMembers.orgId, orgId))
    .groupBy(appAccessMembers.appId)
    .as('listed');
  const rows = await db
    .select({ ...columns, lastMintAt: lastMint.at, listedCount: listed.n })
    .from(runs)
    .innerJoin(workflows, eq(workflows.id, runs.workflowId))
    .leftJoin(lastMint, eq(lastMint.appId, runs.id))
    .leftJoin(listed, eq(listed.appId, runs.id))
    .where(and(eq(runs.orgId, orgId), isNull(runs.deletedAt)))
    .orderBy(desc(runs.createdAt), asc(runs.id));
  return rows.map((r) => ({ ...r, listedCount: Number(r.listedCount ?? 0), lastMintAt: r.lastMintAt ? new Date(r.lastMintAt) : null }));
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

async function isOrgWorkflow(orgId: string, workflowId: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db.select({ id: workflows.id }).from(workflows).where(and(eq(workflows.id, workflowId), eq(workflows.orgId, orgId)));
  return Boolean(row);
}

export type AppWriteResult =
  | { ok: true; id: string }
  | { ok: false; reason: 'workflow_not_in_org' | 'not_found' | 'origin_taken'; origin?: string }
  | { ok: false; reason: 'upstream_not_allowed'; message: string };

/** An upstream the operator has not allowed this org (ARTIFACT_PROXY_UPSTREAMS): every writer of an app checks here. */
function upstreamRefusal(orgId: string, input: AppInput): AppWriteResult | null {
  if (input.hosting !== 'proxy' || input.upstreamUrl === null) return null;
  const url = new URL(input.upstreamUrl);
  if (upstreamRegistrable(env().ARTIFACT_PROXY_UPSTREAMS, orgId, url)) return null;
  return { ok: false, reason: 'upstream_not_allowed', message: upstreamNotAllowedMessage(orgId, url) };
}

/** The stored columns of an app's hosting: a proxied app's artifact URL is its own proxy origin. */
function hostingColumns(appId: string, input: AppInput) {
  const { hosting, upstreamUrl, ...rest } = input;
  const artifactUrl = hosting === 'proxy' ? (upstreamUrl === null ? null : appOriginUrl(env().ARTIFACT_PROXY_DOMAIN, appId)) : input.artifactUrl;
  return { ...rest, artifactUrl, upstreamUrl: hosting === 'proxy' ? upstreamUrl : null, artifactOrigin: artifactUrl === null ? null : originOf(artifactUrl) };
}

export const hostingOf = (app: { upstreamUrl: string | null }): AppHosting => (app.upstreamUrl === null ? 'artifact_url' : 'proxy');

/** Another live app already on this origin (any org): artifacts on one origin can read each other's tokens. */
async function originTaken(origin: string | null, exceptAppId: string): Promise<boolean> {
  if (origin === null) return false;
  const db = await getDb();
  const [row] = await db
    .select({ id: runs.id })
    .from(runs)
    .where(and(eq(runs.artifactOrigin, origin), isNull(runs.deletedAt), ne(runs.id, exceptAppId)))
    .limit(1);
  return Boolean(row);
}

// The unique index on the origin is the backstop for two saves racing past the check.
const isUniqueViolation = (err: unknown): boolean => {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  return e?.code === '23505' || e?.cause?.code === '23505';
};

async function write(appId: string, values: ReturnType<typeof hostingColumns>, save: () => Promise<boolean>): Promise<AppWriteResult> {
  const taken = { ok: false as const, reason: 'origin_taken' as const, origin: values.artifactOrigin ?? undefined };
  if (await originTaken(values.artifactOrigin, appId)) return taken;
  try {
    return (await save()) ? { ok: true, id: appId } : { ok: false, reason: 'not_found' };
  } catch (err) {
    if (isUniqueViolation(err)) return taken;
    throw err;
  }
}

/** Registers an app in the org; its workflow must be one of the org's, its origin no other app's. */
export async function createOrgApp(orgId: string, input: AppInput): Promise<AppWriteResult> {
  const refused = upstreamRefusal(orgId, input);
  if (refused) return refused;
  if (!(await isOrgWorkflow(orgId, input.workflowId))) return { ok: false, reason: 'workflow_not_in_org' };
  const id = newAppId();
  const values = hostingColumns(id, input);
  return write(id, values, async () => {
    const db = await getDb();
    await db.insert(runs).values({ id, orgId, ...values });
    return true;
  });
}

export async function updateOrgApp(orgId: string, appId: string, input: AppInput): Promise<AppWriteResult> {
  if (!isWellFormedAppId(appId)) return { ok: false, reason: 'not_found' };
  const refused = upstreamRefusal(orgId, input);
  if (refused) return refused;
  if (!(await isOrgWorkflow(orgId, input.workflowId))) return { ok: false, reason: 'workflow_not_in_org' };
  const values = hostingColumns(appId, input);
  return write(appId, values, async () => {
    const db = await getDb();
    const rows = await db
      .update(runs)
      .set(values)
      .where(and(eq(runs.id, appId), eq(runs.orgId, orgId), isNull(runs.deletedAt)))
      .returning({ id: runs.id });
    return rows.length > 0;
  });
}

/** What the console says when an origin is taken. Names no other app: it may be another org's. */
export const originTakenMessage = (origin: string | undefined) =>
  `Another app already uses ${origin ?? 'this origin'}. Each app needs its own origin (its own host name), ` +
  'because artifacts on one origin can read each other’s tokens.';

/** Soft-deletes an app: it leaves every list, and the mint answers 404 for it from now on. */
export async function softDeleteOrgApp(orgId: string, appId: string): Promise<boolean> {
  if (!isWellFormedAppId(appId)) return false;
  const db = await getDb();
  const rows = await db
    .update(runs)
    .set({ deletedAt: new Date() })
    .where(and(eq(runs.id, appId), eq(runs.orgId, orgId), isNull(runs.deletedAt)))
    .returning({ id: runs.id });
  return rows.length > 0;
}
