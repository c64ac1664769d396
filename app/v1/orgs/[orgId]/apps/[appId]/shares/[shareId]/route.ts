import { managementRoute } from '@/lib/auth/management-route';
import { revokeShare } from '@/lib/gateway/management/shares';
import { clientInfo } from '@/lib/platform/http/client-info';
import { managementDone } from '@/lib/platform/http/management-response';
import { noteForLog } from '@/lib/platform/http/request-log';
import { methodsNotAllowed } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

// DELETE /v1/orgs/{orgId}/apps/{appId}/shares/{shareId} — revoke a share link: it opens nothing more, its guests' sessions end
export const DELETE = managementRoute<{ orgId: string; appId: string; shareId: string }>('/v1/orgs/{orgId}/apps/{appId}/shares/{shareId}', 'shares:write', async (caller, { appId, shareId }, req) => {
  noteForLog(req, { shareId });
  return managementDone(await revokeShare(caller, appId, shareId, clientInfo(req)));
});

// Any other method on a share link — 405 with Allow: DELETE
export const { GET, POST, PUT, PATCH } = methodsNotAllowed('DELETE');
