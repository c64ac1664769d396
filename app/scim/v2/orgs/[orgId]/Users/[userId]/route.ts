import { deleteUser, getUser, patchScimUser, replaceUser } from '@/lib/gateway/scim/users';
import { methodNotAllowed, route } from '@/lib/platform/http/route';
import { readScimBody } from '@/lib/platform/http/scim-body';
import { scimContext } from '@/lib/platform/http/scim-context';
import { scimJson } from '@/lib/platform/http/scim-response';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string; userId: string }> };

// GET /scim/v2/orgs/{orgId}/Users/{id} — one SCIM user, suspended ones too (active: false)
export const GET = route<Ctx>(async (req, { params }) => {
  const { orgId, userId } = await params;
  const ctx = await scimContext(req, orgId);
  if (!ctx.ok) return ctx;
  const found = await getUser(ctx, userId);
  return found.ok ? scimJson(found.user) : found;
}, '/scim/v2/orgs/{orgId}/Users/{id}');

// PUT /scim/v2/orgs/{orgId}/Users/{id} — replace the user; active: false suspends the membership, true restores it
export const PUT = route<Ctx>(async (req, { params }) => {
  const { orgId, userId } = await params;
  const ctx = await scimContext(req, orgId);
  if (!ctx.ok) return ctx;
  const body = await readScimBody(req);
  if (!body.ok) return body;
  const replaced = await replaceUser(ctx, userId, body.json);
  return replaced.ok ? scimJson(replaced.user) : replaced;
}, '/scim/v2/orgs/{orgId}/Users/{id}');

// PATCH /scim/v2/orgs/{orgId}/Users/{id} — PatchOp operations, all or nothing
export const PATCH = route<Ctx>(async (req, { params }) => {
  const { orgId, userId } = await params;
  const ctx = await scimContext(req, orgId);
  if (!ctx.ok) return ctx;
  const body = await readScimBody(req);
  if (!body.ok) return body;
  const patched = await patchScimUser(ctx, userId, body.json);
  return patched.ok ? scimJson(patched.user) : patched;
}, '/scim/v2/orgs/{orgId}/Users/{id}');

// DELETE /scim/v2/orgs/{orgId}/Users/{id} — deprovision: the person leaves the org (their account stays)
export const DELETE = route<Ctx>(async (req, { params }) => {
  const { orgId, userId } = await params;
  const ctx = await scimContext(req, orgId);
  if (!ctx.ok) return ctx;
  const deleted = await deleteUser(ctx, userId);
  return deleted.ok ? new Response(null, { status: 204 }) : deleted;
}, '/scim/v2/orgs/{orgId}/Users/{id}');

// Any other method on a user — 405 with Allow: GET, PUT, PATCH, DELETE
export const POST = methodNotAllowed('GET, PUT, PATCH, DELETE');
