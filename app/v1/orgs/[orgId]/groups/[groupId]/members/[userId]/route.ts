import { authorizeManagement } from '@/lib/auth/management-caller';
import { removeOrgGroupMember } from '@/lib/gateway/management/groups';
import { clientInfo } from '@/lib/platform/http/client-info';
import { managementDone } from '@/lib/platform/http/management-response';
import { methodNotAllowed, route } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string; groupId: string; userId: string }> };

// DELETE /v1/orgs/{orgId}/groups/{groupId}/members/{userId} — remove them: the apps it opened close to them, unless admitted another way
export const DELETE = route<Ctx>(async (req, { params }) => {
  const { orgId, groupId, userId } = await params;
  const caller = await authorizeManagement(req, orgId, 'groups:write');
  if (!caller.ok) return caller;
  return managementDone(await removeOrgGroupMember(caller, groupId, userId, clientInfo(req)));
}, '/v1/orgs/{orgId}/groups/{groupId}/members/{userId}');

// Any other method on a group member — 405 with Allow: DELETE
export const GET = methodNotAllowed('DELETE');
export const POST = methodNotAllowed('DELETE');
export const PUT = methodNotAllowed('DELETE');
export const PATCH = methodNotAllowed('DELETE');
