import { managementRoute } from '@/lib/auth/management-route';
import { listAppGrants } from '@/lib/gateway/management/access-requests';
import { managementAnswer } from '@/lib/platform/http/management-response';
import { methodsNotAllowed } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

// GET /v1/orgs/{orgId}/apps/{appId}/grants — the app's live grants: who, member or guest, until when
export const GET = managementRoute<{ orgId: string; appId: string }>('/v1/orgs/{orgId}/apps/{appId}/grants', 'access-requests:write', async (caller, { appId }) =>
  managementAnswer(await listAppGrants(caller, appId)),
);

// Any other method on an app's grants — 405 with Allow: GET
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed('GET');
