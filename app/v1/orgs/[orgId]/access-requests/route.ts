import { managementRoute } from '@/lib/auth/management-route';
import { listAccessRequests } from '@/lib/gateway/management/access-requests';
import { managementAnswer } from '@/lib/platform/http/management-response';
import { methodsNotAllowed } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

// GET /v1/orgs/{orgId}/access-requests — the org's pending access requests, oldest first
export const GET = managementRoute('/v1/orgs/{orgId}/access-requests', 'access-requests:write', async (caller) => managementAnswer(await listAccessRequests(caller)));

// Any other method on the access requests — 405 with Allow: GET
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed('GET');
