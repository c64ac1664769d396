import { sql } from 'drizzle-orm';
import { preparedRows } from '@/db/client';
import { ruleAdmits } from '../access/rule-sql';
import type { SubjectClaims } from './subject-token';

/** The refusal codes (rows of the error table) and what a granted exchange is audited as. */
export type ExchangeCode =
  | 'token_exchanged'
  | 'invalid_client'
  | 'token_invalid_request'
  | 'unsupported_grant_type'
  | 'invalid_grant'
  | 'invalid_target'
  | 'invalid_scope'
  | 'token_rate_limited'
  | 'token_unavailable';

export type ExchangeAttempt = {
  /** As sent in the Basic credentials (null when there were none); recorded as the audit's app. */
  clientId: string | null;
  secretHash: string | null;
  /** A refusal decided from the request alone; the statement still authenticates the client first. */
  refusal: { code: ExchangeCode; detail: string } | null;
  subject: SubjectClaims | null;
  resource: string | null;
  scopes: string[];
  /** The access token's, recorded when granted. */
  jti: string;
  /** The signing key the access token will be signed with. */
  kid: string;
  rateLimitPerMinute: number;
  ip: string | null;
  userAgent: string | null;
};

export type ExchangeDecision = {
  code: ExchangeCode;
  /** Why the statement refused, in words for the client and the audit log. */
  detail: string | null;
  orgRole: 'admin' | 'member' | null;
  retryAfter: number | null;
};

/**
 * The whole authorization of a token exchange and its audit row, in one statement (one round trip):
 * the client's secret (live, of a live app) → any refusal decided from the request → the subject
 * token's key not revoked → no feed entry revokes the subject token (every claim an entry names
 * equal, and iat at or before it: the feed's rule, SPEC §9) → the viewer may still open the app
 * (user, membership in the app's org, the app's access rule or a live app grant: read fresh, as the mint does) → the
 * resource is live → every scope is allowed to the app and offered by the resource → guests only
 * where the allowance says so → the app's rate limit → the signing key not revoked. In the same
 * statement: the audit row (the app's org's when the client authenticated, else the platform's),
 * its webhook outbox rows, the rate-window row and the credential's last use.
 */
export async function exchangeAndAudit(a: ExchangeAttempt): Promise<ExchangeDecision> {
  const s = a.subject;
  const scopes = a.scopes.join(' ');
  const [row] = await preparedRows<Record<string, unknown>>(sql`
    with client as (
      select c.id, r.org_id, r.workflow_id from app_credentials c join runs r on r.id = c.app_id
      where c.secret_hash = ${a.secretHash}::text and c.app_id = ${a.clientId}::text
        and c.revoked_at is null and c.expires_at > now() and r.deleted_at is null
    ), client_touch as (
      update app_credentials set last_used_at = now()
      where id = (select id from client) and (last_used_at is null or last_used_at < now() - interval '1 minute')
      returning 1
    ), revoked as (
      select 1 from revocations r where r.sid = ${s?.sid ?? null}::text and r.at >= to_timestamp(${s?.iat ?? 0}::bigint)
        and (r.sub is null or r.sub = ${s?.sub ?? null}::text) and (r.org_id is null or r.org_id = ${s?.orgId ?? null}::text)
        and (r.aud is null or r.aud = ${a.clientId}::text)
      union all
      select 1 from revocations r where r.sub = ${s?.sub ?? null}::text and r.at >= to_timestamp(${s?.iat ?? 0}::bigint)
        and (r.sid is null or r.sid = ${s?.sid ?? null}::text) and (r.org_id is null or r.org_id = ${s?.orgId ?? null}::text)
        and (r.aud is null or r.aud = ${a.clientId}::text)
      union all
      select 1 from revocations r where r.aud = ${a.clientId}::text and r.at >= to_timestamp(${s?.iat ?? 0}::bigint)
        and (r.sid is null or r.sid = ${s?.sid ?? null}::text) and (r.sub is null or r.sub = ${s?.sub ?? null}::text)
        and (r.org_id is null or r.org_id = ${s?.orgId ?? null}::text)
      limit 1
    ), viewer as (
      select memberships.role::text as role from runs
        join memberships on memberships.org_id = runs.org_id and memberships.user_id = ${s?.sub ?? null}::text
        join users u on u.id = memberships.user_id and u.deleted_at is null
      where runs.id = ${a.clientId}::text and runs.deleted_at is null and runs.org_id = ${s?.orgId ?? null}::text
        -- The rule admits them, or (SPEC §16) their live app grant does, as at the mint.
        and (${ruleAdmits(s?.sub ?? '')} or exists (
          select 1 from app_grants g where g.app_id = runs.id and g.user_id = memberships.user_id
            and g.ended_at is null and (g.ends_at is null or g.ends_at > now())))
      union all
      -- A guest (SPEC §15): their guest session of this app (the token's sid) is still on; its link's
      -- revocation or expiry, the app made private, the org's switch turned down all end it.
      select 'guest' from guest_sessions gs
      where ${s?.kind === 'guest'}::boolean and gs.id = ${s?.sid ?? null}::text and gs.app_id = ${a.clientId}::text
        and gs.ended_at is null and gs.expires_at > now() and (gs.user_id = ${s?.sub ?? null}::text or gs.guest_sub = ${s?.sub ?? null}::text)
      union all
      -- A person outside the org admitted by their live app grant (SPEC §16): a guest token of their session.
      select 'guest' from app_grants g join runs r on r.id = g.app_id and r.deleted_at is null
      where ${s?.kind === 'guest'}::boolean and g.app_id = ${a.clientId}::text and g.user_id = ${s?.sub ?? null}::text
        and g.ended_at is null and (g.ends_at is null or g.ends_at > now())
      limit 1
    ), resource as (
      select scopes from resources where id = ${a.resource}::text and removed_at is null
    ), allowance as (
      select scopes, guests from app_resource_allowances where app_id = ${a.clientId}::text and resource_id = ${a.resource}::text
    ), recent as (
      select count(*)::int as n, min(at) as oldest from (
        select w.at from exchange_rate_window w
        where ${a.rateLimitPerMinute}::int > 0 and w.app_id = ${a.clientId}::text and w.at > now() - interval '60 seconds'
        order by w.at desc limit greatest(${a.rateLimitPerMinute}::int, 1)
      ) w
    ), decision as (
      select case
        when not exists (select 1 from client) then 'invalid_client'
        when ${a.refusal?.code ?? null}::text is not null then ${a.refusal?.code ?? null}::text
        when exists (select 1 from signing_keys k where k.kid = ${s?.kid ?? null}::text and k.revoked_at is not null) then 'invalid_grant|The subject token was signed with a revoked key.'
        when exists (select 1 from revoked) then 'invalid_grant|The subject token was revoked.'
        when not exists (select 1 from viewer) then 'invalid_grant|The viewer may no longer open this app.'
        when not exists (select 1 from resource) then 'invalid_target|The audience is not a registered resource.'
        when not exists (select 1 from allowance) then 'invalid_scope|This app is allowed no scope on the resource.'
        when not (string_to_array(${scopes}::text, ' ') <@ (select scopes from allowance)
          and string_to_array(${scopes}::text, ' ') <@ (select scopes from resource)) then 'invalid_scope|A requested scope is not allowed to this app on the resource.'
        when ${s?.kind === 'guest'}::boolean and not (select guests from allowance) then 'invalid_grant|This app may not act for guests on the resource.'
        when ${a.rateLimitPerMinute}::int > 0 and (select n from recent) >= ${a.rateLimitPerMinute}::int then 'token_rate_limited|Too many tokens exchanged for this app; try again shortly.'
        when not exists (select 1 from signing_keys k where k.kid = ${a.kid}::text and k.revoked_at is null) then 'token_unavailable|The signing key is being replaced; try again.'
        else 'token_exchanged' end as outcome
    ), verdict as (
      select split_part(outcome, '|', 1) as code, nullif(split_part(outcome, '|', 2), '') as reason from decision
    ), audit as (
      insert into audit_events (result, code, user_id, session_id, app_id, org_id, workflow_id, jti, ip, user_agent, detail)
      select (case when v.code = 'token_exchanged' then 'minted' else 'denied' end)::audit_result, v.code,
        ${s?.sub ?? null}::text, ${s?.sid ?? null}::text, ${a.clientId}::text,
        (select org_id from client), (select workflow_id from client),
        case when v.code = 'token_exchanged' then ${a.jti}::text end, ${a.ip}::text, ${a.userAgent}::text,
        case when v.code = 'token_exchanged' then ${a.resource}::text || ': ' || ${scopes}::text
          when v.code = 'invalid_client' then null
          else coalesce(v.reason, ${a.refusal?.detail ?? null}::text) end
      from verdict v
      returning id, at, org_id
    ), counted as (
      insert into exchange_rate_window (app_id)
      select ${a.clientId}::text from verdict v where v.code = 'token_exchanged' and ${a.rateLimitPerMinute}::int > 0
      returning 1
    ), outbox as (
      insert into webhook_deliveries (endpoint_id, event_id, event_at)
      select w.id, a.id, a.at from audit a join webhook_endpoints w on w.org_id = a.org_id
      returning 1
    )
    select v.code, v.reason, (select role::text from viewer) as org_role,
      (select greatest(1, ceil(extract(epoch from (oldest + interval '60 seconds' - now()))))::int from recent) as retry_after
    from verdict v
  `);
  if (!row) throw new Error('exchange statement returned no row');
  return {
    code: row.code as ExchangeCode,
    detail: (row.reason as string | null) ?? null,
    orgRole: (row.org_role as 'admin' | 'member' | null) ?? null,
    retryAfter: (row.retry_after as number | null) ?? null,
  };
}
