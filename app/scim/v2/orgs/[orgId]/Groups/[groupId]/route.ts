import { deleteScimGroup, getScimGroup, patchScimGroup, replaceScimGroup } from '@/lib/gateway/scim/groups';
import { methodsNotAllowed } from '@/lib/platform/http/route';
import { scimJson } from '@/lib/platform/http/scim-response';
import { scimBodyRoute, scimRoute } from '@/lib/platform/http/scim-route';

export const dynamic = 'force-dynamic';

type Params = { orgId: string; groupId: string };
const TEMPLATE = '/scim/v2/orgs/{orgId}/Groups/{id}';

// GET /scim/v2/orgs/{orgId}/Groups/{id} — one scim group with its members
export const GET = scimRoute<Params>(TEMPLATE, async (ctx, { groupId }) => {
  const found = await getScimGroup(ctx, groupId);
  return found.ok ? scimJson(found.group) : found;
});

// PUT /scim/v2/orgs/{orgId}/Groups/{id} — replace the group, members too
export const PUT = scimBodyRoute<Params>(TEMPLATE, async (ctx, { groupId }, body) => {
  const replaced = await replaceScimGroup(ctx, groupId, body);
  return replaced.ok ? scimJson(replaced.group) : replaced;
});

// PATCH /scim/v2/orgs/{orgId}/Groups/{id} — members add/remove (members[value eq "…"]), displayName replace; all or nothing
export const PATCH = scimBodyRoute<Params>(TEMPLATE, async (ctx, { groupId }, body) => {
  const patched = await patchScimGroup(ctx, groupId, body);
  return patched.ok ? scimJson(patched.group) : patched;
});

// DELETE /scim/v2/orgs/{orgId}/Groups/{id} — delete the group; its members lose the apps it alone opened
export const DELETE = scimRoute<Params>(TEMPLATE, async (ctx, { groupId }) => {
  const deleted = await deleteScimGroup(ctx, groupId);
  return deleted.ok ? new Response(null, { status: 204 }) : deleted;
});

// Any other method on a group — 405 with Allow: GET, PUT, PATCH, DELETE
export const { POST } = methodsNotAllowed('GET, PUT, PATCH, DELETE');
