import { env } from '@/lib/platform/config/env';

/**
 * A cookie-authenticated call must come from the gateway's own pages: Origin equal to APP_URL's
 * origin, or (when no Origin is sent) Sec-Fetch-Site: same-origin. `null`, other origins,
 * same-site and requests with neither header are refused.
 */
export function isSameOriginRequest(req: Request): boolean {
  const origin = req.headers.get('origin');
  const fetchSite = req.headers.get('sec-fetch-site');
  if (fetchSite !== null && fetchSite !== 'same-origin') return false;
  if (origin !== null) return origin === env().APP_URL;
  return fetchSite === 'same-origin';
}
