import { managementRoute } from '@/lib/auth/management-route';
import { denyRequest } from '@/lib/gateway/management/access-requests';
import { clientInfo } from '@/lib/platform/http/client-info';
import { managementDone } from '@/lib/platform/http/management-response';
import { methodsNotAllowed } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

// POST /v1/orgs/{orgId}/access-requests/{requestId}/deny — deny a pending request (the requester's page still says "sent")
export const POST = managementRoute<{ orgId: string; requestId: string }>('/v1/orgs/{orgId}/access-requests/{requestId}/deny', 'access-requests:write', async (caller, { requestId }, req) =>
  managementDone(await denyRequest(caller, requestId, clientInfo(req))),
);

// Any other method on a denial — 405 with Allow: POST
export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed('POST');
