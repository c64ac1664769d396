import { createHmac } from 'node:crypto';
import { parseCookie } from 'cookie';
import { secretsEqual } from '@/lib/platform/crypto/constant-time-equal';
import { LruMap } from './lru-map';

// The proxy session cookie: the app session token plus an HMAC over (origin, token) under the
// proxy's cookie key. Unforgeable without the key, bound to one app origin, and still verified as a
// token (signature, audience, expiry) on every request.

const NAME = 'app_gateway_proxy_session';
const SECURE_NAME = `__Host-${NAME}`;

const sessionCookieName = (secure: boolean) => (secure ? SECURE_NAME : NAME);

/** Whether a cookie name is the proxy's, in either spelling: compared exactly, as browsers compare names. */
export const isProxyCookieName = (name: string) => name === NAME || name === SECURE_NAME;

const mac = (key: Buffer, origin: string, token: string) => createHmac('sha256', key).update(`${origin}\n${token}`).digest('base64url');

export interface CookieOptions {
  key: Buffer;
  origin: string;
  secure: boolean;
  /**
   * Cookie values whose MAC has checked out for this origin, and their tokens: a session's every
   * request sends the same value, whose MAC is then computed once. Only values that checked out go in.
   */
  checked?: LruMap<string, string>;
}

/** `Set-Cookie` for a verified token, expiring with it. */
export function sessionSetCookie({ key, origin, secure }: CookieOptions, token: string, expSeconds: number): string {
  const maxAge = Math.max(0, Math.floor(expSeconds - Date.now() / 1000));
  const value = `${token}~${mac(key, origin, token)}`;
  return `${sessionCookieName(secure)}=${value}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=None; Partitioned${secure ? '; Secure' : ''}`;
}

/** `Set-Cookie` that removes the session. */
export function clearedSessionCookie({ secure }: Pick<CookieOptions, 'secure'>): string {
  return `${sessionCookieName(secure)}=; Path=/; Max-Age=0; HttpOnly; SameSite=None; Partitioned${secure ? '; Secure' : ''}`;
}

export interface CookieHeaderParts {
  /** The token of a cookie whose MAC checks out; null when absent or tampered. */
  token: string | null;
  /** Whether a proxy cookie was sent at all (valid or not). */
  present: boolean;
  /** The Cookie header without the proxy's cookie, for the upstream; null when nothing is left. */
  forwarded: string | null;
}

/** Values as sent: the proxy's is compared byte for byte, the upstream's are passed on untouched. */
const RAW = { decode: (value: string) => value };

/**
 * Splits the request's Cookie header into the proxy's session and the rest, read by the `cookie`
 * package (names trimmed, the first of a repeated name wins, pairs without `=` dropped).
 */
export function readProxyCookie(cookieHeader: string | undefined, options: CookieOptions): CookieHeaderParts {
  if (cookieHeader === undefined) return { token: null, present: false, forwarded: null };
  const cookies = parseCookie(cookieHeader, RAW);
  const value = cookies[sessionCookieName(options.secure)];
  let forwarded = '';
  for (const name in cookies) {
    // Either spelling is the proxy's own and never reaches the upstream.
    if (isProxyCookieName(name)) continue;
    forwarded += `${forwarded === '' ? '' : '; '}${name}=${cookies[name]}`;
  }
  return { token: value === undefined ? null : checkedToken(value, options), present: value !== undefined, forwarded: forwarded === '' ? null : forwarded };
}

function checkedToken(value: string, { key, origin, checked }: CookieOptions): string | null {
  const known = checked?.get(value);
  if (known !== undefined) return known;
  const sep = value.lastIndexOf('~');
  if (sep <= 0) return null;
  const token = value.slice(0, sep);
  if (!secretsEqual(value.slice(sep + 1), mac(key, origin, token))) return null;
  checked?.set(value, token);
  return token;
}
