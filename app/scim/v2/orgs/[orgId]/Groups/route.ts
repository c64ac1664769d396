import { createScimGroup, listGroupsForScim } from '@/lib/gateway/scim/groups';
import { methodNotAllowed, route } from '@/lib/platform/http/route';
import { readScimBody } from '@/lib/platform/http/scim-body';
import { scimContext } from '@/lib/platform/http/scim-context';
import { scimJson } from '@/lib/platform/http/scim-response';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string }> };

// GET /scim/v2/orgs/{orgId}/Groups — the org's scim groups: filter displayName/externalId eq, startIndex/count paging
export const GET = route<Ctx>(async (req, { params }) => {
  const ctx = await scimContext(req, (await params).orgId);
  if (!ctx.ok) return ctx;
  const listed = await listGroupsForScim(ctx, new URL(req.url).searchParams);
  return listed.ok ? scimJson(listed.list) : listed;
}, '/scim/v2/orgs/{orgId}/Groups');

// POST /scim/v2/orgs/{orgId}/Groups — a new scim group; its members must be members of the org
export const POST = route<Ctx>(async (req, { params }) => {
  const ctx = await scimContext(req, (await params).orgId);
  if (!ctx.ok) return ctx;
  const body = await readScimBody(req);
  if (!body.ok) return body;
  const created = await createScimGroup(ctx, body.json);
  return created.ok ? scimJson(created.group, { status: 201, location: created.group.meta.location }) : created;
}, '/scim/v2/orgs/{orgId}/Groups');

// Any other method on the Groups collection — 405 with Allow: GET, POST
export const PUT = methodNotAllowed('GET, POST');
export const PATCH = methodNotAllowed('GET, POST');
export const DELETE = methodNotAllowed('GET, POST');
