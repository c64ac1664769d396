import { and, asc, eq, isNull } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db/client';
import { appResourceAllowances, resources, runs } from '@/db/schema';
import { recordRevocations } from '../revocations/record';
import type { Actor } from '../audit/actor';
import { recordChange } from '../audit/record-change';
import { createdBy } from './resources';
import { isResourceId, MAX_SCOPES, parseScopes, SCOPE_RULE } from './names';

// What an app may do for its viewer on a resource (SPEC §17): org admins allow scopes, and say
// whether guests may be acted for. `orgId` is the admin's org (the app must be in it); null for the
// CLI, which is the operator on the database host.

export type Allowance = { resourceId: string; scopes: string[]; guests: boolean; updatedAt: Date };

export type AllowanceChange = {
  appId: string;
  resourceId: string;
  scopes: readonly string[];
  guests: boolean;
  orgId: string | null;
  actor: Actor;
};

export type AllowanceResult =
  | { ok: true; changed: boolean; allowance: Allowance; revoked: boolean }
  | { ok: false; reason: 'invalid'; message: string }
  | { ok: false; reason: 'app_not_found' | 'resource_not_found' }
  | { ok: false; reason: 'scopes_not_offered'; scopes: string[] };

const lockApp = (tx: Transaction, appId: string, orgId: string | null) =>
  tx
    .select({ orgId: runs.orgId })
    .from(runs)
    .where(and(eq(runs.id, appId), isNull(runs.deletedAt), orgId ? eq(runs.orgId, orgId) : undefined))
    .for('update');

/**
 * Sets the scopes an app may ask for on a resource (each one the resource offers) and whether for
 * guests. Taking a scope away, or guests, revokes the app's tokens through the feed
 * (`{ "aud": "<appId>" }`, which also reaches the access tokens whose client_id is the app), in the
 * same transaction: what the change stops, stops now.
 */
export async function setAppAllowance(c: AllowanceChange): Promise<AllowanceResult> {
  const parsed = parseScopes(c.scopes);
  if (!parsed.ok) return { ok: false, reason: 'invalid', message: `Not a scope: ${parsed.bad.join(', ')} (${SCOPE_RULE}).` };
  if (parsed.scopes.length === 0 || parsed.scopes.length > MAX_SCOPES) return { ok: false, reason: 'invalid', message: `Allow 1–${MAX_SCOPES} scopes.` };
  if (!isResourceId(c.resourceId)) return { ok: false, reason: 'resource_not_found' };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [app] = await lockApp(tx, c.appId, c.orgId);
    if (!app) return { ok: false, reason: 'app_not_found' } as const;
    const [resource] = await tx.select({ scopes: resources.scopes }).from(resources).where(and(eq(resources.id, c.resourceId), isNull(resources.removedAt)));
    if (!resource) return { ok: false, reason: 'resource_not_found' } as const;
    const notOffered = parsed.scopes.filter((s) => !resource.scopes.includes(s));
    if (notOffered.length) return { ok: false, reason: 'scopes_not_offered', scopes: notOffered } as const;

    const [before] = await tx
      .select({ scopes: appResourceAllowances.scopes, guests: appResourceAllowances.guests })
      .from(appResourceAllowances)
      .where(and(eq(appResourceAllowances.appId, c.appId), eq(appResourceAllowances.resourceId, c.resourceId)));
    const values = { scopes: parsed.scopes, guests: c.guests, createdBy: createdBy(c.actor), updatedAt: new Date() };
    const changed = !before || before.guests !== c.guests || before.scopes.length !== parsed.scopes.length || before.scopes.some((s) => !parsed.scopes.includes(s));
    const narrowed = Boolean(before && (before.scopes.some((s) => !parsed.scopes.includes(s)) || (before.guests && !c.guests)));
    const [row] = changed
      ? await tx
          .insert(appResourceAllowances)
          .values({ appId: c.appId, resourceId: c.resourceId, ...values })
          .onConflictDoUpdate({ target: [appResourceAllowances.appId, appResourceAllowances.resourceId], set: values })
          .returning()
      : await tx.select().from(appResourceAllowances).where(and(eq(appResourceAllowances.appId, c.appId), eq(appResourceAllowances.resourceId, c.resourceId)));
    if (narrowed) await recordRevocations(tx, [{ aud: c.appId }]);
    if (changed) {
      const detail = `${c.resourceId}: ${parsed.scopes.join(' ')}${c.guests ? ' (guests too)' : ''}${before ? ` (was ${before.scopes.join(' ')}${before.guests ? ', guests too' : ''})` : ''}`;
      await recordChange(tx, { code: 'allowance_set', orgId: app.orgId, appId: c.appId, actor: c.actor, detail });
    }
    const allowance = { resourceId: row!.resourceId, scopes: row!.scopes, guests: row!.guests, updatedAt: row!.updatedAt };
    return { ok: true, changed, allowance, revoked: narrowed } as const;
  });
}

/** Takes away everything an app may do on a resource, revoking its tokens (`{ "aud": "<appId>" }`). False when there was nothing to remove. */
export async function removeAppAllowance(c: { appId: string; resourceId: string; orgId: string | null; actor: Actor }): Promise<boolean> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [app] = await lockApp(tx, c.appId, c.orgId);
    if (!app) return false;
    const removed = await tx
      .delete(appResourceAllowances)
      .where(and(eq(appResourceAllowances.appId, c.appId), eq(appResourceAllowances.resourceId, c.resourceId)))
      .returning({ resourceId: appResourceAllowances.resourceId });
    if (removed.length === 0) return false;
    await recordRevocations(tx, [{ aud: c.appId }]);
    await recordChange(tx, { code: 'allowance_removed', orgId: app.orgId, appId: c.appId, actor: c.actor, detail: c.resourceId });
    return true;
  });
}

/** What an app may do for its viewer, resource by resource (also what the viewer page tells the viewer). */
export async function listAppAllowances(appId: string): Promise<Allowance[]> {
  const db = await getDb();
  return db
    .select({ resourceId: appResourceAllowances.resourceId, scopes: appResourceAllowances.scopes, guests: appResourceAllowances.guests, updatedAt: appResourceAllowances.updatedAt })
    .from(appResourceAllowances)
    .innerJoin(resources, and(eq(resources.id, appResourceAllowances.resourceId), isNull(resources.removedAt)))
    .where(eq(appResourceAllowances.appId, appId))
    .orderBy(asc(appResourceAllowances.resourceId));
}
