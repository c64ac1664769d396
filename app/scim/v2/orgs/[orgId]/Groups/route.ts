import { createScimGroup, listGroupsForScim } from '@/lib/gateway/scim/groups';
import { methodsNotAllowed } from '@/lib/platform/http/route';
import { scimJson } from '@/lib/platform/http/scim-response';
import { scimBodyRoute, scimRoute } from '@/lib/platform/http/scim-route';

export const dynamic = 'force-dynamic';

const TEMPLATE = '/scim/v2/orgs/{orgId}/Groups';

// GET /scim/v2/orgs/{orgId}/Groups — the org's scim groups: filter displayName/externalId eq, startIndex/count paging
export const GET = scimRoute(TEMPLATE, async (ctx, _params, req) => {
  const listed = await listGroupsForScim(ctx, new URL(req.url).searchParams);
  return listed.ok ? scimJson(listed.list) : listed;
});

// POST /scim/v2/orgs/{orgId}/Groups — a new scim group; its members must be members of the org
export const POST = scimBodyRoute(TEMPLATE, async (ctx, _params, body) => {
  const created = await createScimGroup(ctx, body);
  return created.ok ? scimJson(created.group, { status: 201, location: created.group.meta.location }) : created;
});

// Any other method on the Groups collection — 405 with Allow: GET, POST
export const { PUT, PATCH, DELETE } = methodsNotAllowed('GET, POST');
