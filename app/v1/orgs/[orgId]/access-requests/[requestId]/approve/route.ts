import { authorizeManagement } from '@/lib/auth/management-caller';
import { approveRequest } from '@/lib/gateway/management/access-requests';
import { clientInfo } from '@/lib/platform/http/client-info';
import { MANAGEMENT_BODY_LIMIT, readJson } from '@/lib/platform/http/json-body';
import { managementAnswer } from '@/lib/platform/http/management-response';
import { methodNotAllowed, route } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string; requestId: string }> };

// POST /v1/orgs/{orgId}/access-requests/{requestId}/approve — approve: an app grant for the requester, for duration_seconds or until taken away
export const POST = route<Ctx>(async (req, { params }) => {
  const { orgId, requestId } = await params;
  const caller = await authorizeManagement(req, orgId, 'access-requests:write');
  if (!caller.ok) return caller;
  const body = await readJson(req, MANAGEMENT_BODY_LIMIT);
  if (!body.ok) return body;
  return managementAnswer(await approveRequest(caller, requestId, body.json, clientInfo(req)));
}, '/v1/orgs/{orgId}/access-requests/{requestId}/approve');

// Any other method on an approval — 405 with Allow: POST
export const GET = methodNotAllowed('POST');
export const PUT = methodNotAllowed('POST');
export const PATCH = methodNotAllowed('POST');
export const DELETE = methodNotAllowed('POST');
