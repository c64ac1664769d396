import { randomBytes } from 'node:crypto';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { memberships, scimUsers, users } from '@/db/schema';
import type { Actor } from '../audit/actor';
import { recordChange } from '../audit/record-change';
import { refusal, type Refusal, type Result } from '../errors';
import { removeFromOrg } from '../orgs/org-members';
import type { ScimResourceType } from './resource-type';
import { changeScimResource, inScimTransaction } from './scim-transaction';
import { restoreMembership, suspendMembership, type Suspended } from './suspension';
import { userDocument, type UserDocument, type UserRecord } from './user-document';
import { parseFilter } from './filter';
import { listResponse, parsePage } from './paging';
import { findScimUser, listScimUsers } from './user-records';
import { accountNameOf, outsideVerifiedDomain, sameEmail } from './user-rules';
import { patchUser, userFromResource, type UserState } from './user-state';

// The Users resource's changes (SPEC §18), each in one transaction with its audit row naming the
// org's SCIM client (its detail reaches webhooks: ids, no emails). Reads are in user-records.ts.

/** Who provisions, where: the org's SCIM client (a service account) and the org's SCIM base URL. */
export type ScimContext = { orgId: string; actor: Extract<Actor, { kind: 'service_account' }>; base: string; client: { ip: string | null; userAgent: string | null } };

type UserResult = Result<{ resource: UserDocument }>;

const newScimUserId = () => `scu_${randomBytes(12).toString('base64url')}`;
const newUserId = () => `usr_${randomBytes(12).toString('base64url')}`;
const notFound = () => refusal('scim_not_found', 'No such user in this organization’s directory.');
const NOT_SUSPENDED = { suspendedAt: null, suspendedRole: null, suspendedApps: [], suspendedGroups: [] };

/** Another of the org's SCIM users (visible: a member, or suspended) with this userName. */
async function userNameTaken(tx: Transaction, orgId: string, userName: string, except: string | null): Promise<boolean> {
  const [row] = await tx
    .select({ id: scimUsers.id })
    .from(scimUsers)
    .leftJoin(memberships, and(eq(memberships.userId, scimUsers.userId), eq(memberships.orgId, scimUsers.orgId)))
    .where(and(eq(scimUsers.orgId, orgId), sameEmail(scimUsers.userName, userName), sql`(${scimUsers.suspendedAt} is not null or ${memberships.userId} is not null)`, except ? ne(scimUsers.id, except) : undefined))
    .limit(1);
  return Boolean(row);
}

async function answer(tx: Transaction, ctx: ScimContext, id: string): Promise<UserResult> {
  const stored = await findScimUser(ctx.orgId, id, tx);
  if (!stored) throw new Error('SCIM user vanished inside its own transaction');
  return { ok: true, resource: userDocument(stored, ctx.base) };
}

const suspendedColumns = (kept: Suspended) => ({ suspendedAt: sql`now()`, suspendedRole: kept.role, suspendedApps: kept.apps, suspendedGroups: kept.groups });

/** POST /Users: a new account (no password; it binds to the first OIDC sign-in at its email) or an existing one claimed, made a member of the org. */
async function createUser(ctx: ScimContext, body: Record<string, unknown>): Promise<UserResult> {
  const parsed = userFromResource(body, null);
  if (!parsed.ok) return parsed;
  const s = parsed.state;
  return inScimTransaction(async (tx) => {
    const outside = await outsideVerifiedDomain(tx, ctx.orgId, s.userName);
    if (outside) return outside;
    if (await userNameTaken(tx, ctx.orgId, s.userName, null)) return refusal('scim_uniqueness', 'This organization already has a user with this userName.');
    const [account] = await tx.select({ id: users.id, deletedAt: users.deletedAt }).from(users).where(sameEmail(users.email, s.userName)).for('update');
    if (account?.deletedAt) return refusal('scim_uniqueness', 'The account at this email was deleted; it cannot be provisioned again.');
    const userId = account?.id ?? newUserId();
    if (!account) await tx.insert(users).values({ id: userId, email: s.userName.toLowerCase(), name: accountNameOf(s) });
    const kept = s.active ? null : ((await suspendMembership(tx, ctx.orgId, userId)) ?? { role: 'member' as const, apps: [], groups: [] });
    if (s.active) await tx.insert(memberships).values({ orgId: ctx.orgId, userId, role: 'member' }).onConflictDoNothing();
    const id = newScimUserId();
    const row = {
      userName: s.userName,
      externalId: s.externalId,
      givenName: s.givenName,
      familyName: s.familyName,
      displayName: s.displayName,
      createdAccount: !account,
      ...(kept ? suspendedColumns(kept) : NOT_SUSPENDED),
      updatedAt: sql`now()`,
    };
    // A row left by a membership another path removed is taken over: the person is provisioned anew.
    await tx.insert(scimUsers).values({ id, orgId: ctx.orgId, userId, ...row }).onConflictDoUpdate({ target: [scimUsers.orgId, scimUsers.userId], set: { id, ...row, createdAt: sql`now()` } });
    await recordChange(tx, {
      orgId: ctx.orgId,
      code: 'scim_user_created',
      actor: ctx.actor,
      ...ctx.client,
      detail: `SCIM provisioned ${userId} as ${id} (${account ? 'existing account' : 'new account'}${s.active ? '' : ', suspended'})`,
    });
    return answer(tx, ctx, id);
  });
}

/** Writes a user's new state over the stored one: userName, names, and `active` (suspend or restore). */
async function writeState(tx: Transaction, ctx: ScimContext, current: UserRecord, next: UserState): Promise<UserResult> {
  const changed: string[] = [];
  if (next.userName !== current.userName) {
    if (next.userName.toLowerCase() !== current.userName.toLowerCase()) {
      if (!current.createdAccount) return refusal('scim_mutability', 'userName can be changed only for accounts this organization’s SCIM client created.');
      const outside = await outsideVerifiedDomain(tx, ctx.orgId, next.userName);
      if (outside) return outside;
      if (await userNameTaken(tx, ctx.orgId, next.userName, current.id)) return refusal('scim_uniqueness', 'This organization already has a user with this userName.');
      const [other] = await tx.select({ id: users.id }).from(users).where(and(sameEmail(users.email, next.userName), ne(users.id, current.userId)));
      if (other) return refusal('scim_uniqueness', 'Another account already has this email.');
      await tx.update(users).set({ email: next.userName.toLowerCase() }).where(eq(users.id, current.userId));
    }
    changed.push('userName');
  }
  for (const key of ['externalId', 'givenName', 'familyName', 'displayName'] as const) if (next[key] !== current[key]) changed.push(key);
  if (current.createdAccount && changed.some((k) => k !== 'externalId')) await tx.update(users).set({ name: accountNameOf(next) }).where(eq(users.id, current.userId));
  let code = 'scim_user_updated';
  let suspension = {};
  if (current.active && !next.active) {
    code = 'scim_user_suspended';
    suspension = suspendedColumns((await suspendMembership(tx, ctx.orgId, current.userId)) ?? { role: 'member', apps: [], groups: [] });
  } else if (!current.active && next.active) {
    code = 'scim_user_restored';
    const [kept] = await tx.select({ role: scimUsers.suspendedRole, apps: scimUsers.suspendedApps, groups: scimUsers.suspendedGroups }).from(scimUsers).where(eq(scimUsers.id, current.id));
    await restoreMembership(tx, ctx.orgId, current.userId, { role: kept?.role ?? 'member', apps: kept?.apps ?? [], groups: kept?.groups ?? [] });
    suspension = NOT_SUSPENDED;
  }
  const { userName, externalId, givenName, familyName, displayName } = next;
  await tx.update(scimUsers).set({ userName, externalId, givenName, familyName, displayName, ...suspension, updatedAt: sql`now()` }).where(eq(scimUsers.id, current.id));
  if (code !== 'scim_user_updated' || changed.length) {
    const what = code === 'scim_user_suspended' ? 'suspended' : code === 'scim_user_restored' ? 'restored' : 'updated';
    await recordChange(tx, {
      orgId: ctx.orgId,
      code,
      actor: ctx.actor,
      ...ctx.client,
      detail: `SCIM ${what} ${current.userId} (${current.id}${changed.length ? `: ${changed.join(', ')}` : ''})`,
    });
  }
  return answer(tx, ctx, current.id);
}

/** PUT /Users/{id}: the whole resource replaced. */
function replaceUser(ctx: ScimContext, id: string, body: Record<string, unknown>): Promise<UserResult> {
  return changeUser(ctx, id, (current) => userFromResource(body, current));
}

/** PATCH /Users/{id}: PatchOp operations, all or nothing. */
function patchScimUser(ctx: ScimContext, id: string, body: Record<string, unknown>): Promise<UserResult> {
  return changeUser(ctx, id, (current) => patchUser(current, body));
}

/** The user's new state, computed from its current one, then written; 404 when the org has no such user. */
function changeUser(ctx: ScimContext, id: string, nextState: (current: UserRecord) => { ok: true; state: UserState } | Refusal): Promise<UserResult> {
  return changeScimResource((tx) => findScimUser(ctx.orgId, id, tx), nextState, (tx, current, next) => writeState(tx, ctx, current, next), notFound);
}

/** DELETE /Users/{id}: the person leaves the org as a removed member does; the account stays (it may belong to other orgs). */
function deleteUser(ctx: ScimContext, id: string): Promise<Result> {
  return inScimTransaction(async (tx) => {
    const current = await findScimUser(ctx.orgId, id, tx);
    if (!current) return notFound();
    await removeFromOrg(tx, ctx.orgId, current.userId);
    await tx.delete(scimUsers).where(eq(scimUsers.id, id));
    await recordChange(tx, { orgId: ctx.orgId, code: 'scim_user_deleted', actor: ctx.actor, ...ctx.client, detail: `SCIM deprovisioned ${current.userId} (${current.id})` });
    return { ok: true };
  });
}

/** GET /Users/{id}. */
async function getUser(ctx: ScimContext, id: string): Promise<UserResult> {
  const found = await findScimUser(ctx.orgId, id);
  return found ? { ok: true, resource: userDocument(found, ctx.base) } : notFound();
}

/** GET /Users: the org's own SCIM users, filtered (`userName`, `displayName`, `externalId` eq) and paged. */
async function listUsers(ctx: ScimContext, params: URLSearchParams): Promise<Result<{ list: ReturnType<typeof listResponse<UserDocument>> }>> {
  const filter = parseFilter(params.get('filter'), ['userName', 'displayName', 'externalId']);
  if (!filter.ok) return filter;
  const paged = parsePage(params);
  if (!paged.ok) return paged;
  const { records, total } = await listScimUsers(ctx.orgId, filter.filter, paged.page);
  return { ok: true, list: listResponse(records.map((r) => userDocument(r, ctx.base)), total, paged.page) };
}

/** The Users resource type, as the SCIM routes serve it. */
export const scimUserResources: ScimResourceType = { list: listUsers, create: createUser, get: getUser, replace: replaceUser, patch: patchScimUser, remove: deleteUser };
