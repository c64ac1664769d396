import { authorizeManagement } from '@/lib/auth/management-caller';
import { listAccessRequests } from '@/lib/gateway/management/access-requests';
import { managementAnswer } from '@/lib/platform/http/management-response';
import { methodNotAllowed, route } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string }> };

// GET /v1/orgs/{orgId}/access-requests — the org's pending access requests, oldest first
export const GET = route<Ctx>(async (req, { params }) => {
  const { orgId } = await params;
  const caller = await authorizeManagement(req, orgId, 'access-requests:write');
  if (!caller.ok) return caller;
  return managementAnswer(await listAccessRequests(caller));
}, '/v1/orgs/{orgId}/access-requests');

// Any other method on the access requests — 405 with Allow: GET
export const POST = methodNotAllowed('GET');
export const PUT = methodNotAllowed('GET');
export const PATCH = methodNotAllowed('GET');
export const DELETE = methodNotAllowed('GET');
