import { authorizeManagement } from '@/lib/auth/management-caller';
import { createOrgGroup, listOrgGroups } from '@/lib/gateway/management/groups';
import { env } from '@/lib/platform/config/env';
import { clientInfo } from '@/lib/platform/http/client-info';
import { MANAGEMENT_BODY_LIMIT, readJson } from '@/lib/platform/http/json-body';
import { managementAnswer, managementJson } from '@/lib/platform/http/management-response';
import { methodNotAllowed, route } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string }> };

// GET /v1/orgs/{orgId}/groups — the org's groups by name, with their member counts
export const GET = route<Ctx>(async (req, { params }) => {
  const { orgId } = await params;
  const caller = await authorizeManagement(req, orgId, 'groups:write');
  if (!caller.ok) return caller;
  return managementAnswer(await listOrgGroups(caller));
}, '/v1/orgs/{orgId}/groups');

// POST /v1/orgs/{orgId}/groups — create a console group, or an oidc group with its external id (201 + Location)
export const POST = route<Ctx>(async (req, { params }) => {
  const { orgId } = await params;
  const caller = await authorizeManagement(req, orgId, 'groups:write');
  if (!caller.ok) return caller;
  const body = await readJson(req, MANAGEMENT_BODY_LIMIT);
  if (!body.ok) return body;
  const made = await createOrgGroup(caller, body.json, clientInfo(req));
  if (!made.ok) return made;
  const location = `${env().APP_URL}/v1/orgs/${encodeURIComponent(orgId)}/groups/${made.group.id}`;
  return managementJson({ group: made.group }, 201, { location });
}, '/v1/orgs/{orgId}/groups');

// Any other method on the groups collection — 405 with Allow: GET, POST
export const PUT = methodNotAllowed('GET, POST');
export const PATCH = methodNotAllowed('GET, POST');
export const DELETE = methodNotAllowed('GET, POST');
