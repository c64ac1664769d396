import { isSameOriginNoReferrerForm } from '@/lib/auth/origin-check';
import { guestCookieHeader, readGuestCookie } from '@/lib/auth/guest-cookie';
import { signedInPerson } from '@/lib/auth/signed-in-person';
import { refusal } from '@/lib/gateway/errors';
import { openPublicApp } from '@/lib/gateway/sharing/public-guests';
import { env } from '@/lib/platform/config/env';
import { throttleAddress } from '@/lib/platform/http/address-throttle';
import { clientInfo } from '@/lib/platform/http/client-info';
import { noteForLog } from '@/lib/platform/http/request-log';
import { route } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ appId: string }> };

// POST /apps/{appId}/guest — the viewer page opens a public app for someone outside its org: a guest session, anonymous or "as <name>"
export const POST = route<Ctx>(async (req, { params }) => {
  const { appId } = await params;
  const client = clientInfo(req);
  const retryAfter = throttleAddress('guest_open', client.ip, env().RATE_LIMIT_GUEST_OPENS_PER_MINUTE);
  if (retryAfter !== null) return refusal('rate_limited', 'Too many guest sessions started from your network; try again shortly.', { retryAfterSeconds: retryAfter });
  // The viewer page sends no referrer (site-wide policy), so its form posts with Origin: null.
  if (!isSameOriginNoReferrerForm(req)) return refusal('cross_origin', 'A public app’s guest session starts only from its viewer page.');
  const text = /^application\/x-www-form-urlencoded\s*(;|$)/i.test(req.headers.get('content-type') ?? '') ? (await req.text()).slice(0, 1024) : '';
  const asMe = new URLSearchParams(text).get('as') === 'me';
  const person = asMe ? await signedInPerson(req) : null;
  const appPath = `/apps/${encodeURIComponent(appId)}`;
  // "Continue as <name>" from a session that ended meanwhile: back to the choice, never a silent guest.
  if (asMe && !person) return new Response(null, { status: 303, headers: { location: appPath, 'cache-control': 'no-store' } });
  const opened = await openPublicApp({ appId, userId: person?.id ?? null, currentGuestSecret: readGuestCookie(req.headers.get('cookie'), appId), ...client });
  if (!opened) return refusal('not_found', 'No such app.');
  noteForLog(req, { guestSessionId: opened.guestSessionId });
  const cookie = opened.guestSecret && opened.expiresAt ? guestCookieHeader(appId, opened.guestSecret, opened.expiresAt) : null;
  return new Response(null, { status: 303, headers: { location: appPath, 'cache-control': 'no-store', ...(cookie ? { 'set-cookie': cookie } : {}) } });
}, '/apps/{appId}/guest');
