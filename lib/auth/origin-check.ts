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

/**
 * A form posted from one of the gateway's pages, which send no referrer (a share link's page, the
 * viewer's public-app choice, SPEC §15): browsers then send `Origin: null` (Fetch, "serialize a request origin"), so only
 * Sec-Fetch-Site — which no page can set — tells. Same-origin by it, and an Origin that is null or
 * APP_URL's; anything else is refused as isSameOriginRequest refuses it.
 */
export function isSameOriginNoReferrerForm(req: Request): boolean {
  const origin = req.headers.get('origin');
  if (origin === 'null') return req.headers.get('sec-fetch-site') === 'same-origin';
  return isSameOriginRequest(req);
}
