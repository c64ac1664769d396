import { managementBodyRoute } from '@/lib/auth/management-route';
import { addOrgGroupMember } from '@/lib/gateway/management/groups';
import { clientInfo } from '@/lib/platform/http/client-info';
import { managementAnswer } from '@/lib/platform/http/management-response';
import { methodsNotAllowed } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

// POST /v1/orgs/{orgId}/groups/{groupId}/members — add a member of the org by email (the group and its members answer)
export const POST = managementBodyRoute<{ orgId: string; groupId: string }>('/v1/orgs/{orgId}/groups/{groupId}/members', 'groups:write', async (caller, { groupId }, body, req) =>
  managementAnswer(await addOrgGroupMember(caller, groupId, body, clientInfo(req))),
);

// Any other method on a group's members — 405 with Allow: POST
export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed('POST');
