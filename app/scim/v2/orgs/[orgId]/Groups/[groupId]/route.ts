import { deleteScimGroup, getScimGroup, patchScimGroup, replaceScimGroup } from '@/lib/gateway/scim/groups';
import { methodNotAllowed, route } from '@/lib/platform/http/route';
import { readScimBody } from '@/lib/platform/http/scim-body';
import { scimContext } from '@/lib/platform/http/scim-context';
import { scimJson } from '@/lib/platform/http/scim-response';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string; groupId: string }> };

// GET /scim/v2/orgs/{orgId}/Groups/{id} — one scim group with its members
export const GET = route<Ctx>(async (req, { params }) => {
  const { orgId, groupId } = await params;
  const ctx = await scimContext(req, orgId);
  if (!ctx.ok) return ctx;
  const found = await getScimGroup(ctx, groupId);
  return found.ok ? scimJson(found.group) : found;
}, '/scim/v2/orgs/{orgId}/Groups/{id}');

// PUT /scim/v2/orgs/{orgId}/Groups/{id} — replace the group, members too
export const PUT = route<Ctx>(async (req, { params }) => {
  const { orgId, groupId } = await params;
  const ctx = await scimContext(req, orgId);
  if (!ctx.ok) return ctx;
  const body = await readScimBody(req);
  if (!body.ok) return body;
  const replaced = await replaceScimGroup(ctx, groupId, body.json);
  return replaced.ok ? scimJson(replaced.group) : replaced;
}, '/scim/v2/orgs/{orgId}/Groups/{id}');

// PATCH /scim/v2/orgs/{orgId}/Groups/{id} — members add/remove (members[value eq "…"]), displayName replace; all or nothing
export const PATCH = route<Ctx>(async (req, { params }) => {
  const { orgId, groupId } = await params;
  const ctx = await scimContext(req, orgId);
  if (!ctx.ok) return ctx;
  const body = await readScimBody(req);
  if (!body.ok) return body;
  const patched = await patchScimGroup(ctx, groupId, body.json);
  return patched.ok ? scimJson(patched.group) : patched;
}, '/scim/v2/orgs/{orgId}/Groups/{id}');

// DELETE /scim/v2/orgs/{orgId}/Groups/{id} — delete the group; its members lose the apps it alone opened
export const DELETE = route<Ctx>(async (req, { params }) => {
  const { orgId, groupId } = await params;
  const ctx = await scimContext(req, orgId);
  if (!ctx.ok) return ctx;
  const deleted = await deleteScimGroup(ctx, groupId);
  return deleted.ok ? new Response(null, { status: 204 }) : deleted;
}, '/scim/v2/orgs/{orgId}/Groups/{id}');

// Any other method on a group — 405 with Allow: GET, PUT, PATCH, DELETE
export const POST = methodNotAllowed('GET, PUT, PATCH, DELETE');
