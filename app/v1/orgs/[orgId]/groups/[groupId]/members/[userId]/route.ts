import { managementRoute } from '@/lib/auth/management-route';
import { removeOrgGroupMember } from '@/lib/gateway/management/groups';
import { clientInfo } from '@/lib/platform/http/client-info';
import { managementDone } from '@/lib/platform/http/management-response';
import { methodsNotAllowed } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

// DELETE /v1/orgs/{orgId}/groups/{groupId}/members/{userId} — remove them: the apps it opened close to them, unless admitted another way
export const DELETE = managementRoute<{ orgId: string; groupId: string; userId: string }>('/v1/orgs/{orgId}/groups/{groupId}/members/{userId}', 'groups:write', async (caller, { groupId, userId }, req) =>
  managementDone(await removeOrgGroupMember(caller, groupId, userId, clientInfo(req))),
);

// Any other method on a group member — 405 with Allow: DELETE
export const { GET, POST, PUT, PATCH } = methodsNotAllowed('DELETE');
