import { createUser, listUsers } from '@/lib/gateway/scim/users';
import { methodsNotAllowed } from '@/lib/platform/http/route';
import { scimJson } from '@/lib/platform/http/scim-response';
import { scimBodyRoute, scimRoute } from '@/lib/platform/http/scim-route';

export const dynamic = 'force-dynamic';

const TEMPLATE = '/scim/v2/orgs/{orgId}/Users';

// GET /scim/v2/orgs/{orgId}/Users — the org's own SCIM users: filter userName/displayName/externalId eq, startIndex/count paging
export const GET = scimRoute(TEMPLATE, async (ctx, _params, req) => {
  const listed = await listUsers(ctx, new URL(req.url).searchParams);
  return listed.ok ? scimJson(listed.list) : listed;
});

// POST /scim/v2/orgs/{orgId}/Users — provision a person at the org's verified domain: a new account, or an existing one claimed
export const POST = scimBodyRoute(TEMPLATE, async (ctx, _params, body) => {
  const created = await createUser(ctx, body);
  return created.ok ? scimJson(created.user, { status: 201, location: created.user.meta.location }) : created;
});

// Any other method on the Users collection — 405 with Allow: GET, POST
export const { PUT, PATCH, DELETE } = methodsNotAllowed('GET, POST');
