import { authorizeManagement } from '@/lib/auth/management-caller';
import { deleteOrgGroup, getOrgGroup, renameOrgGroup } from '@/lib/gateway/management/groups';
import { clientInfo } from '@/lib/platform/http/client-info';
import { MANAGEMENT_BODY_LIMIT, readJson } from '@/lib/platform/http/json-body';
import { managementAnswer, managementDone } from '@/lib/platform/http/management-response';
import { methodNotAllowed, route } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string; groupId: string }> };

// GET /v1/orgs/{orgId}/groups/{groupId} — the group and its members
export const GET = route<Ctx>(async (req, { params }) => {
  const { orgId, groupId } = await params;
  const caller = await authorizeManagement(req, orgId, 'groups:write');
  if (!caller.ok) return caller;
  return managementAnswer(await getOrgGroup(caller, groupId));
}, '/v1/orgs/{orgId}/groups/{groupId}');

// PATCH /v1/orgs/{orgId}/groups/{groupId} — rename it (a merge patch of display_name)
export const PATCH = route<Ctx>(async (req, { params }) => {
  const { orgId, groupId } = await params;
  const caller = await authorizeManagement(req, orgId, 'groups:write');
  if (!caller.ok) return caller;
  const patch = await readJson(req, MANAGEMENT_BODY_LIMIT, 'merge-patch');
  if (!patch.ok) return patch;
  return managementAnswer(await renameOrgGroup(caller, groupId, patch.json, clientInfo(req)));
}, '/v1/orgs/{orgId}/groups/{groupId}');

// DELETE /v1/orgs/{orgId}/groups/{groupId} — delete it: it leaves every app's rule, its members lose what it opened
export const DELETE = route<Ctx>(async (req, { params }) => {
  const { orgId, groupId } = await params;
  const caller = await authorizeManagement(req, orgId, 'groups:write');
  if (!caller.ok) return caller;
  return managementDone(await deleteOrgGroup(caller, groupId, clientInfo(req)));
}, '/v1/orgs/{orgId}/groups/{groupId}');

// Any other method on a group — 405 with Allow: GET, PATCH, DELETE
export const POST = methodNotAllowed('GET, PATCH, DELETE');
export const PUT = methodNotAllowed('GET, PATCH, DELETE');
