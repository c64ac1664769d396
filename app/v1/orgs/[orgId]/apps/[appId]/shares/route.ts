import { managementBodyRoute, managementRoute } from '@/lib/auth/management-route';
import { madeBy } from '@/lib/gateway/errors';
import { createShare, listShares } from '@/lib/gateway/management/shares';
import { env } from '@/lib/platform/config/env';
import { clientInfo } from '@/lib/platform/http/client-info';
import { managementAnswer, managementJson } from '@/lib/platform/http/management-response';
import { noteForLog } from '@/lib/platform/http/request-log';
import { methodsNotAllowed } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

type Params = { orgId: string; appId: string };
const TEMPLATE = '/v1/orgs/{orgId}/apps/{appId}/shares';

// POST /v1/orgs/{orgId}/apps/{appId}/shares — create a share link (201 + Location; its URL, holding the secret, is shown this once)
export const POST = managementBodyRoute<Params>(TEMPLATE, 'shares:write', async (caller, { orgId, appId }, body, req) => {
  const created = await createShare(caller, appId, body, clientInfo(req));
  if (!created.ok) return created;
  const share = madeBy(created);
  noteForLog(req, { shareId: share.id });
  const location = `${env().APP_URL}/v1/orgs/${encodeURIComponent(orgId)}/apps/${encodeURIComponent(appId)}/shares/${share.id}`;
  return managementJson(share, 201, { location });
});

// GET /v1/orgs/{orgId}/apps/{appId}/shares — the app's share links with uses, last use, expiry and state
export const GET = managementRoute<Params>(TEMPLATE, 'shares:write', async (caller, { appId }) => managementAnswer(await listShares(caller, appId)));

// Any other method on an app's share links — 405 with Allow: GET, POST
export const { PUT, PATCH, DELETE } = methodsNotAllowed('GET, POST');
