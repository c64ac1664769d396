import { count, inArray, sql } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db/client';
import { appAccessMembers, appCredentials, appResourceAllowances, memberships, orgs, resources, runs, users, workflows } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { env } from '@/lib/platform/config/env';
import { appOriginUrl, originOf } from '@/lib/gateway/apps/per-app-origin';
import { hashClientSecret } from '@/lib/gateway/exchange/credential-secret';
import { MAX_CREDENTIAL_DAYS } from '@/lib/gateway/exchange/credentials';
import { DEMO_CREDENTIAL_ID, DEMO_PASSWORD, demoAllowance, demoProxiedRuns, demoMemberships, demoOrgs, demoResource, demoRuns, demoUsers, demoWorkflows } from './demo-world';
import { seedDemoProxyActing } from './proxy-acting';

/** Writes the demo world; running it again restores the demo rows and keeps everything else. */
export async function seedDemoWorld(): Promise<void> {
  const db = await getDb();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    await tx.insert(orgs).values(demoOrgs).onConflictDoUpdate({ target: orgs.id, set: { name: sql`excluded.name`, externalSharing: sql`excluded.external_sharing` } });
    for (const u of demoUsers) {
      await tx
        .insert(users)
        .values({ ...u, passwordHash, emailVerifiedAt: new Date() })
        .onConflictDoUpdate({ target: users.id, set: { deletedAt: null, isPlatformAdmin: u.isPlatformAdmin } });
    }
    await tx.insert(memberships).values(demoMemberships).onConflictDoNothing();
    await tx.insert(workflows).values(demoWorkflows).onConflictDoUpdate({ target: workflows.id, set: { name: sql`excluded.name` } });
    const { ARTIFACT_HOST_DOMAIN, ARTIFACT_PROXY_DOMAIN, ARTIFACT_PLAIN_UPSTREAM_URL } = env();
    const rows = [
      ...demoRuns.map(({ ready, ...r }) => ({ ...r, artifactUrl: ready ? appOriginUrl(ARTIFACT_HOST_DOMAIN, r.id) : null, upstreamUrl: null })),
      ...demoProxiedRuns.map((r) => ({ ...r, artifactUrl: appOriginUrl(ARTIFACT_PROXY_DOMAIN, r.id), upstreamUrl: `${ARTIFACT_PLAIN_UPSTREAM_URL}/` })),
    ];
    for (const r of rows) {
      const values = { ...r, artifactOrigin: r.artifactUrl === null ? null : originOf(r.artifactUrl) };
      await tx.insert(runs).values(values).onConflictDoUpdate({ target: runs.id, set: { ...values, deletedAt: null } });
    }
    await tx.delete(appAccessMembers).where(inArray(appAccessMembers.appId, demoRuns.map((r) => r.id)));
    await seedDemoExchange(tx, env().DEMO_APP_CLIENT_SECRET);
  });
  await seedDemoProxyActing();
}

/**
 * The demo platform API's resource, the dashboard's allowance on it and its client secret (SPEC §17),
 * written as the console would leave them. The secret is the configured one, stored as its hash with
 * the longest life a secret may have, live again after each seed.
 */
async function seedDemoExchange(tx: Transaction, clientSecret: string): Promise<void> {
  await tx.insert(resources).values(demoResource).onConflictDoUpdate({ target: resources.id, set: { scopes: demoResource.scopes, removedAt: null } });
  await tx
    .insert(appResourceAllowances)
    .values(demoAllowance)
    .onConflictDoUpdate({ target: [appResourceAllowances.appId, appResourceAllowances.resourceId], set: { scopes: demoAllowance.scopes, guests: demoAllowance.guests } });
  const credential = {
    secretHash: hashClientSecret(clientSecret),
    prefix: clientSecret.slice(0, 12),
    expiresAt: sql`now() + make_interval(days => ${MAX_CREDENTIAL_DAYS})`,
    revokedAt: null,
  };
  await tx
    .insert(appCredentials)
    .values({ id: DEMO_CREDENTIAL_ID, appId: demoAllowance.appId, ...credential })
    .onConflictDoUpdate({ target: appCredentials.id, set: credential });
}

export async function isEmpty(): Promise<boolean> {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(orgs);
  return (row?.n ?? 0) === 0;
}
