import { randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { appCredentials, appResourceAllowances, resources } from '@/db/schema';
import { env } from '@/lib/platform/config/env';
import { newClientSecret } from '@/lib/gateway/exchange/credential-secret';
import { proxyActingOf } from '@/lib/gateway/exchange/proxy-credential';
import { sealProxySecret } from '@/lib/gateway/exchange/proxy-secret-box';

/** The proxied demo app and what the proxy gets for its viewers on the demo platform API (SPEC §17). */
const demoProxyActing = { appId: 'run_acme_plain', resourceId: 'platform-api', scopes: ['runs:read'], guests: false };

/**
 * The proxied demo app may read the viewer's runs on the demo platform API, and the proxy acts for
 * its viewers there: the allowance and a proxy credential, written as the console would leave them
 * (without audit rows, like the rest of the seed). Only once the resource is registered; a live
 * proxy credential of the app is kept.
 */
export async function seedDemoProxyActing(): Promise<void> {
  const { appId, resourceId, scopes, guests } = demoProxyActing;
  const db = await getDb();
  const [resource] = await db.select({ id: resources.id }).from(resources).where(and(eq(resources.id, resourceId), isNull(resources.removedAt)));
  if (!resource) return;
  await db
    .insert(appResourceAllowances)
    .values({ appId, resourceId, scopes, guests })
    .onConflictDoUpdate({ target: [appResourceAllowances.appId, appResourceAllowances.resourceId], set: { scopes, guests } });
  if (await proxyActingOf(appId)) return;
  const { secret, hash, displayPrefix } = newClientSecret();
  const id = `cred_${randomBytes(9).toString('base64url')}`;
  await db.insert(appCredentials).values({
    id,
    appId,
    secretHash: hash,
    prefix: displayPrefix,
    proxyResourceId: resourceId,
    secretSealed: sealProxySecret(secret, id, env().APP_TOKEN_KEY_SECRET),
    expiresAt: sql`now() + interval '365 days'`,
  });
}
