import { invalidApiToken, refusal, unauthenticated, type Result } from '@/lib/gateway/errors';
import { hashApiToken, isWellFormedApiToken } from './api-tokens/api-token-secret';
import { isWellFormedServiceAccountToken } from './api-tokens/service-account-secret';
import { isSameOriginRequest } from './origin-check';
import { readSessionCookie } from './sessions/session-cookie';

/**
 * Who is calling the gateway's API: a signed-in session (from its cookie), an API token, or a service
 * account's token (only a token's hash is kept). A service account is recognised so that the mint can
 * refuse it as itself (403, audited) rather than as a stranger (SPEC §14).
 */
export type Caller =
  | { kind: 'session'; userId: string; activeOrgId: string | null; sessionId: string }
  | { kind: 'api_token'; tokenHash: string }
  | { kind: 'service_account'; tokenHash: string };

/**
 * Who is calling, or why nobody is recognised. An Authorization header alone decides when present
 * (the cookie is then ignored); otherwise the session cookie, which must come from the gateway's own
 * origin. Whether the token or session is still valid is the mint statement's to decide.
 */
export async function authenticateCaller(req: Request): Promise<Result<{ caller: Caller }>> {
  const authorization = req.headers.get('authorization');
  if (authorization !== null) {
    // Another scheme (Basic...) presents no bearer token; a bearer token of the wrong shape is an invalid one.
    if (!/^Bearer(\s|$)/i.test(authorization.trim())) return unauthenticated();
    const match = /^Bearer ([^\s]+)$/i.exec(authorization.trim());
    const token = match?.[1];
    if (token && isWellFormedApiToken(token)) return { ok: true, caller: { kind: 'api_token', tokenHash: hashApiToken(token) } };
    if (token && isWellFormedServiceAccountToken(token)) return { ok: true, caller: { kind: 'service_account', tokenHash: hashApiToken(token) } };
    return invalidApiToken();
  }
  const session = await readSessionCookie(req);
  if (!session) return unauthenticated();
  if (!isSameOriginRequest(req)) return refusal('cross_origin', 'Cookie-authenticated calls must come from the gateway’s own pages.');
  return { ok: true, caller: { kind: 'session', userId: session.userId, activeOrgId: session.activeOrgId, sessionId: session.sessionId } };
}
