import { sql } from 'drizzle-orm';
import { getDb, rowsOf } from '@/db/client';
import { openProxySecret } from '@/lib/gateway/exchange/proxy-secret-box';
import { env } from '@/lib/platform/config/env';
import { log } from '@/lib/platform/log';
import type { SharingLevel } from '@/lib/gateway/sharing/sharing-levels';

/**
 * What the proxy needs to act for the app's viewers (SPEC §17): the app's own proxy credential, the
 * resource it exchanges for, the scopes the app is allowed there (and the resource still offers), and
 * whether guests may be acted for.
 */
export type ProxyActAs = { clientSecret: string; resource: string; scopes: string[]; guests: boolean };

/**
 * What the artifact proxy needs to serve an origin: whose it is (the org's ARTIFACT_PROXY_UPSTREAMS
 * entries apply), where to forward, the org's sharing switch (which guests it lets in, SPEC §15),
 * and, when an org admin turned it on, how to act for the viewer (null otherwise).
 */
export type ProxiedApp = { appId: string; orgId: string; upstreamUrl: string; externalSharing: SharingLevel; actAs?: ProxyActAs | null };

type Row = {
  app_id: string;
  org_id: string;
  upstream_url: string;
  external_sharing: SharingLevel;
  credential_id: string | null;
  secret_sealed: string | null;
  resource_id: string | null;
  scopes: string[] | null;
  guests: boolean | null;
};

/** The live app served by the artifact proxy on this origin, or null. */
export async function findProxiedAppByOrigin(origin: string): Promise<ProxiedApp | null> {
  const db = await getDb();
  // The proxy credential counts only while live, allowed on a live resource, with a scope left there.
  const [row] = rowsOf<Row>(
    await db.execute(sql`
      select r.id as app_id, r.org_id, r.upstream_url, o.external_sharing, p.credential_id, p.secret_sealed, p.resource_id, p.scopes, p.guests
      from runs r join orgs o on o.id = r.org_id
      left join lateral (
        select c.id as credential_id, c.secret_sealed, c.proxy_resource_id as resource_id, a.guests,
          array(select s from unnest(a.scopes) s where s = any(res.scopes) order by s) as scopes
        from app_credentials c
          join app_resource_allowances a on a.app_id = c.app_id and a.resource_id = c.proxy_resource_id
          join resources res on res.id = a.resource_id and res.removed_at is null
        where c.app_id = r.id and c.proxy_resource_id is not null and c.revoked_at is null and c.expires_at > now()
        limit 1
      ) p on true
      where r.artifact_origin = ${origin} and r.deleted_at is null and r.upstream_url is not null
      limit 1
    `),
  );
  if (!row) return null;
  const actAs =
    row.credential_id && row.secret_sealed && row.resource_id && row.scopes?.length
      ? actAsOf(row.app_id, row.credential_id, row.secret_sealed, { resource: row.resource_id, scopes: row.scopes, guests: row.guests === true })
      : null;
  return { appId: row.app_id, orgId: row.org_id, upstreamUrl: row.upstream_url, externalSharing: row.external_sharing, actAs };
}

/**
 * The proxy credential opened; null (the app is still served, without acting for its viewers) when
 * it does not open, e.g. after APP_TOKEN_KEY_SECRET changed: turning it on again seals a new one.
 */
function actAsOf(appId: string, credentialId: string, sealed: string, grant: Omit<ProxyActAs, 'clientSecret'>): ProxyActAs | null {
  try {
    return { clientSecret: openProxySecret(sealed, credentialId, env().APP_TOKEN_KEY_SECRET), ...grant };
  } catch {
    log.warn('proxy_credential_unreadable', { appId, credentialId });
    return null;
  }
}
