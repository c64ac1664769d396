import { sql } from 'drizzle-orm';
import { preparedRows } from '@/db/client';

export type GuestMintAttempt = {
  appId: string;
  /** SHA-256 of the guest cookie's secret. */
  secretHash: string;
  jti: string;
  kid: string;
  ip: string | null;
  userAgent: string | null;
  rateLimitPerMinute: number;
};

type GuestMintCode = 'minted' | 'unauthenticated' | 'rate_limited' | 'unavailable';

export type GuestMintDecision = {
  code: GuestMintCode;
  sessionId: string | null;
  via: 'share_link' | 'public' | null;
  shareId: string | null;
  /** The signed-in person's id, or the anonymous guest's `gst_…`. */
  sub: string | null;
  /** The signed-in person's name, or the name an anonymous guest gave. */
  name: string | null;
  email: string | null;
  /** When the guest session ends (its link's end at the latest), seconds since the epoch. */
  endsAt: number | null;
  retryAfter: number | null;
};

/**
 * The whole authorization of a guest mint and its audit row, in one statement (one round trip):
 * the guest session (by its cookie's hash: on, not expired, for this app) → the app (live) and its
 * org's switch → how the guest came in still opening it (the link unrevoked and unexpired, or the
 * app still public) → a signed-in guest not deleted → rate limit (per guest session) → signing key
 * not revoked; then the audit row (naming the share) and its webhook outbox rows. Anything that
 * no longer opens the app is `unauthenticated`: the guest's session is over.
 */
export async function authorizeGuestMint(a: GuestMintAttempt): Promise<GuestMintDecision> {
  const [row] = await preparedRows<Record<string, unknown>>(sql`
    with gs as (
      select g.id, g.org_id, g.via, g.share_id, g.user_id, g.guest_sub, g.display_name, g.expires_at, g.last_used_at from guest_sessions g
      where g.secret_hash = ${a.secretHash}::text and g.app_id = ${a.appId}::text and g.ended_at is null and g.expires_at > now()
    ), gs_touch as (
      update guest_sessions set last_used_at = now()
      where id = (select id from gs) and (select last_used_at from gs) < now() - interval '1 minute'
      returning 1
    ), app as (
      select r.access, o.external_sharing from runs r join orgs o on o.id = r.org_id
      where r.id = ${a.appId}::text and r.deleted_at is null and r.org_id = (select org_id from gs)
    ), link as (
      select 1 from share_links l where l.id = (select share_id from gs) and l.revoked_at is null and l.expires_at > now()
    ), person as (
      select u.name, u.email from users u where u.id = (select user_id from gs) and u.deleted_at is null
    ), opens as (
      select 1 from gs, app where ((select user_id from gs) is null or exists (select 1 from person))
        and case gs.via
          when 'share_link' then app.external_sharing <> 'off' and exists (select 1 from link)
          else app.access = 'public' and app.external_sharing = 'links_and_public' end
    ), recent as (
      select count(*)::int as n, min(at) as oldest from (
        select w.at from mint_rate_window w
        where ${a.rateLimitPerMinute}::int > 0 and w.user_id = (select id from gs)
          and w.app_id = ${a.appId}::text and w.at > now() - interval '60 seconds'
        order by w.at desc limit greatest(${a.rateLimitPerMinute}::int, 1)
      ) w
    ), decision as (
      select case
        when not exists (select 1 from opens) then 'unauthenticated'
        when ${a.rateLimitPerMinute}::int > 0 and (select n from recent) >= ${a.rateLimitPerMinute}::int then 'rate_limited'
        when not exists (select 1 from signing_keys k where k.kid = ${a.kid}::text and k.revoked_at is null) then 'unavailable'
        else 'minted' end as code
    ), audit as (
      insert into audit_events (result, code, user_id, session_id, auth_via, app_id, org_id, share_id, jti, ip, user_agent)
      select case when d.code = 'minted' then 'minted' else 'denied' end::audit_result, d.code,
        (select user_id from gs), (select id from gs), coalesce((select via::text from gs), 'share_link')::auth_via,
        -- A session that no longer opens the app is nobody the org knows: that denial is the platform's (org_id null).
        ${a.appId}::text, case when d.code <> 'unauthenticated' then (select org_id from gs) end, (select share_id from gs),
        case when d.code = 'minted' then ${a.jti}::text end, ${a.ip}::text, ${a.userAgent}::text
      from decision d
      returning id, at, org_id
    ), counted as (
      insert into mint_rate_window (user_id, app_id)
      select (select id from gs), ${a.appId}::text from decision d where d.code = 'minted' and ${a.rateLimitPerMinute}::int > 0
      returning 1
    ), outbox as (
      insert into webhook_deliveries (endpoint_id, event_id, event_at)
      select w.id, a.id, a.at from audit a join webhook_endpoints w on w.org_id = a.org_id
      returning 1
    )
    select d.code, (select id from gs) as session_id, (select via::text from gs) as via, (select share_id from gs) as share_id,
      coalesce((select user_id from gs), (select guest_sub from gs)) as sub,
      case when (select user_id from gs) is null then (select display_name from gs) else (select name from person) end as name,
      (select email from person) as email,
      (select floor(extract(epoch from expires_at))::bigint from gs) as ends_at,
      (select greatest(1, ceil(extract(epoch from (oldest + interval '60 seconds' - now()))))::int from recent) as retry_after
    from decision d
  `);
  if (!row) throw new Error('guest mint statement returned no row');
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    code: row.code as GuestMintCode,
    sessionId: str(row.session_id),
    via: str(row.via) as GuestMintDecision['via'],
    shareId: str(row.share_id),
    sub: str(row.sub),
    name: str(row.name),
    email: str(row.email),
    endsAt: row.ends_at === null || row.ends_at === undefined ? null : Number(row.ends_at),
    retryAfter: (row.retry_after as number | null) ?? null,
  };
}
