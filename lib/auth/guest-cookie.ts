import { parseCookie, stringifySetCookie } from 'cookie';
import { env } from '@/lib/platform/config/env';

// A guest session's cookie (SPEC §15): one per app, so it opens that app only, and never the same
// cookie as a signed-in session (which it never replaces). Its value is the guest session's secret;
// only the gateway's guest routes and the app's viewer page read it.

const secure = () => env().APP_URL.startsWith('https://');

/** `agw_guest.<appId>` (`__Host-` prefixed over https: no Domain, Path=/, Secure). App ids are cookie-name safe. */
export const guestCookieName = (appId: string) => `${secure() ? '__Host-' : ''}agw_guest.${appId}`;

/** The guest cookie's value for this app from a Cookie header, or null. */
export function readGuestCookie(cookieHeader: string | null, appId: string): string | null {
  if (!cookieHeader) return null;
  return parseCookie(cookieHeader)[guestCookieName(appId)] ?? null;
}

/** The Set-Cookie for a new guest session; it expires with the session. `Lax`: a link opened from mail still finds it. */
export function guestCookieHeader(appId: string, secret: string, expiresAt: Date): string {
  return stringifySetCookie(guestCookieName(appId), secret, { httpOnly: true, sameSite: 'lax', secure: secure(), path: '/', expires: expiresAt });
}
