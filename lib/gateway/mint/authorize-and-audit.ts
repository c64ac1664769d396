import { sql } from 'drizzle-orm';
import { preparedRows } from '@/db/client';
import type { Caller } from '@/lib/auth/caller';
import type { GatewayErrorCode } from '../errors';

export type MintAttempt = {
  appId: string;
  workflowId: string | null;
  /** Who is calling; null when the request was refused before anyone was recognised. */
  caller: Caller | null;
  /** A refusal decided before the statement (the body, the credentials, no signing key): the statement then only writes its audit row. */
  refused: GatewayErrorCode | null;
  jti: string | null;
  kid: string | null;
  ip: string | null;
  userAgent: string | null;
  rateLimitPerMinute: number;
};

/** What the statement decided, with what each outcome needs. `not_allowed`: a member the app's access rule leaves out; answered exactly like `not_found`, audited as itself. */
export type MintDecision =
  | {
      code: 'minted';
      viewer: { userId: string; name: string; email: string };
      /** The token's `sid`: the caller's session, or the API token that authenticated it. */
      sid: string;
      app: { orgId: string; workflowId: string };
      /** The viewer's role in the app's org, read in the same statement; `guest`: outside the org, admitted by an app grant (SPEC §16). */
      orgRole: 'admin' | 'member' | 'guest';
      /** When the app grant that alone admitted the viewer ends (seconds since the epoch); null: no such end. */
      grantEndsAt: number | null;
    }
  | { code: 'org_mismatch'; appOrgId: string; appOrgName: string }
  | { code: 'rate_limited'; retryAfter: number }
  /** `insufficient_scope`: an API token made without the `mint` scope; `service_account`: a service account's live token, which never mints. */
  | { code: 'unauthenticated' | 'insufficient_scope' | 'service_account' | 'not_found' | 'not_allowed' | 'unavailable' }
  /** The refusal decided before the statement, audited. */
  | { code: 'refused' };

/**
 * The whole authorization of a mint and its audit row, in one statement (one round trip):
 * authenticate (API token, or session user whose session is still on) → resolve the app and its org
 * → membership → the app's access rule, or the viewer's live app grant (SPEC §16) → acting org → workflow → rate limit (mint_rate_window) →
 * signing key not revoked; then the audit row records the outcome (and a minted token its place in
 * the rate window), attributed to the app's org only when the caller is an authenticated member of it.
 * Membership, roles and revocations are read fresh here at every mint. A mint refused before it
 * (`refused`) is audited here too, its app not looked up (so the row is no org's): the one writer of mints' audit rows.
 */
export async function authorizeAndAudit(a: MintAttempt): Promise<MintDecision> {
  const tokenHash = a.caller?.kind === 'api_token' ? a.caller.tokenHash : null;
  const serviceAccountHash = a.caller?.kind === 'service_account' ? a.caller.tokenHash : null;
  const session = a.caller?.kind === 'session' ? a.caller : null;
  const [sessionUser, sessionOrg, sessionId] = [session?.userId ?? null, session?.activeOrgId ?? null, session?.sessionId ?? null];
  const [row] = await preparedRows<Record<string, unknown>>(sql`
    with tok as (
      select t.id, t.user_id, t.org_id, 'mint' = any(t.scopes) as can_mint from api_tokens t
      where t.token_hash = ${tokenHash}::text and t.revoked_at is null and (t.expires_at is null or t.expires_at > now())
    ), touch as (
      update api_tokens set last_used_at = now()
      where id = (select id from tok) and (last_used_at is null or last_used_at < now() - interval '1 minute')
      returning 1
    ), sa as (
      -- A service account's live token: recognised only to be refused as itself (SPEC §14). The first
      -- condition is a one-time filter: a member's mint (no such token) never probes the table.
      select a.id, a.org_id from service_account_tokens t join service_accounts a on a.id = t.service_account_id
      where ${serviceAccountHash}::text is not null and t.token_hash = ${serviceAccountHash}::text and t.revoked_at is null and t.expires_at > now() and a.revoked_at is null
    ), ses as (
      select s.id from sessions s
      where s.id = ${sessionId}::text and s.user_id = ${sessionUser}::text and s.ended_at is null and s.expires_at > now()
    ), ses_touch as (
      update sessions set last_used_at = now()
      where id = (select id from ses) and last_used_at < now() - interval '1 minute'
      returning 1
    ), viewer as (
      select u.id, u.name, u.email from users u
      where u.deleted_at is null
        and u.id = (case when ${tokenHash}::text is null then ${sessionUser}::text else (select user_id from tok) end)
    ), acting as (
      select case when ${tokenHash}::text is null then ${sessionOrg}::text else (select org_id from tok) end as org_id
    ), app as (
      select r.org_id, r.workflow_id, r.access_rule, o.name as org_name from runs r join orgs o on o.id = r.org_id
      where r.id = ${a.appId} and r.deleted_at is null and ${a.refused}::text is null
    ), member as (
      select m.role from memberships m where m.user_id = (select id from viewer) and m.org_id = (select org_id from app)
    ), allowed as (
      select 1 from app where exists (select 1 from member) and (app.access_rule = 'everyone' or (select role from member) = 'admin'
        or (app.access_rule = 'members' and (exists (
          select 1 from app_access_members l where l.app_id = ${a.appId} and l.user_id = (select id from viewer)) or exists (
          -- SPEC §18: a member of a group the rule lists (both probes by primary key).
          select 1 from app_access_groups ag join group_members gm on gm.group_id = ag.group_id
          where ag.app_id = ${a.appId} and gm.user_id = (select id from viewer)))))
    ), app_grant as (
      -- SPEC §16: the viewer's live grant for this app admits them whatever the rule says; a person
      -- outside the org only with their session (as a guest), never with an API token of another org.
      -- Looked for only when the rule leaves the viewer out: a mint the rule admits reads no grant.
      select g.id, g.ends_at from app_grants g
      where not exists (select 1 from allowed) and exists (select 1 from app)
        and g.app_id = ${a.appId} and g.user_id = (select id from viewer) and g.ended_at is null and (g.ends_at is null or g.ends_at > now())
        and (exists (select 1 from member) or ${tokenHash}::text is null)
    ), recent as (
      select count(*)::int as n, min(at) as oldest from (
        select w.at from mint_rate_window w
        where ${a.rateLimitPerMinute}::int > 0 and w.user_id = (select id from viewer)
          and w.app_id = ${a.appId} and w.at > now() - interval '60 seconds'
        order by w.at desc limit greatest(${a.rateLimitPerMinute}::int, 1)
      ) w
    ), decision as (
      select case
        when ${a.refused}::text is not null then 'refused'
        when ${serviceAccountHash}::text is not null then case when exists (select 1 from sa) then 'service_account' else 'unauthenticated' end
        when not exists (select 1 from viewer) then 'unauthenticated'
        when ${tokenHash}::text is null and not exists (select 1 from ses) then 'unauthenticated'
        when ${tokenHash}::text is not null and not (select can_mint from tok) then 'insufficient_scope'
        when not exists (select 1 from app) or (not exists (select 1 from member) and not exists (select 1 from app_grant)) then 'not_found'
        when not exists (select 1 from allowed) and not exists (select 1 from app_grant) then 'not_allowed'
        when exists (select 1 from member) and (select org_id from acting) is distinct from (select org_id from app) then 'org_mismatch'
        when ${a.workflowId}::text is not null and ${a.workflowId}::text <> (select workflow_id from app) then 'not_found'
        when ${a.rateLimitPerMinute}::int > 0 and (select n from recent) >= ${a.rateLimitPerMinute}::int then 'rate_limited'
        when not exists (select 1 from signing_keys k where k.kid = ${a.kid} and k.revoked_at is null) then 'unavailable'
        else 'minted' end as code
    ), audit as (
      insert into audit_events (result, code, user_id, api_token_id, service_account_id, session_id, auth_via, app_id, org_id, workflow_id, jti, ip, user_agent, detail)
      select case when d.code = 'minted' then 'minted' else 'denied' end::audit_result, coalesce(${a.refused}::text, d.code),
        (select id from viewer), (select id from tok), (select id from sa), ${sessionId}::text, ${a.caller?.kind ?? null}::auth_via,
        -- Only an authenticated member's own doings (or a grantee's, SPEC §16) go into the org's log (and a service account's, at its own org's app): anyone else's denial (an ended session's too) is the platform's (org_id null).
        ${a.appId}, case when d.code = 'service_account' then (select org_id from sa where org_id = (select org_id from app))
          when d.code <> 'unauthenticated' and (exists (select 1 from member) or exists (select 1 from app_grant)) then (select org_id from app) end,
        coalesce(${a.workflowId}::text, (select workflow_id from app)),
        case when d.code = 'minted' then ${a.jti} end, ${a.ip}, ${a.userAgent},
        case when d.code = 'not_allowed' then (select access_rule::text from app)
          when d.code = 'minted' and not exists (select 1 from allowed) then 'grant ' || (select id from app_grant) end
      from decision d
      returning id, at, org_id
    ), counted as (
      insert into mint_rate_window (user_id, app_id)
      select (select id from viewer), ${a.appId} from decision d where d.code = 'minted' and ${a.rateLimitPerMinute}::int > 0
      returning 1
    ), outbox as (
      -- Audit webhooks: the transactional outbox, written with the audit row (lib/gateway/webhooks).
      insert into webhook_deliveries (endpoint_id, event_id, event_at)
      select w.id, a.id, a.at from audit a join webhook_endpoints w on w.org_id = a.org_id
      returning 1
    )
    select d.code,
      (select id from viewer) as user_id, (select name from viewer) as name, (select email from viewer) as email,
      coalesce((select id from tok), (select id from ses)) as sid,
      (select org_id from app) as app_org_id, (select org_name from app) as app_org_name,
      (select workflow_id from app) as workflow_id, coalesce((select role::text from member), 'guest') as org_role,
      -- A token admitted by a grant alone never outlives it (SPEC part three).
      case when not exists (select 1 from allowed) then (select extract(epoch from ends_at)::float8 from app_grant) end as grant_ends_at,
      (select greatest(1, ceil(extract(epoch from (oldest + interval '60 seconds' - now()))))::int from recent) as retry_after
    from decision d
  `);
  if (!row) throw new Error('mint statement returned no row');
  return decisionOf(row);
}

const text = (v: unknown, column: string): string => {
  if (typeof v !== 'string') throw new Error(`mint statement: ${column} missing`);
  return v;
};

/** The row as the decision it carries, checked: a column an outcome needs and lacks is a bug, not a token with holes. */
function decisionOf(row: Record<string, unknown>): MintDecision {
  const code = row.code;
  switch (code) {
    case 'minted': {
      const role = row.org_role;
      if (role !== 'admin' && role !== 'member' && role !== 'guest') throw new Error('mint statement: org_role missing');
      return {
        code,
        viewer: { userId: text(row.user_id, 'user_id'), name: text(row.name, 'name'), email: text(row.email, 'email') },
        sid: text(row.sid, 'sid'),
        app: { orgId: text(row.app_org_id, 'app_org_id'), workflowId: text(row.workflow_id, 'workflow_id') },
        orgRole: role,
        grantEndsAt: row.grant_ends_at === null || row.grant_ends_at === undefined ? null : Number(row.grant_ends_at),
      };
    }
    case 'org_mismatch':
      return { code, appOrgId: text(row.app_org_id, 'app_org_id'), appOrgName: text(row.app_org_name, 'app_org_name') };
    case 'rate_limited':
      return { code, retryAfter: typeof row.retry_after === 'number' ? row.retry_after : 60 };
    case 'unauthenticated':
    case 'insufficient_scope':
    case 'service_account':
    case 'not_found':
    case 'not_allowed':
    case 'unavailable':
    case 'refused':
      return { code };
    default:
      throw new Error(`mint statement: unknown decision ${String(code)}`);
  }
}
