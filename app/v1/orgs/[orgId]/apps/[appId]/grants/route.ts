import { authorizeManagement } from '@/lib/auth/management-caller';
import { listAppGrants } from '@/lib/gateway/management/access-requests';
import { managementAnswer } from '@/lib/platform/http/management-response';
import { methodNotAllowed, route } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string; appId: string }> };

// GET /v1/orgs/{orgId}/apps/{appId}/grants — the app's live grants: who, member or guest, until when
export const GET = route<Ctx>(async (req, { params }) => {
  const { orgId, appId } = await params;
  const caller = await authorizeManagement(req, orgId, 'access-requests:write');
  if (!caller.ok) return caller;
  return managementAnswer(await listAppGrants(caller, appId));
}, '/v1/orgs/{orgId}/apps/{appId}/grants');

// Any other method on an app's grants — 405 with Allow: GET
export const POST = methodNotAllowed('GET');
export const PUT = methodNotAllowed('GET');
export const PATCH = methodNotAllowed('GET');
export const DELETE = methodNotAllowed('GET');
