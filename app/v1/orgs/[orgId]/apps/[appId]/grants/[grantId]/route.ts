import { authorizeManagement } from '@/lib/auth/management-caller';
import { deleteAppGrant } from '@/lib/gateway/management/access-requests';
import { clientInfo } from '@/lib/platform/http/client-info';
import { managementDone } from '@/lib/platform/http/management-response';
import { methodNotAllowed, route } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string; appId: string; grantId: string }> };

// DELETE /v1/orgs/{orgId}/apps/{appId}/grants/{grantId} — remove a grant: it ends now, and the feed names { sub, aud }
export const DELETE = route<Ctx>(async (req, { params }) => {
  const { orgId, appId, grantId } = await params;
  const caller = await authorizeManagement(req, orgId, 'access-requests:write');
  if (!caller.ok) return caller;
  return managementDone(await deleteAppGrant(caller, appId, grantId, clientInfo(req)));
}, '/v1/orgs/{orgId}/apps/{appId}/grants/{grantId}');

// Any other method on a grant — 405 with Allow: DELETE
export const GET = methodNotAllowed('DELETE');
export const POST = methodNotAllowed('DELETE');
export const PUT = methodNotAllowed('DELETE');
export const PATCH = methodNotAllowed('DELETE');
