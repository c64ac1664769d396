import { exchangeToken } from '@/lib/gateway/exchange/exchange';
import { clientInfo } from '@/lib/platform/http/client-info';
import { readFormBody } from '@/lib/platform/http/form-body';
import { noteForLog } from '@/lib/platform/http/request-log';
import { methodsNotAllowed, route } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

/** A token request is a few form fields and one app session token (at most 8 KiB). */
const MAX_BODY_BYTES = 16 * 1024;

// POST /v1/app-gateway/token — RFC 8693 token exchange: an app's backend trades its viewer's app session token for an access token to a resource
export const POST = route(async (req) => {
  const form = await readFormBody(req, MAX_BODY_BYTES);
  const outcome = await exchangeToken({ authorization: req.headers.get('authorization'), form, ...clientInfo(req) });
  if (!outcome.ok) return outcome;
  noteForLog(req, { userId: outcome.claims.sub, orgId: outcome.claims.org_id, appId: outcome.claims.client_id });
  return Response.json(outcome.body, { headers: { 'cache-control': 'no-store', pragma: 'no-cache' } });
}, '/v1/app-gateway/token');

// Any other method on the token endpoint — 405 with Allow: POST
export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed('POST');
