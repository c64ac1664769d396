import type { Caller } from '@/lib/gateway/mint/authorize-and-audit';
import { GatewayError, invalidApiToken, unauthenticated } from '@/lib/gateway/errors';
import { hashApiToken, isWellFormedApiToken } from './api-tokens/api-token-secret';
import { isSameOriginRequest } from './origin-check';
import { readSessionCookie } from './sessions/session-cookie';

/**
 * Who is calling. An Authorization header alone decides when present (the cookie is then ignored);
 * otherwise the session cookie, which must come from the gateway's own origin.
 */
export async function authenticateCaller(req: Request): Promise<Caller> {
  const authorization = req.headers.get('authorization');
  if (authorization !== null) {
    // Another scheme (Basic...) presents no bearer token; a bearer token of the wrong shape is an invalid one.
    if (!/^Bearer(\s|$)/i.test(authorization.trim())) throw unauthenticated();
    const match = /^Bearer ([^\s]+)$/i.exec(authorization.trim());
    if (!match || !isWellFormedApiToken(match[1]!)) throw invalidApiToken();
    return { kind: 'api_token', tokenHash: hashApiToken(match[1]!) };
  }
  const session = await readSessionCookie(req);
  if (!session) throw unauthenticated();
  if (!isSameOriginRequest(req)) {
    throw new GatewayError('cross_origin', 'Cookie-authenticated calls must come from the gateway’s own pages.');
  }
  return { kind: 'session', userId: session.userId, activeOrgId: session.activeOrgId, sessionId: session.sessionId };
}
