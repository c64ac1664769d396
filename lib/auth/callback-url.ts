const FALLBACK = '/';
const BASE = 'http://gateway.invalid';

/**
 * Where to go after signing in: only a same-origin path. Anything else (absolute URLs,
 * protocol-relative `//host`, `/\host`, control characters, over-long values) becomes `/`.
 */
export function safeCallbackUrl(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048) return FALLBACK;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return FALLBACK;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return FALLBACK;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return FALLBACK;
  }
  if (url.origin !== BASE) return FALLBACK;
  // Never send someone back to the sign-in page or to the Auth.js endpoints.
  if (url.pathname === '/signin' || url.pathname.startsWith('/api/auth')) return FALLBACK;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** `/signin?callbackUrl=<path>` for a path on this site. */
export function signInUrl(callbackPath: string): string {
  const path = safeCallbackUrl(callbackPath);
  return path === FALLBACK ? '/signin' : `/signin?callbackUrl=${encodeURIComponent(path)}`;
}
