import { authenticateCaller } from '@/lib/auth/caller';
import { mint } from '@/lib/gateway/mint/mint';
import { clientInfo } from '@/lib/platform/http/client-info';
import { readJson } from '@/lib/platform/http/json-body';
import { noteForLog } from '@/lib/platform/http/request-log';
import { methodsNotAllowed, route } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ appId: string }> };

// POST /v1/app-gateway/{appId}/session — mint an app session token for the calling viewer
export const POST = route<Ctx>(async (req, { params }) => {
  const body = await readJson(req, 4096);
  const minted = await mint({ appId: (await params).appId, body, caller: await authenticateCaller(req), ...clientInfo(req) });
  if (!minted.ok) return minted;
  noteForLog(req, { userId: minted.claims.sub, orgId: 'org_id' in minted.claims ? minted.claims.org_id : undefined, authVia: minted.claims.auth_via });
  return Response.json({ token: minted.token, exp: minted.exp.toISOString(), expires_in: minted.expiresIn }, { headers: { 'cache-control': 'no-store' } });
}, '/v1/app-gateway/{appId}/session');

// Any other method on the session endpoint — 405 with Allow: POST
export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed('POST');
