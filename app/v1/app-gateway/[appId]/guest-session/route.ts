import { isSameOriginRequest } from '@/lib/auth/origin-check';
import { readGuestCookie } from '@/lib/auth/guest-cookie';
import { refusal } from '@/lib/gateway/errors';
import { mintGuestToken } from '@/lib/gateway/sharing/guest-mint';
import { clientInfo } from '@/lib/platform/http/client-info';
import { readJson } from '@/lib/platform/http/json-body';
import { noteForLog } from '@/lib/platform/http/request-log';
import { methodsNotAllowed, route } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ appId: string }> };

// POST /v1/app-gateway/{appId}/guest-session — mint a guest token (typ app-guest+jwt) for this browser's guest session of the app
export const POST = route<Ctx>(async (req, { params }) => {
  const { appId } = await params;
  // The guest cookie is a cookie credential: only the gateway's own pages may use it.
  if (!isSameOriginRequest(req)) return refusal('cross_origin', 'Guest sessions are used only from the gateway’s own pages.');
  const read = await readJson(req, 4096);
  if (!read.ok) return read;
  const body = read.json;
  if (typeof body !== 'object' || body === null || Array.isArray(body) || Object.keys(body).length > 0) {
    return refusal('invalid_request', 'Expected {}: a guest token is for the guest session’s own app.');
  }
  const outcome = await mintGuestToken({ appId, cookieSecret: readGuestCookie(req.headers.get('cookie'), appId), ...clientInfo(req) });
  if (!outcome.ok) return outcome;
  noteForLog(req, { userId: outcome.claims.sub, shareId: outcome.claims.share_id, authVia: outcome.claims.auth_via });
  const body200 = { token: outcome.token, exp: outcome.exp.toISOString(), expires_in: outcome.expiresIn };
  return Response.json(body200, { headers: { 'cache-control': 'no-store' } });
}, '/v1/app-gateway/{appId}/guest-session');

// Any other method on the guest session endpoint — 405 with Allow: POST
export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed('POST');
