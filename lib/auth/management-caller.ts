import { sql } from 'drizzle-orm';
import { preparedRows } from '@/db/client';
import { DatabaseUnavailableError, withDeadline } from '@/db/deadline';
import type { Actor } from '@/lib/gateway/audit/actor';
import { insufficientScope, refusal, unavailable, type Result } from '@/lib/gateway/errors';
import { env } from '@/lib/platform/config/env';
import { hashApiToken, isWellFormedApiToken } from './api-tokens/api-token-secret';
import { isWellFormedServiceAccountToken } from './api-tokens/service-account-secret';
import { isManagementScope, type ManagementScope } from './scopes';

/** Who calls the management API, for which org, and which management scopes work for them right now. */
export type ManagementCaller = {
  orgId: string;
  actor: Extract<Actor, { kind: 'service_account' } | { via: 'api_token' }>;
  scopes: ReadonlySet<ManagementScope>;
};

const UNAUTHENTICATED = 'Send Authorization: Bearer <token>: a service-account token, or an API token with a management scope.';
/** One 401 for every bad, expired or revoked token (RFC 6750 `invalid_token`): it says nothing about why. */
const invalidToken = () => refusal('unauthenticated', UNAUTHENTICATED, { invalidToken: true });
/** Another org's path, or one that does not exist: the same 404 either way. */
const noSuchOrg = () => refusal('not_found', 'No such organization.');

type Credential = { kind: 'service_account'; id: string; tokenId: string; orgId: string; scopes: string[] } | { kind: 'api_token'; tokenId: string; userId: string; orgId: string; scopes: string[]; role: string | null };

/** The bearer token of the request; RFC 6750 §2.1 only (no query or body tokens, no cookie). */
function bearerOf(req: Request): Result<{ token: string }> {
  const authorization = req.headers.get('authorization');
  // No credentials: a plain `WWW-Authenticate: Bearer`, no error code (RFC 6750 §3.1).
  if (authorization === null || !/^Bearer(\s|$)/i.test(authorization.trim())) return refusal('unauthenticated', UNAUTHENTICATED);
  const match = /^Bearer ([^\s]+)$/i.exec(authorization.trim());
  return match ? { ok: true, token: match[1]! } : invalidToken();
}

/**
 * The credential a token names, read fresh, and its use recorded (at most once a minute), in one
 * prepared statement (planned once per connection, not at every call: every management call sends it): a live
 * service-account token of a live account, or a live API token of a user not deleted, with the
 * person's current role in the token's org.
 */
async function lookUp(token: string): Promise<Credential | null> {
  const hash = hashApiToken(token);
  if (isWellFormedServiceAccountToken(token)) {
    const [row] = await preparedRows<{ id: string; token_id: string; org_id: string; scopes: string[] }>(sql`
        with tok as (
          select t.id as token_id, a.id, a.org_id, a.scopes from service_account_tokens t join service_accounts a on a.id = t.service_account_id
          where t.token_hash = ${hash} and t.revoked_at is null and t.expires_at > now() and a.revoked_at is null
        ), touch_token as (
          update service_account_tokens set last_used_at = now()
          where id = (select token_id from tok) and (last_used_at is null or last_used_at < now() - interval '1 minute') returning 1
        ), touch_account as (
          update service_accounts set last_used_at = now()
          where id = (select id from tok) and (last_used_at is null or last_used_at < now() - interval '1 minute') returning 1
        )
        select id, token_id, org_id, scopes from tok`);
    return row ? { kind: 'service_account', id: row.id, tokenId: row.token_id, orgId: row.org_id, scopes: row.scopes } : null;
  }
  if (isWellFormedApiToken(token)) {
    const [row] = await preparedRows<{ id: string; user_id: string; org_id: string; scopes: string[]; role: string | null }>(sql`
        with tok as (
          select t.id, t.user_id, t.org_id, t.scopes from api_tokens t join users u on u.id = t.user_id and u.deleted_at is null
          where t.token_hash = ${hash} and t.revoked_at is null and (t.expires_at is null or t.expires_at > now())
        ), touch as (
          update api_tokens set last_used_at = now()
          where id = (select id from tok) and (last_used_at is null or last_used_at < now() - interval '1 minute') returning 1
        )
        select tok.id, tok.user_id, tok.org_id, tok.scopes, m.role::text as role
        from tok left join memberships m on m.user_id = tok.user_id and m.org_id = tok.org_id`);
    return row ? { kind: 'api_token', tokenId: row.id, userId: row.user_id, orgId: row.org_id, scopes: row.scopes, role: row.role } : null;
  }
  return null;
}

/**
 * Authenticates a management API call on `orgId`'s paths that needs `scope`: 401 for a missing, bad,
 * expired or revoked token; 404 for another org's paths (whatever the token's scopes); 403
 * `insufficient_scope` naming `scope` otherwise. An API token's management scopes count only while
 * its person is an admin of the token's org, read here at every call.
 */
export async function authorizeManagement(req: Request, orgId: string, scope: ManagementScope): Promise<Result<ManagementCaller>> {
  const bearer = bearerOf(req);
  if (!bearer.ok) return bearer;
  let credential: Credential | null;
  try {
    credential = await withDeadline(lookUp(bearer.token), env().DB_TIMEOUT_MS);
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) return unavailable('The database is not answering.');
    throw error;
  }
  if (!credential) return invalidToken();
  if (credential.orgId !== orgId) return noSuchOrg();
  const working = credential.kind === 'service_account' || credential.role === 'admin' ? credential.scopes.filter(isManagementScope) : [];
  const caller: ManagementCaller = {
    orgId,
    actor:
      credential.kind === 'service_account'
        ? { kind: 'service_account', serviceAccountId: credential.id, tokenId: credential.tokenId }
        : { kind: 'user', userId: credential.userId, via: 'api_token', apiTokenId: credential.tokenId },
    scopes: new Set(working),
  };
  if (!caller.scopes.has(scope)) {
    const why =
      credential.kind === 'api_token' && credential.role !== 'admin' && credential.scopes.includes(scope)
        ? `This API token has the scope ${scope}, but it works only while its person is an admin of the organization.`
        : `This token lacks the scope ${scope}.`;
    return insufficientScope(scope, why);
  }
  return { ok: true, ...caller };
}

/** Whether the caller may also use `scope` (e.g. `shares:write` for a public app), or the 403 that says it may not. */
export function requireScope(caller: ManagementCaller, scope: ManagementScope): Result {
  return caller.scopes.has(scope) ? { ok: true } : insufficientScope(scope, `This change also needs the scope ${scope}.`);
}
