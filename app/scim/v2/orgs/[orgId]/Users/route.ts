import { createUser, listUsers } from '@/lib/gateway/scim/users';
import { methodNotAllowed, route } from '@/lib/platform/http/route';
import { readScimBody } from '@/lib/platform/http/scim-body';
import { scimContext } from '@/lib/platform/http/scim-context';
import { scimJson } from '@/lib/platform/http/scim-response';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string }> };

// GET /scim/v2/orgs/{orgId}/Users — the org's own SCIM users: filter userName/displayName/externalId eq, startIndex/count paging
export const GET = route<Ctx>(async (req, { params }) => {
  const ctx = await scimContext(req, (await params).orgId);
  if (!ctx.ok) return ctx;
  const listed = await listUsers(ctx, new URL(req.url).searchParams);
  return listed.ok ? scimJson(listed.list) : listed;
}, '/scim/v2/orgs/{orgId}/Users');

// POST /scim/v2/orgs/{orgId}/Users — provision a person at the org's verified domain: a new account, or an existing one claimed
export const POST = route<Ctx>(async (req, { params }) => {
  const ctx = await scimContext(req, (await params).orgId);
  if (!ctx.ok) return ctx;
  const body = await readScimBody(req);
  if (!body.ok) return body;
  const created = await createUser(ctx, body.json);
  return created.ok ? scimJson(created.user, { status: 201, location: created.user.meta.location }) : created;
}, '/scim/v2/orgs/{orgId}/Users');

// Any other method on the Users collection — 405 with Allow: GET, POST
export const PUT = methodNotAllowed('GET, POST');
export const PATCH = methodNotAllowed('GET, POST');
export const DELETE = methodNotAllowed('GET, POST');
