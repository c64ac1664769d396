const FALLBACK = '/';
const BASE = 'http://gateway.invalid';

// eslint-disable-next-line no-control-regex
const CONTROL_OR_BACKSLASH = /[\u0000-\u001f\u007f\\]/;
/** A path a browser would read as another host: `//host` or `/\host`. */
const offSite = (path: string) => path.startsWith('//') || path.startsWith('/\\');

/** `raw` with every layer of percent-encoding removed (null when it is not valid encoding). */
function decodeFully(raw: string): string | null {
  let text = raw;
  for (let i = 0; i < 4; i++) {
    let next: string;
    try {
      next = decodeURIComponent(text);
    } catch {
      return null;
    }
    if (next === text) return text;
    text = next;
  }
  return null;
}

/** The path, query and fragment `raw` resolves to on this site, or null when it leaves it. */
function normalized(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return offSite(path) ? null : path;
}

/**
 * Where to go after signing in: only a same-origin path. Anything else (absolute URLs,
 * protocol-relative `//host` or `/\host`, before or after dot segments are resolved and in any
 * percent-encoding, backslashes, control characters, over-long values) becomes `/`. The result is
 * checked after normalizing: `/.//evil.example` normalizes to `//evil.example`.
 */
export function safeCallbackUrl(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048) return FALLBACK;
  if (!raw.startsWith('/') || offSite(raw) || CONTROL_OR_BACKSLASH.test(raw)) return FALLBACK;
  const decoded = decodeFully(raw);
  if (decoded === null || CONTROL_OR_BACKSLASH.test(decoded) || offSite(decoded)) return FALLBACK;
  const path = normalized(raw);
  // A server or browser that decodes the path once more must not find another host in it either.
  if (path === null || normalized(decoded) === null) return FALLBACK;
  const pathname = new URL(path, BASE).pathname;
  // Never send someone back to the sign-in page or to the Auth.js endpoints.
  if (pathname === '/signin' || pathname.startsWith('/api/auth')) return FALLBACK;
  return path;
}

/** `/signin?callbackUrl=<path>` for a path on this site. */
export function signInUrl(callbackPath: string): string {
  const path = safeCallbackUrl(callbackPath);
  return path === FALLBACK ? '/signin' : `/signin?callbackUrl=${encodeURIComponent(path)}`;
}
