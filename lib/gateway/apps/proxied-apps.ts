import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { orgs, runs } from '@/db/schema';
import type { SharingLevel } from '@/lib/gateway/sharing/sharing-levels';

/**
 * What the artifact proxy needs to serve an origin: whose it is (the org's ARTIFACT_PROXY_UPSTREAMS
 * entries apply), where to forward, and the org's sharing switch (which guests it lets in, SPEC §15).
 */
export type ProxiedApp = { appId: string; orgId: string; upstreamUrl: string; externalSharing: SharingLevel };

/** The live app served by the artifact proxy on this origin, or null. */
export async function findProxiedAppByOrigin(origin: string): Promise<ProxiedApp | null> {
  const db = await getDb();
  const [row] = await db
    .select({ appId: runs.id, orgId: runs.orgId, upstreamUrl: runs.upstreamUrl, externalSharing: orgs.externalSharing })
    .from(runs)
    .innerJoin(orgs, eq(orgs.id, runs.orgId))
    .where(and(eq(runs.artifactOrigin, origin), isNull(runs.deletedAt), isNotNull(runs.upstreamUrl)))
    .limit(1);
  return row?.upstreamUrl ? { appId: row.appId, orgId: row.orgId, upstreamUrl: row.upstreamUrl, externalSharing: row.externalSharing } : null;
}
