import { authorizeManagement } from '@/lib/auth/management-caller';
import { revokeShare } from '@/lib/gateway/management/shares';
import { clientInfo } from '@/lib/platform/http/client-info';
import { managementDone } from '@/lib/platform/http/management-response';
import { noteForLog } from '@/lib/platform/http/request-log';
import { methodNotAllowed, route } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string; appId: string; shareId: string }> };

// DELETE /v1/orgs/{orgId}/apps/{appId}/shares/{shareId} — revoke a share link: it opens nothing more, its guests' sessions end
export const DELETE = route<Ctx>(async (req, { params }) => {
  const { orgId, appId, shareId } = await params;
  const caller = await authorizeManagement(req, orgId, 'shares:write');
  if (!caller.ok) return caller;
  noteForLog(req, { shareId });
  return managementDone(await revokeShare(caller, appId, shareId, clientInfo(req)));
}, '/v1/orgs/{orgId}/apps/{appId}/shares/{shareId}');

// Any other method on a share link — 405 with Allow: DELETE
export const GET = methodNotAllowed('DELETE');
export const POST = methodNotAllowed('DELETE');
export const PUT = methodNotAllowed('DELETE');
export const PATCH = methodNotAllowed('DELETE');
