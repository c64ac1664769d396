import { managementBodyRoute, managementRoute } from '@/lib/auth/management-route';
import { deleteOrgGroup, getOrgGroup, renameOrgGroup } from '@/lib/gateway/management/groups';
import { clientInfo } from '@/lib/platform/http/client-info';
import { managementAnswer, managementDone } from '@/lib/platform/http/management-response';
import { methodsNotAllowed } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

type Params = { orgId: string; groupId: string };
const TEMPLATE = '/v1/orgs/{orgId}/groups/{groupId}';

// GET /v1/orgs/{orgId}/groups/{groupId} — the group and its members
export const GET = managementRoute<Params>(TEMPLATE, 'groups:write', async (caller, { groupId }) => managementAnswer(await getOrgGroup(caller, groupId)));

// PATCH /v1/orgs/{orgId}/groups/{groupId} — rename it (a merge patch of display_name)
export const PATCH = managementBodyRoute<Params>(TEMPLATE, 'groups:write', async (caller, { groupId }, patch, req) => managementAnswer(await renameOrgGroup(caller, groupId, patch, clientInfo(req))), 'merge-patch');

// DELETE /v1/orgs/{orgId}/groups/{groupId} — delete it: it leaves every app's rule, its members lose what it opened
export const DELETE = managementRoute<Params>(TEMPLATE, 'groups:write', async (caller, { groupId }, req) => managementDone(await deleteOrgGroup(caller, groupId, clientInfo(req))));

// Any other method on a group — 405 with Allow: GET, PATCH, DELETE
export const { POST, PUT } = methodsNotAllowed('GET, PATCH, DELETE');
