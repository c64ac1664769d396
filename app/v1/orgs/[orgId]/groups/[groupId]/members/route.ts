import { authorizeManagement } from '@/lib/auth/management-caller';
import { addOrgGroupMember } from '@/lib/gateway/management/groups';
import { clientInfo } from '@/lib/platform/http/client-info';
import { MANAGEMENT_BODY_LIMIT, readJson } from '@/lib/platform/http/json-body';
import { managementAnswer } from '@/lib/platform/http/management-response';
import { methodNotAllowed, route } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string; groupId: string }> };

// POST /v1/orgs/{orgId}/groups/{groupId}/members — add a member of the org by email (the group and its members answer)
export const POST = route<Ctx>(async (req, { params }) => {
  const { orgId, groupId } = await params;
  const caller = await authorizeManagement(req, orgId, 'groups:write');
  if (!caller.ok) return caller;
  const body = await readJson(req, MANAGEMENT_BODY_LIMIT);
  if (!body.ok) return body;
  return managementAnswer(await addOrgGroupMember(caller, groupId, body.json, clientInfo(req)));
}, '/v1/orgs/{orgId}/groups/{groupId}/members');

// Any other method on a group's members — 405 with Allow: POST
export const GET = methodNotAllowed('POST');
export const PUT = methodNotAllowed('POST');
export const PATCH = methodNotAllowed('POST');
export const DELETE = methodNotAllowed('POST');
