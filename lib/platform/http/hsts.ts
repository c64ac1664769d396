import { env } from '@/lib/platform/config/env';

/** Strict-Transport-Security, sent only when the gateway's public origin is https. */
function hstsHeader(): string | null {
  return env().APP_URL.startsWith('https://') ? 'max-age=63072000; includeSubDomains' : null;
}

/** Adds HSTS to a response, where it applies. */
export function withHsts(res: Response): Response {
  const value = hstsHeader();
  if (value) res.headers.set('strict-transport-security', value);
  return res;
}
