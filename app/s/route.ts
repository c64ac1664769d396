import { signInUrl } from '@/lib/auth/callback-url';
import { isSameOriginNoReferrerForm } from '@/lib/auth/origin-check';
import { guestCookieHeader, readGuestCookie } from '@/lib/auth/guest-cookie';
import { signedInPerson } from '@/lib/auth/signed-in-person';
import { findAppForViewer } from '@/lib/gateway/apps/viewer-apps';
import { cleanGuestName } from '@/lib/gateway/sharing/guest-name';
import { findOpenableLink, openShareLink } from '@/lib/gateway/sharing/open-link';
import { isWellFormedSecret } from '@/lib/gateway/sharing/secrets';
import { env } from '@/lib/platform/config/env';
import { throttleAddress } from '@/lib/platform/http/address-throttle';
import { clientInfo } from '@/lib/platform/http/client-info';
import { noteForLog } from '@/lib/platform/http/request-log';
import { route } from '@/lib/platform/http/route';
import { inSpan } from '@/lib/platform/telemetry/spans';
import { htmlResponse } from './html-response';
import { crossOriginPage, LINK_NOT_FOUND_PAGE, linkPage, tooManyPage } from './link-pages';

export const dynamic = 'force-dynamic';

const MAX_BODY = 4096;

const seeOther = (location: string, cookie?: string) =>
  new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', ...(cookie ? { 'set-cookie': cookie } : {}) } });

async function readForm(req: Request): Promise<URLSearchParams | null> {
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(req.headers.get('content-type') ?? '')) return null;
  if (Number(req.headers.get('content-length') ?? 0) > MAX_BODY) return null;
  const text = await req.text();
  return text.length > MAX_BODY ? null : new URLSearchParams(text);
}

// POST /s — "Continue as …" on a share link's page: counts one use per person and starts a guest session for the app
export const POST = route(async (req) => {
  const client = clientInfo(req);
  const retryAfter = throttleAddress('guest_open', client.ip, env().RATE_LIMIT_GUEST_OPENS_PER_MINUTE);
  if (retryAfter !== null) return htmlResponse(tooManyPage(retryAfter), 429, { 'retry-after': String(retryAfter) });
  // The link's page sends no referrer, so its form posts with Origin: null.
  if (!isSameOriginNoReferrerForm(req)) return htmlResponse(crossOriginPage(), 403);
  const form = await readForm(req);
  const secret = form?.get('secret') ?? '';
  if (!form || !isWellFormedSecret(secret)) return htmlResponse(LINK_NOT_FOUND_PAGE, 404);
  const asMe = form.get('as') === 'me';
  const person = asMe ? await signedInPerson(req) : null;
  const link = await findOpenableLink(secret, person?.id ?? null);
  if (!link) return htmlResponse(LINK_NOT_FOUND_PAGE, 404);
  const appPath = `/apps/${encodeURIComponent(link.appId)}`;
  // "Continue as <name>" from a session that ended meanwhile: the choice again, never a silent guest.
  if (asMe && !person) return htmlResponse(linkPage(link, secret, null, signInUrl(appPath)), 200);
  if (person && (await findAppForViewer(link.appId, person.id))) return seeOther(appPath);

  const opened = await inSpan('share_link.open', { 'app_gateway.share_id': link.shareId }, () =>
    openShareLink({
      secret,
      userId: person?.id ?? null,
      displayName: person ? null : cleanGuestName(form.get('name')),
      currentGuestSecret: readGuestCookie(req.headers.get('cookie'), link.appId),
      ...client,
    }),
  );
  noteForLog(req, { shareId: link.shareId, ...(opened.ok ? { guestSessionId: opened.guestSessionId, counted: opened.counted } : { code: 'not_found' }) });
  if (!opened.ok) return htmlResponse(LINK_NOT_FOUND_PAGE, 404);
  const cookie = opened.guestSecret && opened.expiresAt ? guestCookieHeader(opened.appId, opened.guestSecret, opened.expiresAt) : undefined;
  return seeOther(appPath, cookie);
}, '/s');
