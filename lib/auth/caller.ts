import { invalidApiToken, refusal, unauthenticated, type Result } from '@/lib/gateway/errors';
import { hashApiToken, isWellFormedApiToken } from './api-tokens/api-token-secret';
import { isSameOriginRequest } from './origin-check';
import { readSessionCookie } from './sessions/session-cookie';

/** Who is calling the gateway's API: a signed-in session (from its cookie) or an API token (only its hash is kept). */
export type Caller =
  | { kind: 'session'; userId: string; activeOrgId: string | null; sessionId: string }
  | { kind: 'api_token'; tokenHash: string };

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
    if (!match?.[1] || !isWellFormedApiToken(match[1])) return invalidApiToken();
    return { ok: true, caller: { kind: 'api_token', tokenHash: hashApiToken(match[1]) } };
  }
  const session = await readSessionCookie(req);
  if (!session) return unauthenticated();
  if (!isSameOriginRequest(req)) return refusal('cross_origin', 'Cookie-authenticated calls must come from the gateway’s own pages.');
  return { ok: true, caller: { kind: 'session', userId: session.userId, activeOrgId: session.activeOrgId, sessionId: session.sessionId } };
}
