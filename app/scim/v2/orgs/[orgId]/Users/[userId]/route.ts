import { deleteUser, getUser, patchScimUser, replaceUser } from '@/lib/gateway/scim/users';
import { methodsNotAllowed } from '@/lib/platform/http/route';
import { scimJson } from '@/lib/platform/http/scim-response';
import { scimBodyRoute, scimRoute } from '@/lib/platform/http/scim-route';

export const dynamic = 'force-dynamic';

type Params = { orgId: string; userId: string };
const TEMPLATE = '/scim/v2/orgs/{orgId}/Users/{id}';

// GET /scim/v2/orgs/{orgId}/Users/{id} — one SCIM user, suspended ones too (active: false)
export const GET = scimRoute<Params>(TEMPLATE, async (ctx, { userId }) => {
  const found = await getUser(ctx, userId);
  return found.ok ? scimJson(found.user) : found;
});

// PUT /scim/v2/orgs/{orgId}/Users/{id} — replace the user; active: false suspends the membership, true restores it
export const PUT = scimBodyRoute<Params>(TEMPLATE, async (ctx, { userId }, body) => {
  const replaced = await replaceUser(ctx, userId, body);
  return replaced.ok ? scimJson(replaced.user) : replaced;
});

// PATCH /scim/v2/orgs/{orgId}/Users/{id} — PatchOp operations, all or nothing
export const PATCH = scimBodyRoute<Params>(TEMPLATE, async (ctx, { userId }, body) => {
  const patched = await patchScimUser(ctx, userId, body);
  return patched.ok ? scimJson(patched.user) : patched;
});

// DELETE /scim/v2/orgs/{orgId}/Users/{id} — deprovision: the person leaves the org (their account stays)
export const DELETE = scimRoute<Params>(TEMPLATE, async (ctx, { userId }) => {
  const deleted = await deleteUser(ctx, userId);
  return deleted.ok ? new Response(null, { status: 204 }) : deleted;
});

// Any other method on a user — 405 with Allow: GET, PUT, PATCH, DELETE
export const { POST } = methodsNotAllowed('GET, PUT, PATCH, DELETE');
