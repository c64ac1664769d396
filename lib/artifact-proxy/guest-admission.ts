// SPEC §15: the proxy lets a guest in only where the app's org's sharing switch allows the way the
// guest came — a share link needs `links` or more, a public app's guest `links_and_public`. The
// gateway already ends guest sessions when the switch goes down (feed entries); this check holds
// the line at the proxy too, from the look-up it keeps (at most 30 s old). A guest admitted by an app
// grant (SPEC §16, `auth_via: "session"`) came by an admin's approval, not the switch: the gateway
// ends their access with a `{ sub, aud }` feed entry, which the proxy follows.
import type { ProxiedApp } from '@/lib/gateway/apps/proxied-apps';
import { allowsLinks, allowsPublic } from '@/lib/gateway/sharing/sharing-levels';
import { refusal, type Refusal } from './refusal';
import { isGuestSession, type VerifiedSession } from './verify';

const GUESTS_NOT_ALLOWED = refusal('unauthenticated', 'This app’s org does not let guests open it.', {
  invalidToken: true,
  extra: { reason: 'guests_not_allowed' },
});

/** Null when the session may open the app (every member token; a guest's where the switch allows); else why not. */
export function guestRefusal(session: VerifiedSession, app: Pick<ProxiedApp, 'externalSharing'>): Refusal | null {
  if (!isGuestSession(session)) return null;
  if (session.auth_via === 'session') return null;
  const allowed = session.auth_via === 'share_link' ? allowsLinks(app.externalSharing) : allowsPublic(app.externalSharing);
  return allowed ? null : GUESTS_NOT_ALLOWED;
}
