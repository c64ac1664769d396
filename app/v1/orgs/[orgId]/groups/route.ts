import { managementBodyRoute, managementRoute } from '@/lib/auth/management-route';
import { createOrgGroup, listOrgGroups } from '@/lib/gateway/management/groups';
import { env } from '@/lib/platform/config/env';
import { clientInfo } from '@/lib/platform/http/client-info';
import { managementAnswer, managementJson } from '@/lib/platform/http/management-response';
import { methodsNotAllowed } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

const TEMPLATE = '/v1/orgs/{orgId}/groups';

// GET /v1/orgs/{orgId}/groups — the org's groups by name, with their member counts
export const GET = managementRoute(TEMPLATE, 'groups:write', async (caller) => managementAnswer(await listOrgGroups(caller)));

// POST /v1/orgs/{orgId}/groups — create a console group, or an oidc group with its external id (201 + Location)
export const POST = managementBodyRoute(TEMPLATE, 'groups:write', async (caller, { orgId }, body, req) => {
  const made = await createOrgGroup(caller, body, clientInfo(req));
  if (!made.ok) return made;
  const location = `${env().APP_URL}/v1/orgs/${encodeURIComponent(orgId)}/groups/${made.group.id}`;
  return managementJson({ group: made.group }, 201, { location });
});

// Any other method on the groups collection — 405 with Allow: GET, POST
export const { PUT, PATCH, DELETE } = methodsNotAllowed('GET, POST');
