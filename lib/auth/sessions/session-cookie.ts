import { getToken } from '@auth/core/jwt';
import { env } from '@/lib/platform/config/env';
import { decodeSessionToken } from './session-decoder';

/** What the sealed cookie says; whether its session is still on is the database's to decide. */
export type SessionClaims = { userId: string; activeOrgId: string | null; sessionId: string };

/**
 * The next-auth session in the request's cookie, or null when absent, forged, tampered, expired,
 * sealed under no secret AUTH_SECRET lists, or sealed before sessions were recorded (no `sid`).
 * Auth.js reads the cookie (its name, its chunks) and the pages' own decoder opens it, so pages and
 * the mint never disagree about a cookie.
 */
export async function readSessionCookie(req: Request): Promise<SessionClaims | null> {
  const cookie = req.headers.get('cookie');
  if (!cookie) return null;
  const e = env();
  const payload = await getToken({
    // Only the cookie: getToken would otherwise take a bearer token for the session when no cookie is set.
    req: { headers: { cookie } },
    // Auth.js's own rule for the cookie's name (and salt): __Secure- when the app is served over https.
    secureCookie: e.APP_URL.startsWith('https://'),
    secret: e.AUTH_SECRETS,
    decode: decodeSessionToken,
  });
  if (!payload || typeof payload.sub !== 'string' || payload.sub === '') return null;
  if (typeof payload.sid !== 'string' || payload.sid === '') return null;
  const org = payload.activeOrgId;
  return { userId: payload.sub, activeOrgId: typeof org === 'string' ? org : null, sessionId: payload.sid };
}
