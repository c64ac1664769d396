import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { runs } from '@/db/schema';

/** What the artifact proxy needs to serve an origin: whose it is (the org's ARTIFACT_PROXY_UPSTREAMS entries apply) and where to forward. */
export type ProxiedApp = { appId: string; orgId: string; upstreamUrl: string };

/** The live app served by the artifact proxy on this origin, or null. */
export async function findProxiedAppByOrigin(origin: string): Promise<ProxiedApp | null> {
  const db = await getDb();
  const [row] = await db
    .select({ appId: runs.id, orgId: runs.orgId, upstreamUrl: runs.upstreamUrl })
    .from(runs)
    .where(and(eq(runs.artifactOrigin, origin), isNull(runs.deletedAt), isNotNull(runs.upstreamUrl)))
    .limit(1);
  return row?.upstreamUrl ? { appId: row.appId, orgId: row.orgId, upstreamUrl: row.upstreamUrl } : null;
}
