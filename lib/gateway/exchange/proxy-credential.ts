import { and, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { appCredentials, appResourceAllowances, resources } from '@/db/schema';
import { env } from '@/lib/platform/config/env';
import type { Actor } from '../audit/actor';
import { recordChange } from '../audit/record-change';
import { recordRevocations } from '../revocations/record';
import { insertClientSecret, revokeAppCredential, withNewSecret } from './credentials';
import { sealProxySecret } from './proxy-secret-box';

// "The artifact proxy acts for the viewer" (SPEC §17): an org admin turns it on for a proxied app and
// one resource it is allowed on. The gateway then creates a client secret of the app marked as the
// proxy's: its hash authenticates exchanges like any other, and it is also kept sealed so that the
// proxy's authenticated app look-up can hand it over; nobody is ever shown it. It does not count
// toward the app's two live secrets (those rotate the app backend's own), and an app has at most one.

const DEFAULT_PROXY_CREDENTIAL_DAYS = 365;

export type ProxyActing = { credentialId: string; resourceId: string; expiresAt: Date };

export type EnableProxyActingResult =
  | { ok: true; credentialId: string; resourceId: string; expiresAt: Date; replaced: boolean }
  | { ok: false; reason: 'invalid'; message: string }
  | { ok: false; reason: 'app_not_found' | 'not_proxied' | 'not_allowed' };

/** The app's live proxy credential: which resource the proxy exchanges for, until when; null when off. */
export async function proxyActingOf(appId: string): Promise<ProxyActing | null> {
  const db = await getDb();
  const [row] = await db
    .select({ credentialId: appCredentials.id, resourceId: appCredentials.proxyResourceId, expiresAt: appCredentials.expiresAt })
    .from(appCredentials)
    .where(and(eq(appCredentials.appId, appId), isNotNull(appCredentials.proxyResourceId), isNull(appCredentials.revokedAt), gt(appCredentials.expiresAt, sql`now()`)));
  return row ? { credentialId: row.credentialId, resourceId: row.resourceId!, expiresAt: row.expiresAt } : null;
}

/**
 * Turns it on (or moves it to another resource, or renews it): a new proxy credential for the app,
 * the one before revoked in the same transaction with its `{ "aud": "<appId>" }` feed entry, as any
 * revoked credential. Only for an app served by the proxy and allowed on the resource.
 */
export async function enableProxyActing(input: { appId: string; orgId: string | null; resourceId: string; expiresInDays?: number; actor: Actor }): Promise<EnableProxyActingResult> {
  return withNewSecret(input, DEFAULT_PROXY_CREDENTIAL_DAYS, async (tx, app, days) => {
    if (app.upstreamUrl === null) return { ok: false, reason: 'not_proxied' } as const;
    const [allowed] = await tx
      .select({ resourceId: appResourceAllowances.resourceId })
      .from(appResourceAllowances)
      .innerJoin(resources, and(eq(resources.id, appResourceAllowances.resourceId), isNull(resources.removedAt)))
      .where(and(eq(appResourceAllowances.appId, input.appId), eq(appResourceAllowances.resourceId, input.resourceId)));
    if (!allowed) return { ok: false, reason: 'not_allowed' } as const;

    const before = await tx
      .update(appCredentials)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(appCredentials.appId, input.appId), isNotNull(appCredentials.proxyResourceId), isNull(appCredentials.revokedAt)))
      .returning({ id: appCredentials.id, prefix: appCredentials.prefix });
    if (before.length) {
      await recordRevocations(tx, [{ aud: input.appId }]);
      for (const b of before) await recordChange(tx, { code: 'credential_revoked', orgId: app.orgId, appId: input.appId, actor: input.actor, detail: `${b.id} (${b.prefix}…), the artifact proxy's, replaced` });
    }
    const { id, displayPrefix, expiresAt } = await insertClientSecret(tx, {
      appId: input.appId,
      actor: input.actor,
      days,
      more: (id, secret) => ({ proxyResourceId: input.resourceId, secretSealed: sealProxySecret(secret, id, env().APP_TOKEN_KEY_SECRET) }),
    });
    await recordChange(tx, {
      code: 'credential_created',
      orgId: app.orgId,
      appId: input.appId,
      actor: input.actor,
      detail: `${id} (${displayPrefix}…) for the artifact proxy on ${input.resourceId}, expires in ${days} days`,
    });
    return { ok: true, credentialId: id, resourceId: input.resourceId, expiresAt, replaced: before.length > 0 };
  });
}

/** Turns it off: the live proxy credential revoked like any other (its feed entry, its audit row). False when it was off. */
export async function disableProxyActing(input: { appId: string; orgId: string | null; actor: Actor }): Promise<boolean> {
  const acting = await proxyActingOf(input.appId);
  if (!acting) return false;
  return (await revokeAppCredential({ id: acting.credentialId, orgId: input.orgId, actor: input.actor })) !== null;
}
