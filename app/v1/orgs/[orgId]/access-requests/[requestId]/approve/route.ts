import { managementBodyRoute } from '@/lib/auth/management-route';
import { approveRequest } from '@/lib/gateway/management/access-requests';
import { clientInfo } from '@/lib/platform/http/client-info';
import { managementAnswer } from '@/lib/platform/http/management-response';
import { methodsNotAllowed } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

// POST /v1/orgs/{orgId}/access-requests/{requestId}/approve — approve: an app grant for the requester, for duration_seconds or until taken away
export const POST = managementBodyRoute<{ orgId: string; requestId: string }>('/v1/orgs/{orgId}/access-requests/{requestId}/approve', 'access-requests:write', async (caller, { requestId }, body, req) =>
  managementAnswer(await approveRequest(caller, requestId, body, clientInfo(req))),
);

// Any other method on an approval — 405 with Allow: POST
export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed('POST');
