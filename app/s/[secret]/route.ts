import { signInUrl } from '@/lib/auth/callback-url';
import { signedInPerson } from '@/lib/auth/signed-in-person';
import { findAppForViewer } from '@/lib/gateway/apps/viewer-apps';
import { findOpenableLink } from '@/lib/gateway/sharing/open-link';
import { env } from '@/lib/platform/config/env';
import { throttleAddress } from '@/lib/platform/http/address-throttle';
import { clientInfo } from '@/lib/platform/http/client-info';
import { noteForLog } from '@/lib/platform/http/request-log';
import { route } from '@/lib/platform/http/route';
import { htmlResponse } from '../html-response';
import { LINK_NOT_FOUND_PAGE, linkPage, tooManyPage } from '../link-pages';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ secret: string }> };

// GET /s/{secret} — a share link's page: changes nothing (link scanners open links), offers the choice to continue
export const GET = route<Ctx>(async (req, { params }) => {
  const { secret } = await params;
  const retryAfter = throttleAddress('guest_open', clientInfo(req).ip, env().RATE_LIMIT_GUEST_OPENS_PER_MINUTE);
  if (retryAfter !== null) return htmlResponse(tooManyPage(retryAfter), 429, { 'retry-after': String(retryAfter) });
  const person = await signedInPerson(req);
  const link = await findOpenableLink(secret, person?.id ?? null);
  if (!link) return htmlResponse(LINK_NOT_FOUND_PAGE, 404);
  noteForLog(req, { shareId: link.shareId });
  const appPath = `/apps/${encodeURIComponent(link.appId)}`;
  // A member the app is open to goes straight in, as themselves.
  if (person && (await findAppForViewer(link.appId, person.id))) return new Response(null, { status: 303, headers: { location: appPath, 'cache-control': 'no-store' } });
  return htmlResponse(linkPage(link, secret, person, signInUrl(appPath)), 200);
}, '/s/{secret}');
