import { authorizeManagement } from '@/lib/auth/management-caller';
import { madeBy } from '@/lib/gateway/errors';
import { createShare, listShares } from '@/lib/gateway/management/shares';
import { env } from '@/lib/platform/config/env';
import { clientInfo } from '@/lib/platform/http/client-info';
import { MANAGEMENT_BODY_LIMIT, readJson } from '@/lib/platform/http/json-body';
import { managementAnswer, managementJson } from '@/lib/platform/http/management-response';
import { noteForLog } from '@/lib/platform/http/request-log';
import { methodNotAllowed, route } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string; appId: string }> };

// POST /v1/orgs/{orgId}/apps/{appId}/shares — create a share link (201 + Location; its URL, holding the secret, is shown this once)
export const POST = route<Ctx>(async (req, { params }) => {
  const { orgId, appId } = await params;
  const caller = await authorizeManagement(req, orgId, 'shares:write');
  if (!caller.ok) return caller;
  const body = await readJson(req, MANAGEMENT_BODY_LIMIT);
  if (!body.ok) return body;
  const created = await createShare(caller, appId, body.json, clientInfo(req));
  if (!created.ok) return created;
  const share = madeBy(created);
  noteForLog(req, { shareId: share.id });
  const location = `${env().APP_URL}/v1/orgs/${encodeURIComponent(orgId)}/apps/${encodeURIComponent(appId)}/shares/${share.id}`;
  return managementJson(share, 201, { location });
}, '/v1/orgs/{orgId}/apps/{appId}/shares');

// GET /v1/orgs/{orgId}/apps/{appId}/shares — the app's share links with uses, last use, expiry and state
export const GET = route<Ctx>(async (req, { params }) => {
  const { orgId, appId } = await params;
  const caller = await authorizeManagement(req, orgId, 'shares:write');
  if (!caller.ok) return caller;
  return managementAnswer(await listShares(caller, appId));
}, '/v1/orgs/{orgId}/apps/{appId}/shares');

// Any other method on an app's share links — 405 with Allow: GET, POST
export const PUT = methodNotAllowed('GET, POST');
export const PATCH = methodNotAllowed('GET, POST');
export const DELETE = methodNotAllowed('GET, POST');
