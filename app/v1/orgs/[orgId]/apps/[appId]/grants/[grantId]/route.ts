import { managementRoute } from '@/lib/auth/management-route';
import { deleteAppGrant } from '@/lib/gateway/management/access-requests';
import { clientInfo } from '@/lib/platform/http/client-info';
import { managementDone } from '@/lib/platform/http/management-response';
import { methodsNotAllowed } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

// DELETE /v1/orgs/{orgId}/apps/{appId}/grants/{grantId} — remove a grant: it ends now, and the feed names { sub, aud }
export const DELETE = managementRoute<{ orgId: string; appId: string; grantId: string }>('/v1/orgs/{orgId}/apps/{appId}/grants/{grantId}', 'access-requests:write', async (caller, { appId, grantId }, req) =>
  managementDone(await deleteAppGrant(caller, appId, grantId, clientInfo(req))),
);

// Any other method on a grant — 405 with Allow: DELETE
export const { GET, POST, PUT, PATCH } = methodsNotAllowed('DELETE');
