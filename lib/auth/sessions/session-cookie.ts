import { getToken } from '@auth/core/jwt';
import { env } from '@/lib/platform/config/env';
import { decodeSessionToken } from './session-decoder';

/** What the sealed cookie says; whether its session is still on is the database's to decide. */
export type SessionClaims = { userId: string; activeOrgId: string | null; sessionId: string };

/**
 * Cookie headers already read by Auth.js, by their exact text and whether the cookie is __Secure-:
 * which token and salt it found is a pure function of those two, so a session's header (the same at
 * each of its mints) is parsed once; the token is still opened, and its expiry and secret checked, at
 * every use (session-decoder.ts). Only a header whose cookie opened is remembered, and only a short
 * one: nobody fills this with headers of their making. Bounded, least recently read out.
 */
const sealedByHeader = new Map<string, { token: string; salt: string }>();
const MAX_HEADERS = 4096;
const MAX_HEADER_LENGTH = 4096;

/** The sealed token Auth.js finds in the header, with the key to remember it by once it opened (null: not to be remembered). */
async function sealedIn(cookie: string, secureCookie: boolean, secret: string[]): Promise<{ token: string; salt: string; key: string | null } | null> {
  const key = cookie.length <= MAX_HEADER_LENGTH ? `${secureCookie ? 's' : 'p'}${cookie}` : null;
  const known = key === null ? undefined : sealedByHeader.get(key);
  if (key !== null && known) {
    sealedByHeader.delete(key);
    sealedByHeader.set(key, known);
    return { ...known, key: null }; // already remembered
  }
  let found: { token: string; salt: string } | null = null;
  await getToken({
    // Only the cookie: getToken would otherwise take a bearer token for the session when no cookie is set.
    req: { headers: { cookie } },
    // Auth.js's own rule for the cookie's name (and salt): __Secure- when the app is served over https.
    secureCookie,
    secret,
    // What Auth.js would decode, kept: the decoding itself happens in readSessionCookie, at every use.
    decode: async ({ token, salt }) => ((found = token ? { token, salt } : null), null),
  });
  const sealed = found as { token: string; salt: string } | null;
  return sealed && { ...sealed, key };
}

function remember(key: string, sealed: { token: string; salt: string }): void {
  sealedByHeader.set(key, sealed);
  if (sealedByHeader.size > MAX_HEADERS) sealedByHeader.delete(sealedByHeader.keys().next().value!);
}

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
  // The sealed token Auth.js finds in the header (its chunks joined) and the salt it opens with (the cookie's name).
  const sealed = await sealedIn(cookie, e.APP_URL.startsWith('https://'), e.AUTH_SECRETS);
  const payload = sealed && (await decodeSessionToken({ token: sealed.token, secret: e.AUTH_SECRETS, salt: sealed.salt }));
  if (payload && sealed.key !== null) remember(sealed.key, { token: sealed.token, salt: sealed.salt });
  if (!payload || typeof payload.sub !== 'string' || payload.sub === '') return null;
  if (typeof payload.sid !== 'string' || payload.sid === '') return null;
  const org = payload.activeOrgId;
  return { userId: payload.sub, activeOrgId: typeof org === 'string' ? org : null, sessionId: payload.sid };
}
