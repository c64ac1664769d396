import { authorizeManagement } from '@/lib/auth/management-caller';
import { denyRequest } from '@/lib/gateway/management/access-requests';
import { clientInfo } from '@/lib/platform/http/client-info';
import { managementDone } from '@/lib/platform/http/management-response';
import { methodNotAllowed, route } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string; requestId: string }> };

// POST /v1/orgs/{orgId}/access-requests/{requestId}/deny — deny a pending request (the requester's page still says "sent")
export const POST = route<Ctx>(async (req, { params }) => {
  const { orgId, requestId } = await params;
  const caller = await authorizeManagement(req, orgId, 'access-requests:write');
  if (!caller.ok) return caller;
  return managementDone(await denyRequest(caller, requestId, clientInfo(req)));
}, '/v1/orgs/{orgId}/access-requests/{requestId}/deny');

// Any other method on a denial — 405 with Allow: POST
export const GET = methodNotAllowed('POST');
export const PUT = methodNotAllowed('POST');
export const PATCH = methodNotAllowed('POST');
export const DELETE = methodNotAllowed('POST');
