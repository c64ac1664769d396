import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { appResourceAllowances, resources, runs } from '@/db/schema';
import { recordRevocations } from '../revocations/record';
import type { Actor } from '../audit/actor';
import { recordResourceChange } from './audit-change';
import { isResourceId, MAX_SCOPES, parseScopes, RESOURCE_ID_RULE, SCOPE_RULE } from './names';

// Resources (SPEC §17): the platform APIs the gateway issues access tokens for. Registered by a
// platform admin (the console checks the role; the CLI is the operator on the database host).

export type ResourceListing = { id: string; scopes: string[]; createdAt: Date; allowedApps: number };

export type AddResourceResult =
  | { ok: true; id: string; scopes: string[]; restored: boolean }
  | { ok: false; reason: 'invalid'; message: string }
  | { ok: false; reason: 'exists' | 'id_is_an_app' };

/** The trigger of migration 0010 that keeps resource and app ids apart, as a racing insert meets it. */
const idsApartViolation = (err: unknown) => {
  const e = err as { constraint?: unknown; constraint_name?: unknown; cause?: { constraint?: unknown; constraint_name?: unknown } } | null;
  return [e?.constraint, e?.constraint_name, e?.cause?.constraint, e?.cause?.constraint_name].includes('resource_and_app_ids_apart');
};

/**
 * Registers a resource with the scopes apps may be allowed on it. An id an app has (or had) is
 * refused: a token's `aud` must never name both. Adding a removed id again restores it, with no
 * allowances (its old tokens were revoked when it was removed).
 */
export async function addResource(input: { id: string; scopes: readonly string[]; actor: Actor }): Promise<AddResourceResult> {
  if (!isResourceId(input.id)) return { ok: false, reason: 'invalid', message: `Not a resource id: ${RESOURCE_ID_RULE}.` };
  const parsed = parseScopes(input.scopes);
  if (!parsed.ok) return { ok: false, reason: 'invalid', message: `Not a scope: ${parsed.bad.join(', ')} (${SCOPE_RULE}).` };
  if (parsed.scopes.length === 0 || parsed.scopes.length > MAX_SCOPES) return { ok: false, reason: 'invalid', message: `Give 1–${MAX_SCOPES} scopes.` };
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [app] = await tx.select({ id: runs.id }).from(runs).where(eq(runs.id, input.id));
      if (app) return { ok: false, reason: 'id_is_an_app' } as const;
      const [row] = await tx
        .insert(resources)
        .values({ id: input.id, scopes: parsed.scopes, createdBy: createdBy(input.actor) })
        .onConflictDoUpdate({ target: resources.id, set: { scopes: parsed.scopes, createdBy: createdBy(input.actor), createdAt: sql`now()`, removedAt: null }, setWhere: sql`${resources.removedAt} is not null` })
        .returning({ id: resources.id, restored: sql<boolean>`xmax <> 0` });
      if (!row) return { ok: false, reason: 'exists' } as const;
      await recordResourceChange(tx, { code: 'resource_added', actor: input.actor, detail: `${input.id}: ${parsed.scopes.join(' ')}` });
      return { ok: true, id: input.id, scopes: parsed.scopes, restored: row.restored } as const;
    });
  } catch (err) {
    if (idsApartViolation(err)) return { ok: false, reason: 'id_is_an_app' };
    throw err;
  }
}

/** Live resources, by id, with how many apps are allowed scopes on each. */
export async function listResources(): Promise<ResourceListing[]> {
  const db = await getDb();
  return db
    .select({
      id: resources.id,
      scopes: resources.scopes,
      createdAt: resources.createdAt,
      allowedApps: sql<number>`(select count(*)::int from ${appResourceAllowances} a where a.resource_id = ${resources.id})`,
    })
    .from(resources)
    .where(isNull(resources.removedAt))
    .orderBy(asc(resources.id));
}

/**
 * Removes a resource: every allowance on it goes, and its access tokens are revoked through the
 * feed (`{ "aud": "<resourceId>" }`) in the same transaction. False when there was nothing to remove.
 */
export async function removeResource(input: { id: string; actor: Actor }): Promise<boolean> {
  if (!isResourceId(input.id)) return false;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const removed = await tx
      .update(resources)
      .set({ removedAt: sql`now()` })
      .where(and(eq(resources.id, input.id), isNull(resources.removedAt)))
      .returning({ id: resources.id });
    if (removed.length === 0) return false;
    await tx.delete(appResourceAllowances).where(eq(appResourceAllowances.resourceId, input.id));
    await recordRevocations(tx, [{ aud: input.id }]);
    await recordResourceChange(tx, { code: 'resource_removed', actor: input.actor, detail: input.id });
    return true;
  });
}

/** The person behind a change, for `created_by`; null for a service account or the operator. */
export const createdBy = (actor: Actor): string | null => (actor.kind === 'user' ? actor.userId : null);
